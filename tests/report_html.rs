//! `rehab report --format html` over a generated 12-week journal: the page is well-formed, each
//! plot draws the expected number of points, text from files stays text, and headless Chromium
//! renders it (a screenshot that is not blank, a PDF of at most two A4 pages). Without Chromium
//! the browser test says why it skipped and passes; CI installs it (`.ci/run`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench that cannot set up should stop loudly

use chrono::{Days, NaiveDate};
use quick_xml::events::Event;
use rehab_coach::domain::catalogue::{Catalogue, CatalogueEntry, Origin};
use rehab_coach::domain::history::History;
use rehab_coach::domain::insight;
use rehab_coach::domain::pain::Rating;
use rehab_coach::domain::programme_check::parse_programme;
use rehab_coach::domain::records::{Record, RecordBody, RecordId};
use rehab_coach::domain::settings::CoachSettings;
use rehab_coach::export::{self, DayRange, sample};
use rehab_coach::store::journal_line::{FORMAT_VERSION, apply_fields};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const WEEKS: u64 = 12;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
}

fn day(n: u64) -> NaiveDate {
    start().checked_add_days(Days::new(n)).unwrap()
}

fn catalogue_from(toml: &str) -> Catalogue {
    Catalogue {
        entries: vec![CatalogueEntry {
            programme: parse_programme(toml).unwrap(),
            origin: Origin::Builtin,
        }],
        ..Catalogue::default()
    }
}

fn record(n: u32, on: u64, body: RecordBody) -> Record {
    Record {
        v: FORMAT_VERSION,
        id: RecordId(format!("extra-{n:04}").into()),
        at: format!("{}T20:00:00+01:00", day(on)).parse().unwrap(),
        date: day(on),
        body,
    }
}

/// The sample's first 12 weeks, plus a run that hurt and a clinician visit with a note.
fn twelve_weeks(note: &str) -> History {
    let mut records = sample::journal(start(), (WEEKS * 7) as u32);
    records.push(record(
        1,
        79,
        RecordBody::RunLogged {
            minutes: 30.0,
            km: Some(4.0),
            rpe: Some(Rating::new(5).unwrap()),
            pain: Some(Rating::new(5).unwrap()),
            imported: None,
        },
    ));
    records.push(record(
        2,
        45,
        RecordBody::ClinicianSeen {
            note: Some(note.into()),
        },
    ));
    History::replay(records, apply_fields)
}

fn html_of(history: &History, catalogue: &Catalogue) -> String {
    export::report_html(
        history,
        catalogue,
        &CoachSettings::default(),
        day(WEEKS * 7),
        DayRange::default(),
    )
}

