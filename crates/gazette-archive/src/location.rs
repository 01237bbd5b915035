//! Which store an archive uses, chosen by one URL in one place:
//! `sqlite:PATH` (the default: `archive.sqlite` in the data directory) or
//! `postgres://…` / `postgresql://…` (a PostgreSQL database that several
//! instances share). The CLI takes it as `--store` or `GAZETTE_STORE`; this
//! module reads it ([`StoreLocation::parse`], [`StoreLocation::chosen`])
//! and opens the backend. The data directory keeps the per-instance
//! indexes (search, facts) whatever the store.

use std::path::{Path, PathBuf};

use gazette_store::Store;
use gazette_store_postgres::PostgresStore;
use gazette_store_sqlite::SqliteStore;

use crate::{watch, ArchiveError, Result};

/// Where an archive's store is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// An SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL database, by its URL (kept as given: it may hold a
    /// password, so it is never printed whole).
    Postgres(String),
}

impl StoreLocation {
    /// The environment variable the CLI reads a store URL from.
    pub const ENV: &'static str = "GAZETTE_STORE";

    /// The default store of the data directory `dir`:
    /// `sqlite:DIR/archive.sqlite`.
    pub fn in_dir(dir: &Path) -> StoreLocation {
        StoreLocation::Sqlite(crate::store_path(dir))
    }

    /// Reads a store URL: `sqlite:PATH`, `postgres://…` or
    /// `postgresql://…`. Anything else is refused with
    /// [`ArchiveError::StoreUrl`] naming the forms it takes.
    pub fn parse(url: &str) -> Result<StoreLocation> {
        let url = url.trim();
        if let Some(path) = url.strip_prefix("sqlite:") {
            let path = path.strip_prefix("//").unwrap_or(path);
            if path.is_empty() {
                return Err(ArchiveError::StoreUrl(
                    "sqlite: needs a path (sqlite:PATH)".to_owned(),
                ));
            }
            return Ok(StoreLocation::Sqlite(PathBuf::from(path)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(StoreLocation::Postgres(url.to_owned()));
        }
        let scheme = url.split(':').next().unwrap_or_default();
        Err(ArchiveError::StoreUrl(format!(
            "unknown store “{scheme}:…”: give sqlite:PATH or postgres://USER@HOST/DATABASE"
        )))
    }

    /// The store `url` names, or the default of `dir` when there is none:
    /// what `--store` / `GAZETTE_STORE` choose.
    pub fn chosen(url: Option<&str>, dir: &Path) -> Result<StoreLocation> {
        match url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => StoreLocation::parse(url),
            None => Ok(StoreLocation::in_dir(dir)),
        }
    }

    /// Opens a connection to the store, creating it (or its tables) when
    /// missing.
    pub fn open(&self) -> Result<Box<dyn Store>> {
        Ok(match self {
            StoreLocation::Sqlite(path) => {
                // A `file:` URI names a database in memory (`Archive::in_memory`).
                let in_memory = path.to_str().is_some_and(|p| p.starts_with("file:"));
                if let Some(parent) = path
                    .parent()
                    .filter(|p| !in_memory && !p.as_os_str().is_empty())
                {
                    std::fs::create_dir_all(parent).map_err(|source| ArchiveError::DataDir {
                        path: parent.to_path_buf(),
                        source,
                    })?;
                }
                Box::new(SqliteStore::open(path)?)
            }
            StoreLocation::Postgres(url) => Box::new(PostgresStore::open(url)?),
        })
    }

    /// What the archive watches to notice the store replaced: an SQLite
    /// file; nothing for PostgreSQL (its change sequence alone is checked).
    pub(crate) fn watched(&self) -> watch::StoreFile {
        match self {
            StoreLocation::Sqlite(path) => watch::StoreFile::at(path),
            StoreLocation::Postgres(_) => watch::StoreFile::none(),
        }
    }
}

impl std::fmt::Display for StoreLocation {
    /// The location for messages: the SQLite path, or the PostgreSQL URL
    /// without its password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreLocation::Sqlite(path) => write!(f, "sqlite:{}", path.display()),
            StoreLocation::Postgres(url) => {
                let shown = match (url.find("://"), url.rfind('@')) {
                    (Some(scheme_end), Some(at)) if at > scheme_end => {
                        let userinfo = &url[scheme_end + 3..at];
                        let user = userinfo.split(':').next().unwrap_or_default();
                        format!("{}{user}@{}", &url[..scheme_end + 3], &url[at + 1..])
                    }
                    _ => url.clone(),
                };
                f.write_str(&shown)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_forms_are_read_and_others_refused() {
        assert_eq!(
            StoreLocation::parse("sqlite:/srv/gazette/archive.sqlite").expect("sqlite"),
            StoreLocation::Sqlite(PathBuf::from("/srv/gazette/archive.sqlite"))
        );
        assert_eq!(
            StoreLocation::parse("sqlite:relative.sqlite").expect("relative"),
            StoreLocation::Sqlite(PathBuf::from("relative.sqlite"))
        );
        let url = "postgres://gazette@localhost/gazette";
        assert_eq!(
            StoreLocation::parse(url).expect("postgres"),
            StoreLocation::Postgres(url.to_owned())
        );
        assert!(matches!(
            StoreLocation::parse("postgresql:///gazette?host=/run/postgresql"),
            Ok(StoreLocation::Postgres(_))
        ));
        for bad in ["mysql://x/y", "sqlite:", "archive.sqlite"] {
            let error = StoreLocation::parse(bad).expect_err(bad);
            assert!(matches!(error, ArchiveError::StoreUrl(_)), "{bad}: {error}");
        }
    }

    #[test]
    fn no_url_is_the_data_directory_s_file() {
        let dir = Path::new("/srv/gazette");
        assert_eq!(
            StoreLocation::chosen(None, dir).expect("default"),
            StoreLocation::Sqlite(dir.join("archive.sqlite"))
        );
        assert_eq!(
            StoreLocation::chosen(Some("  "), dir).expect("blank"),
            StoreLocation::in_dir(dir)
        );
    }

    #[test]
    fn a_password_is_never_shown() {
        let location = StoreLocation::Postgres("postgres://gazette:s3cret@db/gazette".to_owned());
        assert_eq!(location.to_string(), "postgres://gazette@db/gazette");
    }
}
