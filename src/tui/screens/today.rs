//! Today: the plan (phase, week, each exercise at its rung and dose, the decision and reasons),
//! a stop or referral said plainly at the top, the check-in, streak, adherence and the last
//! 14 mornings.

use crate::domain::config::Units;
use crate::domain::history::DayCheckIn;
use crate::domain::insight::{ADHERENCE_DAYS, MORNING_SERIES_DAYS, sparkline};
use crate::domain::pain::{Rating, Zone};
use crate::domain::phrase::PlanWords;
use crate::domain::plan::Plan;
use crate::domain::programme::Programme;
use crate::domain::reason::Reason;
use crate::domain::red_flags::Urgency;
use crate::tui::keymap::{Binding, Key};
use crate::tui::screens::today_banner::banner;
use crate::tui::screens::today_running;
use crate::tui::screens::wrapped_height;
use crate::tui::session_view::wrap;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TodayAction {
    Start,
    CheckIn,
    Switch,
    History,
    Acknowledge,
    ClinicianSeen,
    ScrollUp,
    ScrollDown,
    Top,
    Bottom,
    Banner,
    Quit,
}

pub const KEYS: &[Binding<TodayAction>] = &[
    Binding {
        keys: &[Key::Enter, Key::Char('s')],
        hint: "start",
        help: "start today's session",
        action: TodayAction::Start,
    },
    Binding {
        keys: &[Key::Char('c')],
        hint: "check-in",
        help: "morning check-in (pain, stiffness, load test)",
        action: TodayAction::CheckIn,
    },
    Binding {
        keys: &[Key::Char('a')],
        hint: "acknowledge",
        help: "acknowledge the advice to see a clinician",
        action: TodayAction::Acknowledge,
    },
    Binding {
        keys: &[Key::Char('C')],
        hint: "clinician seen",
        help: "confirm a clinician has seen you (unlocks exercise after a stop)",
        action: TodayAction::ClinicianSeen,
    },
    Binding {
        keys: &[Key::Char('h')],
        hint: "history",
        help: "open history: pain chart, calendar, sessions, decisions",
        action: TodayAction::History,
    },
    Binding {
        keys: &[Key::Char('p')],
        hint: "programme",
        help: "switch programme (your history is kept)",
        action: TodayAction::Switch,
    },
    Binding {
        keys: &[Key::Up, Key::Char('k')],
        hint: "",
        help: "scroll up",
        action: TodayAction::ScrollUp,
    },
    Binding {
        keys: &[Key::Down, Key::Char('j')],
        hint: "more",
        help: "scroll down",
        action: TodayAction::ScrollDown,
    },
    Binding {
        keys: &[Key::Home, Key::Char('g')],
        hint: "",
        help: "back to the top",
        action: TodayAction::Top,
    },
    Binding {
        keys: &[Key::End, Key::Char('G')],
        hint: "",
        help: "down to the last exercise",
        action: TodayAction::Bottom,
    },
    Binding {
        keys: &[Key::Char('i')],
        hint: "advice",
        help: "show the clinician advice in full, or fold it to one line (on small screens)",
        action: TodayAction::Banner,
    },
    Binding {
        keys: &[Key::Char('q')],
        hint: "quit",
        help: "quit rehab",
        action: TodayAction::Quit,
    },
];

/// Below this many rows for Today, the referral folds to one line (`i` opens it) and the
/// spacing goes, so the exercises stay in view at 80×24.
pub const COMPACT_ROWS: u16 = 22;

/// Whether exercise is allowed today, after the coach's decision and the red-flag answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Safety {
    Clear,
    /// See a clinician; `reason` is stored when acknowledged. Hold/regress only.
    Refer {
        reason: String,
        words: String,
        acknowledged: bool,
    },
    /// All exercise locked.
    Stop(Urgency),
}

/// Everything Today shows, prepared by the app from the journal and the coach.
#[derive(Debug, Clone)]
pub struct TodayModel<'a> {
    pub date: NaiveDate,
    pub programme: Option<&'a Programme>,
    /// The current programme id when it is not in the catalogue.
    pub missing_programme: Option<&'a str>,
    pub plan: Option<&'a Plan>,
    pub safety: Safety,
    pub checkin: Option<&'a DayCheckIn>,
    pub done_today: bool,
    /// A session from today was left part-way (quit or a closed terminal): `s` resumes it.
    pub unfinished_today: bool,
    /// Exercises with at least one set logged today.
    pub done_exercises: Vec<&'a str>,
    /// When the current programme was started.
    pub programme_start: Option<NaiveDate>,
    pub streak: u32,
    /// Days of the streak with some sets, not all.
    pub streak_partial: u32,
    /// Partial days in the adherence window (not counted as sessions done).
    pub adherence_partial: u32,
    /// The morning check-in or the red-flag questions are due: `c` answers both.
    pub checkin_wanted: bool,
    pub adherence: (u32, u32),
    pub mornings: Vec<Option<u8>>,
    pub green_max: u8,
    pub amber_max: u8,
    /// How distances are said (config.toml `units`).
    pub units: Units,
    pub scroll: u16,
}