/// Parses the page as strict XML (every tag closed and nested, attributes quoted) and counts,
/// per plot (`data-plot`), the elements of each `data-series`.
fn plot_points(html: &str) -> BTreeMap<(String, String), usize> {
    let mut reader = quick_xml::Reader::from_str(html);
    let mut counts = BTreeMap::new();
    let mut plot: Vec<(usize, String)> = Vec::new();
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().unwrap_or_else(|e| {
            panic!("not well-formed at byte {}: {e}", reader.buffer_position())
        });
        let attr = |e: &quick_xml::events::BytesStart, name: &str| {
            e.try_get_attribute(name)
                .unwrap()
                .map(|a| a.value.into_owned())
        };
        match event {
            Event::Start(e) => {
                depth += 1;
                if let Some(p) = attr(&e, "data-plot") {
                    plot.push((depth, p));
                }
                if let (Some(series), Some((_, p))) = (attr(&e, "data-series"), plot.last()) {
                    *counts.entry((p.clone(), series)).or_insert(0) += 1;
                }
            }
            Event::Empty(e) => {
                if let (Some(series), Some((_, p))) = (attr(&e, "data-series"), plot.last()) {
                    *counts.entry((p.clone(), series)).or_insert(0) += 1;
                }
            }
            Event::End(_) => {
                if plot.last().is_some_and(|(d, _)| *d == depth) {
                    plot.pop();
                }
                depth -= 1;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "every element is closed");
    counts
}

fn count(points: &BTreeMap<(String, String), usize>, plot: &str, series: &str) -> usize {
    points
        .get(&(plot.to_string(), series.to_string()))
        .copied()
        .unwrap_or(0)
}

#[test]
fn each_plot_draws_the_expected_points() {
    let catalogue = catalogue_from(include_str!("fixtures/quick.toml"));
    let history = twelve_weeks("physio: carry on");
    let html = html_of(&history, &catalogue);
    let points = plot_points(&html);
    let last = day(WEEKS * 7 - 1);
    assert_eq!(history.last_day, Some(last));
    let in_period = |d: NaiveDate| d >= start() && d <= last;

    let checkins: Vec<_> = history.checkins.values().collect();
    let rated = |f: fn(&&rehab_coach::domain::history::DayCheckIn) -> bool| {
        checkins.iter().filter(|c| f(c)).count()
    };
    assert_eq!(
        count(&points, "morning", "pain"),
        rated(|c| c.pain.is_some())
    );
    assert_eq!(
        count(&points, "morning", "stiffness"),
        rated(|c| c.stiffness.is_some())
    );

    // The sample's right side is one point sorer: left and right are drawn apart.
    let with_sets = |side| {
        history
            .sessions
            .iter()
            .filter(|s| s.sets.iter().any(|set| set.side == Some(side)))
            .count()
    };
    use rehab_coach::domain::records::Side;
    assert_eq!(count(&points, "sessions", "left"), with_sets(Side::Left));
    assert_eq!(count(&points, "sessions", "right"), with_sets(Side::Right));
    assert_eq!(count(&points, "sessions", "during"), 0);
    let finished = history.sessions.iter().filter(|s| s.finished.is_some());
    assert_eq!(count(&points, "sessions", "after"), finished.count());

    assert_eq!(html.matches("data-day=\"").count(), (WEEKS * 7) as usize);
    for kind in ["done", "partial", "flare", "missed"] {
        assert!(
            html.contains(&format!("class=\"day k-{kind}\"")),
            "no {kind} day"
        );
    }

    let rung_points: usize = ["quick-hold", "quick-reps", "quick-stretch"]
        .iter()
        .map(|ex| {
            let mut dates: Vec<_> = history
                .sessions
                .iter()
                .filter(|s| s.plan.exercises.iter().any(|e| e.exercise == *ex))
                .map(|s| s.date)
                .collect();
            dates.dedup();
            dates.len()
        })
        .sum();
    assert_eq!(count(&points, "ladder", "rung"), rung_points);
    let moved: usize = insight::plan_changes(&history)
        .iter()
        .filter(|c| c.previous.is_some())
        .map(|c| c.rungs.len())
        .sum();
    assert_eq!(html.matches("data-mark=\"").count(), moved);
    assert!(html.contains("data-mark=\"up\"") && html.contains("data-mark=\"down\""));

    let runs: Vec<_> = history.runs.iter().filter(|r| in_period(r.date)).collect();
    let painful = runs
        .iter()
        .filter(|r| r.pain.is_some_and(|p| p.value() > 2))
        .count();
    assert_eq!(count(&points, "runs", "painful-run"), painful);
    assert_eq!(count(&points, "runs", "run"), runs.len() - painful);
    assert_eq!(painful, 1);
    let weeks = insight::run_weeks(&history, &CoachSettings::default());
    assert_eq!(count(&points, "runs", "week"), weeks.len());

    let events = count(&points, "timeline", "event");
    assert_eq!(events, html.matches("<li class=\"event\">").count());
    // Plan changes that moved a rung (a return to "hold" is not one), the flare, the visit.
    let changes = insight::plan_changes(&history)
        .iter()
        .filter(|c| c.previous.is_some() && !c.rungs.is_empty())
        .count();
    assert_eq!(events, changes + 2);
    assert!(html.contains("physio: carry on"));
}

#[test]
fn the_page_fetches_nothing_and_runs_nothing() {
    let html = html_of(
        &twelve_weeks("ok"),
        &catalogue_from(include_str!("fixtures/quick.toml")),
    );
    for banned in ["<script", "src=", "href=", "@import", "url(", "<link"] {
        assert!(!html.contains(banned), "{banned} in the page");
    }
    assert!(html.contains("default-src 'none'"));
}

#[test]
fn hostile_names_and_notes_stay_text() {
    let evil = "<script>alert(1)</script>";
    let toml = include_str!("fixtures/quick.toml")
        .replace(
            "name = \"Quick hold\"",
            &format!("name = \"{evil} & hold\""),
        )
        .replace(
            "name = \"Quick test programme\"",
            "name = \"</svg><img src=x onerror=alert(2)>\"",
        );
    let catalogue = catalogue_from(&toml);
    let history = twelve_weeks("\"/><script>alert(3)</script><svg onload=alert(4)>");
    let html = html_of(&history, &catalogue);
    plot_points(&html); // still well-formed
    for banned in ["<script", "<img", "<svg onload", "onerror=alert(2)>"] {
        assert!(!html.contains(banned), "{banned} reached the markup");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; hold"));
    assert!(html.contains("&lt;/svg&gt;&lt;img src=x onerror=alert(2)&gt;"));
    assert!(html.contains("&quot;/&gt;&lt;script&gt;alert(3)"));
}

#[test]
fn an_empty_journal_still_makes_a_page() {
    let html = export::report_html(
        &History::default(),
        &Catalogue::default(),
        &CoachSettings::default(),
        start(),
        DayRange::default(),
    );
    plot_points(&html);
    assert!(html.contains("The journal is empty"));
    assert!(html.contains("does not diagnose"));
}

/// Runs `program` with `args`, killing it after `limit`.
fn run_with_limit(program: &str, args: &[String], limit: Duration) -> bool {
    let mut child = Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.success();
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn on_path(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Pages in a PDF: pdfinfo's count when it is installed, else the `/Type /Page` objects.
fn pdf_pages(pdf: &Path) -> usize {
    if let Ok(out) = Command::new("pdfinfo").arg(pdf).output()
        && out.status.success()
    {
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let line = text.lines().find(|l| l.starts_with("Pages:")).unwrap();
        return line["Pages:".len()..].trim().parse().unwrap();
    }
    let bytes = std::fs::read(pdf).unwrap();
    let needle = b"/Type /Page";
    bytes
        .windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

/// Share of pixels that differ from the top-left one (the page background), and whether some
/// are coloured (the plots), from an 8-bit RGB(A) PNG.
fn ink(png_path: &Path) -> (f64, bool) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert!(channels >= 3, "an RGB screenshot");
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let background = pixels[0];
    let differ = pixels.iter().filter(|p| p[..3] != background[..3]).count();
    let coloured = pixels.iter().any(|p| {
        let (r, g, b) = (i16::from(p[0]), i16::from(p[1]), i16::from(p[2]));
        (r - g).abs() > 60 || (g - b).abs() > 60 || (r - b).abs() > 60
    });
    (differ as f64 / pixels.len() as f64, coloured)
}

#[test]
fn chromium_renders_two_a4_pages_at_most() {
    if !on_path("chromium") {
        println!("skipped: chromium is not installed (.ci/run installs it with apt-get)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let catalogue = catalogue_from(include_str!("fixtures/quick.toml"));
    std::fs::write(
        &page,
        html_of(&twelve_weeks("physio: carry on"), &catalogue),
    )
    .unwrap();
    let url = format!("file://{}", page.display());
    let base = |profile: &str| -> Vec<String> {
        [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([format!(
            "--user-data-dir={}",
            dir.path().join(profile).display()
        )])
        .collect()
    };
    let limit = Duration::from_secs(120);
    let pdf = dir.path().join("report.pdf");
    let mut args = base("profile-pdf");
    args.extend([
        format!("--print-to-pdf={}", pdf.display()),
        "--no-pdf-header-footer".into(),
        url.clone(),
    ]);
    assert!(
        run_with_limit("chromium", &args, limit),
        "chromium printed the page"
    );
    let png = dir.path().join("report.png");
    let mut args = base("profile-png");
    args.extend([
        format!("--screenshot={}", png.display()),
        "--window-size=820,1160".into(),
        url,
    ]);
    assert!(
        run_with_limit("chromium", &args, limit),
        "chromium took a screenshot"
    );
    if let Some(keep) = std::env::var_os("REHAB_REPORT_KEEP") {
        for file in [&page, &pdf, &png] {
            std::fs::copy(file, Path::new(&keep).join(file.file_name().unwrap())).unwrap();
        }
    }
    let pages = pdf_pages(&pdf);
    assert!((1..=2).contains(&pages), "{pages} pages for 12 weeks");
    let (share, coloured) = ink(&png);
    assert!(
        share > 0.02,
        "the screenshot is nearly blank ({share:.3} inked)"
    );
    assert!(coloured, "the plots are drawn in colour");
}
