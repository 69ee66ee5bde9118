//! Built-in programmes (embedded) and the person's own (`<config dir>/programmes/*.toml`).
//! (Owned by the foundation work; this is the agreed interface.)

use crate::domain::programme::Programme;
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

pub fn load_catalogue(_programmes_dir: &Path) -> Catalogue {
    Catalogue::default()
}