impl TodayModel<'_> {
    /// Whether any exercise is still due today (after a session: only when `per_day` > 1).
    pub fn exercise_due(&self) -> bool {
        self.plan
            .is_some_and(|p| p.exercises.iter().any(|e| e.due_today))
    }

    /// Whether an action is offered now (hidden from the footer and refused otherwise). After
    /// today's session, start is offered only while exercises are still due.
    pub fn offers(&self, action: TodayAction) -> bool {
        match action {
            TodayAction::Start => {
                self.plan.is_some()
                    && !matches!(self.safety, Safety::Stop(_))
                    && (!self.done_today || self.exercise_due() || self.unfinished_today)
            }
            TodayAction::Acknowledge => {
                matches!(
                    self.safety,
                    Safety::Refer {
                        acknowledged: false,
                        ..
                    }
                )
            }
            TodayAction::ClinicianSeen => matches!(self.safety, Safety::Stop(_)),
            TodayAction::Banner => matches!(self.safety, Safety::Refer { .. }),
            TodayAction::CheckIn => self.programme.is_some(),
            _ => true,
        }
    }
}

fn zone_words(value: u8, green_max: u8, amber_max: u8) -> String {
    let rating = Rating::new(i64::from(value)).unwrap_or(Rating::ZERO);
    let z = Zone::of(rating, green_max, amber_max);
    format!("{value}/10 {} {}", z.symbol(), z.word())
}

/// The plan part of Today (scrollable): programme, phase, decision, reasons, exercises.
/// Reasons and prompts wrap under their first word, not at the screen's left edge.
fn hanging_lines(
    text: &str,
    first: &str,
    rest: &str,
    width: u16,
    style: ratatui::style::Style,
) -> impl Iterator<Item = Line<'static>> {
    wrap::hanging(text, first, rest, width)
        .into_iter()
        .map(move |row| Line::styled(row, style))
}

fn plan_lines(model: &TodayModel, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let Some(programme) = model.programme else {
        out.push(Line::styled("No programme chosen", theme.title()));
        if let Some(id) = model.missing_programme {
            out.push(Line::raw(format!(
                "Your programme \"{id}\" is not installed any more (see `rehab programmes list`)."
            )));
        }
        out.push(Line::raw("Press p to choose one."));
        return out;
    };
    if let Some(plan) = model.plan {
        let phase_name = programme
            .phases
            .get(plan.phase_index)
            .map_or(String::new(), |p| format!(" {}", p.name));
        out.push(Line::styled(
            format!(
                "{} · phase {}{phase_name} · week {}",
                programme.name, plan.phase, plan.week
            ),
            theme.title(),
        ));
        let mut decision = format!("Decision: {}", plan.decision);
        if plan.deload {
            decision.push_str(" (deload week: lighter volume)");
        }
        out.push(Line::raw(decision));
        // Reasons are phrased from their data (stored text for an older journal's).
        let words = PlanWords::of_plan(plan, Some(programme));
        // Day-level reasons that an exercise already gives are shown once, under the exercise.
        let given_below = |r: &Reason| plan.exercises.iter().any(|e| e.reasons.contains(r));
        for r in plan.reasons.iter().filter(|r| !given_below(r)) {
            let text = format!("{} ({})", words.say(r), r.rule);
            out.extend(hanging_lines(&text, "  · ", "    ", width, theme.dim()));
        }
        for p in &plan.prompts {
            out.extend(hanging_lines(p, "  ▶ ", "    ", width, theme.accent()));
        }
        if model.checkin_wanted && model.offers(TodayAction::CheckIn) {
            out.push(Line::styled("  ▶ Press c to answer now.", theme.accent()));
        }
        out.push(Line::raw(""));
        // Locked: the heading says so in full, so it never sits above an empty space, and no
        // exercise is listed as if it could be done.
        out.push(Line::styled(
            if plan.locked {
                "Today's exercises: none, locked until a clinician has seen you"
            } else if model.done_today && !model.unfinished_today {
                "Today's exercises (session done ✓)"
            } else {
                "Today's exercises"
            },
            theme.title(),
        ));
        if plan.locked {
            return out;
        }
        if plan.exercises.is_empty() {
            out.push(Line::raw("  None in this phase."));
        }
        for (i, pe) in plan.exercises.iter().enumerate() {
            let Some(ex) = programme.exercise(&pe.exercise) else {
                continue;
            };
            let sides = match ex.sides {
                crate::domain::programme::Sides::Each => " (each side)",
                crate::domain::programme::Sides::Both => "",
            };
            let due = if pe.due_today {
                ""
            } else if model.done_exercises.contains(&pe.exercise.as_str()) {
                "  [done today]"
            } else {
                "  [not due today]"
            };
            let number = Span::raw(format!("{:>2}. ", i + 1));
            let name = Span::styled(format!("{}{sides}", ex.name), theme.accent());
            let dose = format!(
                "rung {}: {} · {}{due}",
                pe.rung,
                pe.dose.describe(ex.kind),
                pe.decision.word()
            );
            let whole = Line::from(vec![
                number.clone(),
                name.clone(),
                Span::raw(format!(" · {dose}")),
            ]);
            if whole.width() <= usize::from(width) {
                out.push(whole);
            } else {
                // Too long for one row: the dose goes under the name, indented, so no part of it
                // lands at the left edge among the exercise numbers.
                out.push(Line::from(vec![number, name]));
                out.extend(hanging_lines(
                    &dose,
                    "    ",
                    "    ",
                    width,
                    ratatui::style::Style::default(),
                ));
            }
            for r in &pe.reasons {
                out.extend(hanging_lines(
                    &words.say_under(&pe.exercise, r),
                    "      ",
                    "      ",
                    width,
                    theme.dim(),
                ));
            }
        }
        if let Some(running) = &plan.running {
            out.extend(today_running::advice_lines(
                running,
                model.date,
                model.units,
                width,
                theme,
            ));
        }
    }
    out
}

