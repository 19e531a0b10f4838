//! Fingerprinted theme assets: each CSS and JavaScript file of the theme
//! (or the site's `static/` file that replaces it) is also published under
//! a name with a hash of its content, `css/style.3f9a2c1b7d.css`, which
//! templates get from `asset(path="css/style.css")`. A host may then cache
//! it for a year (see `_headers`): a changed file gets a new name. The
//! plain name is published too, for templates written before.
//!
//! The preview server turns this off, so that a stylesheet saved in the
//! editor is swapped in place.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::theme::{StaticFile, StaticSource};

/// The fingerprinted names of a build's assets, by their plain names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Assets {
    names: BTreeMap<String, String>,
}

impl Assets {
    /// The site path to use for `path` (below the output root): its
    /// fingerprinted name, or `path` itself.
    pub fn name<'a>(&'a self, path: &'a str) -> &'a str {
        self.names.get(path).map_or(path, String::as_str)
    }

    /// Every fingerprinted site path.
    pub fn fingerprinted(&self) -> Vec<String> {
        self.names.values().cloned().collect()
    }
}

/// Whether a file of the theme's is an asset that gets a fingerprint.
fn is_asset(rel: &Path) -> bool {
    rel.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("css") || e.eq_ignore_ascii_case("js"))
}

/// `css/style.css` with hash `h`: `css/style.h.css`.
fn fingerprinted_name(rel: &Path, hash: &str) -> PathBuf {
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let ext = rel
        .extension()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    rel.with_file_name(format!("{stem}.{hash}.{ext}"))
}

/// The first 10 hex digits of the SHA-256 of `bytes`.
fn hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

/// Add a fingerprinted copy of each theme asset among `files` (theme files,
/// and site files at a theme file's path). `theme` holds the theme's own
/// paths. A file that cannot be read keeps only its plain name (the copy
/// step reports it).
pub fn fingerprint(files: &mut Vec<StaticFile>, theme: &HashSet<PathBuf>) -> Assets {
    let mut assets = Assets::default();
    let mut copies = Vec::new();
    for f in files
        .iter()
        .filter(|f| theme.contains(&f.rel) && is_asset(&f.rel))
    {
        let bytes = match &f.source {
            StaticSource::Builtin(b) => std::borrow::Cow::Borrowed(*b),
            StaticSource::File(p) => match std::fs::read(p) {
                Ok(b) => std::borrow::Cow::Owned(b),
                Err(_) => continue,
            },
        };
        let rel = fingerprinted_name(&f.rel, &hash(&bytes));
        let plain = f.rel.to_string_lossy().replace('\\', "/");
        assets
            .names
            .insert(plain, rel.to_string_lossy().replace('\\', "/"));
        copies.push(StaticFile {
            rel,
            source: f.source.clone(),
        });
    }
    files.extend(copies);
    assets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_hashes() {
        assert_eq!(
            fingerprinted_name(Path::new("css/style.css"), "0123456789"),
            PathBuf::from("css/style.0123456789.css")
        );
        assert_eq!(
            fingerprinted_name(Path::new("js/search.min.js"), "ab"),
            PathBuf::from("js/search.min.ab.js")
        );
        // SHA-256 of "abc" starts ba7816bf8f.
        assert_eq!(hash(b"abc"), "ba7816bf8f");
    }

    #[test]
    fn only_theme_css_and_js_get_a_second_name() {
        let file = |rel: &str, text: &'static [u8]| StaticFile {
            rel: rel.into(),
            source: StaticSource::Builtin(text),
        };
        let mut files = vec![
            file("css/style.css", b"body{}"),
            file("js/finder.js", b"1"),
            file("images/logo.svg", b"<svg/>"),
            file("css/site-own.css", b"p{}"),
        ];
        let theme: HashSet<PathBuf> = ["css/style.css", "js/finder.js", "images/logo.svg"]
            .into_iter()
            .map(PathBuf::from)
            .collect();
        let assets = fingerprint(&mut files, &theme);
        let style = format!("css/style.{}.css", hash(b"body{}"));
        assert_eq!(assets.name("css/style.css"), style);
        assert_eq!(assets.name("css/site-own.css"), "css/site-own.css");
        assert_eq!(assets.name("images/logo.svg"), "images/logo.svg");
        assert_eq!(files.len(), 6);
        assert_eq!(assets.fingerprinted().len(), 2);
    }
}
