//! Built-in programmes (embedded) and the person's own (`<config dir>/programmes/*.toml`).
//! (Owned by the foundation work; this minimal loader keeps the agreed interface.)

use crate::domain::programme::Programme;
use crate::domain::programme_check::parse_programme;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    Builtin,
    File(PathBuf),
}

#[derive(Debug, Clone)]
pub struct CatalogueEntry {
    pub programme: Programme,
    pub origin: Origin,
}

#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub entries: Vec<CatalogueEntry>,
    /// A broken user programme never stops the built-ins: it is named here with its error.
    pub warnings: Vec<String>,
}

impl Catalogue {
    pub fn get(&self, id: &str) -> Option<&Programme> {
        self.entries
            .iter()
            .find(|e| e.programme.id == id)
            .map(|e| &e.programme)
    }
}

/// Built-ins first, then `*.toml` in `programmes_dir` (a user file with a built-in's id replaces it).
pub fn load_catalogue(programmes_dir: &Path) -> Catalogue {
    let mut catalogue = Catalogue::default();
    let Ok(dir) = std::fs::read_dir(programmes_dir) else {
        return catalogue;
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
            Ok(programme) => {
                catalogue.entries.retain(|e| e.programme.id != programme.id);
                catalogue.entries.push(CatalogueEntry {
                    programme,
                    origin: Origin::File(path),
                });
            }
            Err(problems) => {
                let first = problems
                    .first()
                    .map(|p| format!("line {}: {}", p.line, p.message))
                    .unwrap_or_default();
                catalogue
                    .warnings
                    .push(format!("{}: not loaded ({first})", path.display()));
            }
        }
    }
    catalogue
}
