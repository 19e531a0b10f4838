//! Content files as written: posts, authors, clinics, pages and comments.
//!
//! Each submodule owns one kind of file: a raw serde struct mirroring the
//! front matter, and a pure `parse(path, text)` that checks what can be
//! checked inside that one file. References between files (a post's author)
//! are resolved later, in [`crate::model`].

pub mod author;
pub mod clinic;
pub mod comments;
pub mod load;
pub mod page;
pub mod post;
pub mod referrals;

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::diag::Diagnostic;
use crate::frontmatter::{self, Split};
use crate::yaml;

/// Split a content file and read its front matter into `T`.
pub fn parse_front_matter<'t, T: DeserializeOwned>(
    file: &Path,
    text: &'t str,
) -> Result<(T, Split<'t>), Diagnostic> {
    let split = frontmatter::split(text).map_err(|e| {
        Diagnostic::error(file, e.message())
            .at_line(Some(e.line()))
            .with_snippet_from(text)
            .with_help(e.help())
    })?;
    let raw = yaml::from_str(split.yaml, split.yaml_line).map_err(|e| {
        let mut d = Diagnostic::error(file, e.message)
            .at_line(e.line)
            .at_column(e.column)
            .with_snippet_from(frontmatter::strip_bom(text));
        if let Some(help) = e.help {
            d = d.with_help(help);
        }
        d
    })?;
    Ok((raw, split))
}

/// The slug a file's name gives: `content/posts/hip-pain.md` → `hip-pain`,
/// `content/posts/hip-pain/index.md` → `hip-pain`.
pub fn slug_from_path(path: &Path) -> String {
    let stem = if path.file_stem().is_some_and(|s| s == "index") {
        path.parent().and_then(|p| p.file_name())
    } else {
        path.file_stem()
    };
    crate::slug::slugify(&stem.map(|s| s.to_string_lossy()).unwrap_or_default())
}

/// One value or a list of them (`author: jo` or `author: [jo, sam]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// Accept `02116` or `"02116"`, `7` or `"c7"`: a number written without quotes is kept as text.
pub fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        S(String),
        U(u64),
        I(i64),
        F(f64),
    }
    Ok(Option::<Either>::deserialize(d)?.map(|e| match e {
        Either::S(s) => s,
        Either::U(n) => n.to_string(),
        Either::I(n) => n.to_string(),
        Either::F(n) => n.to_string(),
    }))
}

/// An empty map, the default for `extra`.
pub fn empty_extra() -> serde_yaml::Value {
    serde_yaml::Value::Mapping(Default::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_from_path_table() {
        let cases = [
            ("content/posts/hip-pain.md", "hip-pain"),
            ("content/posts/hip-pain/index.md", "hip-pain"),
            ("content/posts/Men's Health.md", "mens-health"),
            ("content/authors/jo.md", "jo"),
        ];
        for (p, want) in cases {
            assert_eq!(slug_from_path(Path::new(p)), want, "{p}");
        }
    }
}
