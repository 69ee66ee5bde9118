//! Built-in programmes (embedded in the binary, so a fresh install needs no set-up) and the
//! person's own (`<config dir>/programmes/*.toml`), which add to them or replace one by id.

use crate::domain::catalogue::{Catalogue, first_problem};
use crate::domain::programme_check::parse_programme;
use std::path::{Path, PathBuf};

/// The built-in programme files: (file name, text). Checked by the same validator as users' files.
pub const BUILTIN_FILES: [(&str, &str); 5] = [
    (
        "gluteal-tendinopathy.toml",
        include_str!("../../programmes/gluteal-tendinopathy.toml"),
    ),
    (
        "gluteus-medius-weakness.toml",
        include_str!("../../programmes/gluteus-medius-weakness.toml"),
    ),
    (
        "proximal-hamstring-tendinopathy.toml",
        include_str!("../../programmes/proximal-hamstring-tendinopathy.toml"),
    ),
    (
        "hip-osteoarthritis.toml",
        include_str!("../../programmes/hip-osteoarthritis.toml"),
    ),
    (
        "return-to-running.toml",
        include_str!("../../programmes/return-to-running.toml"),
    ),
];

/// The built-in programmes alone.
pub fn builtin_catalogue() -> Catalogue {
    Catalogue::from_builtin_texts(&BUILTIN_FILES)
}

/// Built-ins first, then `*.toml` in `programmes_dir` in name order (a user file with a built-in's
/// id replaces it). A missing directory simply means "no programmes of your own".
pub fn load_catalogue(programmes_dir: &Path) -> Catalogue {
    let mut catalogue = builtin_catalogue();
    let dir = match std::fs::read_dir(programmes_dir) {
        Ok(dir) => dir,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return catalogue,
        Err(e) => {
            catalogue.warnings.push(format!(
                "{}: cannot read your programmes folder ({e}); using the built-ins only",
                programmes_dir.display()
            ));
            return catalogue;
        }
    };
    let mut paths: Vec<PathBuf> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                catalogue
                    .warnings
                    .push(format!("{}: cannot read ({e}); skipped", path.display()));
                continue;
            }
        };
        match parse_programme(&text) {
            Ok(programme) => catalogue.add_user(programme, path),
            Err(problems) => catalogue.warnings.push(format!(
                "{}: not loaded, {} problem(s); first: {} (run `rehab programmes check {}` for all)",
                path.display(),
                problems.len(),
                first_problem(&problems),
                path.display()
            )),
        }
    }
    catalogue
}
