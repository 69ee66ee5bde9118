//! `rehab completions SHELL` and `rehab man`: generated from the clap definition, so they never
//! drift from `--help`.

use crate::cli::{Cli, EXIT_CODES_HELP};
use anyhow::Context as _;
use clap::CommandFactory;
use std::io::Write as _;
use std::process::ExitCode;

pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "rehab", &mut out);
    write_stdout(&out)
}

/// One page for the whole tool, with every subcommand's options in it.
pub fn man() -> anyhow::Result<ExitCode> {
    write_stdout(&man_page()?)
}

pub fn man_page() -> anyhow::Result<Vec<u8>> {
    let command = Cli::command();
    let man = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)
        .and_then(|()| man.render_name_section(&mut out))
        .and_then(|()| man.render_synopsis_section(&mut out))
        .and_then(|()| man.render_description_section(&mut out))
        .and_then(|()| man.render_options_section(&mut out))
        .context("cannot write the manual page")?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        subcommand_section(&mut out, sub, "rehab")?;
    }
    writeln!(
        out,
        ".SH \"FILES AND EXIT STATUS\"\n{}",
        roff_text(EXIT_CODES_HELP)
    )
    .context("cannot write the manual page")?;
    man.render_version_section(&mut out)
        .and_then(|()| man.render_authors_section(&mut out))
        .context("cannot write the manual page")?;
    Ok(out)
}

/// A `.SH` per subcommand (nested ones as `rehab journal list`), with its about and options.
fn subcommand_section(out: &mut Vec<u8>, sub: &clap::Command, prefix: &str) -> anyhow::Result<()> {
    let name = format!("{prefix} {}", sub.get_name());
    let about = sub
        .get_long_about()
        .or(sub.get_about())
        .map(|a| a.to_string())
        .unwrap_or_default();
    writeln!(out, ".SH \"{}\"", name.to_uppercase()).context("cannot write the manual page")?;
    writeln!(out, "{}", roff_text(&about)).context("cannot write the manual page")?;
    for arg in sub
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_global_set())
    {
        let flag = match (arg.get_long(), arg.get_short()) {
            (Some(long), Some(short)) => format!("\\-{short}, \\-\\-{long}"),
            (Some(long), None) => format!("\\-\\-{long}"),
            (None, _) => arg.get_id().as_str().to_uppercase(),
        };
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        writeln!(out, ".TP\n{flag}\n{}", roff_text(&help))
            .context("cannot write the manual page")?;
    }
    for nested in sub.get_subcommands().filter(|s| !s.is_hide_set()) {
        subcommand_section(out, nested, &name)?;
    }
    Ok(())
}

/// Plain text made safe for roff: backslashes and hyphens escaped, no line starting with a dot.
fn roff_text(text: &str) -> String {
    text.lines()
        .map(|line| {
            let escaped = line.replace('\\', "\\e").replace('-', "\\-");
            if escaped.starts_with('.') || escaped.starts_with('\'') {
                format!("\\&{escaped}")
            } else {
                escaped
            }
        })
        .collect::<Vec<_>>()
        .join("\n.br\n")
}

/// Generated text, as bytes: a closed pipe ends quietly like every other command's output.
fn write_stdout(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    crate::commands::output::write_out_bytes(bytes);
    crate::commands::output::flush_out();
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_man_page_names_every_subcommand_and_the_exit_codes() {
        let page = String::from_utf8(man_page().unwrap()).unwrap();
        for name in [
            "REHAB CHECKIN",
            "REHAB JOURNAL LIST",
            "REHAB COMPLETIONS",
            "REHAB MAN",
        ] {
            assert!(page.contains(name), "{name} missing");
        }
        assert!(page.contains("Exit status"), "exit codes missing");
    }
}