/// The fixed bottom part of Today: check-in, streak and adherence, the last mornings, and the
/// running summary for programmes with running caps.
fn stats_lines(model: &TodayModel, theme: Theme) -> Vec<Line<'static>> {
    let mut out = vec![checkin_line(model)];
    if model.programme.is_none() {
        return out;
    }
    let (done, planned) = model.adherence;
    let partly = match model.adherence_partial {
        0 => String::new(),
        n => format!(", {n} partial"),
    };
    // Nothing planned yet (the programme starts today): a ratio of 0 of 0 says nothing.
    let adherence = match (done * 100).checked_div(planned) {
        Some(percent) => {
            format!(
                "Last {ADHERENCE_DAYS} days: {done} of {planned} planned sessions{partly} ({percent} %)"
            )
        }
        None if model.programme_start == Some(model.date) => {
            "first day of the programme".to_string()
        }
        None => format!("Last {ADHERENCE_DAYS} days: no sessions planned yet"),
    };
    let streak_partly = match model.streak_partial {
        0 => String::new(),
        n => format!(" ({n} partial)"),
    };
    out.push(Line::raw(format!(
        "Streak: {} day{}{streak_partly} · {adherence}",
        model.streak,
        if model.streak == 1 { "" } else { "s" },
    )));
    let latest = model.mornings.iter().rev().flatten().next();
    out.push(Line::raw(format!(
        "Morning pain, {MORNING_SERIES_DAYS} days: [{}]{}",
        sparkline(&model.mornings),
        latest.map_or(String::new(), |v| format!("  latest {v}/10"))
    )));
    let running = model.plan.and_then(|p| p.running.as_ref());
    if let Some(advice) = running.filter(|_| !matches!(model.safety, Safety::Stop(_))) {
        out.push(today_running::summary_line(
            advice,
            model.date,
            model.units,
            theme,
        ));
    }
    out
}

fn checkin_line(model: &TodayModel) -> Line<'static> {
    let Some(c) = model
        .checkin
        .filter(|c| c.pain.is_some() || c.stiffness.is_some())
    else {
        return Line::raw("Morning check-in: not done yet (press c).");
    };
    let mut parts = Vec::new();
    if let Some(p) = c.pain {
        parts.push(format!(
            "pain {}",
            zone_words(p.value(), model.green_max, model.amber_max)
        ));
    }
    if let Some(s) = c.stiffness {
        parts.push(format!("stiffness {}/10", s.value()));
    }
    if let Some(t) = c.load_test {
        parts.push(format!("load test {}/10", t.value()));
    }
    Line::raw(format!("Morning check-in: {}", parts.join(" · ")))
}

/// Banner at the top (a stop or referral, never scrolled away), the plan in the middle
/// (scrolls with ↑/↓), check-in and progress fixed at the bottom.
/// On a short screen (`COMPACT_ROWS`) the referral is one line unless `advice_open`, and the
/// blank rows between the parts go. Returns how far the plan can scroll.
pub fn render(
    model: &TodayModel,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
    advice_open: bool,
) -> u16 {
    let compact = area.height < COMPACT_ROWS;
    let banner = banner(model, theme, compact && !advice_open, compact);
    let stats = stats_lines(model, theme);
    let banner_height = wrapped_height(&banner, area.width);
    let gap = u16::from(!compact);
    let stats_height = wrapped_height(&stats, area.width) + gap;
    let [top, middle, bottom] = Layout::vertical([
        Constraint::Length(banner_height),
        Constraint::Min(1),
        Constraint::Length(stats_height),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(banner).wrap(Wrap { trim: false }), top);
    let plan = plan_lines(model, theme, middle.width);
    let max_scroll = wrapped_height(&plan, middle.width).saturating_sub(middle.height);
    frame.render_widget(
        Paragraph::new(plan)
            .wrap(Wrap { trim: false })
            .scroll((model.scroll.min(max_scroll), 0)),
        middle,
    );
    let [_, stats_area] =
        Layout::vertical([Constraint::Length(gap), Constraint::Min(0)]).areas(bottom);
    frame.render_widget(Paragraph::new(stats).wrap(Wrap { trim: false }), stats_area);
    max_scroll
}
