//! The programmes on offer: the built-ins plus the person's own, which add to them or replace one
//! by id. Pure data; `store::programme_files` reads the files and fills it.

use crate::domain::programme::Programme;
use crate::domain::programme_check::{Problem, parse_programme};
use std::path::PathBuf;

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
    /// Ids of built-ins replaced by a user programme with the same id.
    pub overridden_builtins: Vec<String>,
}

impl Catalogue {
    pub fn get(&self, id: &str) -> Option<&Programme> {
        self.entry(id).map(|e| &e.programme)
    }

    pub fn entry(&self, id: &str) -> Option<&CatalogueEntry> {
        self.entries.iter().find(|e| e.programme.id == id)
    }

    /// True when the entry with this id is a user programme that replaced a built-in.
    pub fn overrides_builtin(&self, id: &str) -> bool {
        self.overridden_builtins.iter().any(|o| o == id)
    }

    /// The built-in programmes from their (file name, text) pairs. A built-in that fails
    /// validation is a bug caught by the tests; at run time it becomes a warning, not a crash.
    pub fn from_builtin_texts(files: &[(&str, &str)]) -> Catalogue {
        let mut catalogue = Catalogue::default();
        for (file, text) in files {
            // The built-ins pass the full validator in the tests
            // (`every_builtin_passes_the_validator_users_run`), so a start only deserialises them:
            // the schema walk and second parse were a quarter of a 1-year start. The validator
            // still runs if one ever fails, for its message.
            let parsed = toml::from_str::<Programme>(text).or_else(|_| parse_programme(text));
            match parsed {
                Ok(programme) => catalogue.entries.push(CatalogueEntry {
                    programme,
                    origin: Origin::Builtin,
                }),
                Err(problems) => catalogue.warnings.push(format!(
                    "built-in {file} is invalid (please report this): {}",
                    first_problem(&problems)
                )),
            }
        }
        catalogue
    }

    /// Add or replace a programme loaded from `path`.
    pub fn add_user(&mut self, programme: Programme, path: PathBuf) {
        let replaces_builtin = self
            .entry(&programme.id)
            .is_some_and(|e| e.origin == Origin::Builtin);
        if replaces_builtin {
            self.overridden_builtins.push(programme.id.clone());
        }
        self.entries.retain(|e| e.programme.id != programme.id);
        self.entries.push(CatalogueEntry {
            programme,
            origin: Origin::File(path),
        });
    }
}

/// The first problem of a programme that failed validation, as "line L, column C: field: message".
pub fn first_problem(problems: &[Problem]) -> String {
    problems
        .first()
        .map(|p| {
            format!(
                "line {}, column {}: {}: {}",
                p.line, p.column, p.field, p.message
            )
        })
        .unwrap_or_default()
}
