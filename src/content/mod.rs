//! Content files as written: posts, authors, clinics, pages and comments.
//!
//! Each submodule owns one kind of file: a raw serde struct mirroring the
//! front matter, and a pure `parse(path, text)` that checks what can be
//! checked inside that one file. References between files (a post's author)
//! are resolved later, in [`crate::model`].

pub mod author;
pub mod clinic;
pub mod comments;
pub mod credentials;
pub mod load;
pub mod page;
pub mod post;
pub mod referrals;
mod scan;
pub mod translated;

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
    let raw = yaml::from_str(split.yaml, split.yaml_line)
        .map_err(|e| e.into_diagnostic(file, frontmatter::strip_bom(text)))?;
    Ok((raw, split))
}

/// The slug a file's name gives: `content/posts/hip-pain.md` → `hip-pain`,
/// `content/posts/hip-pain/index.md` → `hip-pain`.
pub fn slug_from_path(path: &Path) -> String {
    crate::slug::slugify(&name_from_path(path))
}

/// The name a file gives, as written: its stem, or its folder's name for
/// an `index.md`.
pub fn name_from_path(path: &Path) -> String {
    let stem = if path.file_stem().is_some_and(|s| s == "index") {
        path.parent().and_then(|p| p.file_name())
    } else {
        path.file_stem()
    };
    stem.map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// One value or a list of them (`author: jo` or `author: [jo, sam]`).
///
/// Read with a visitor, not `#[serde(untagged)]`: an untagged enum loses
/// the key and the line of a wrong value, so its error would point at the
/// top of the front matter.
#[derive(Debug, Clone)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("one value or a list of values")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(s.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<OneOrMany, A::Error> {
                let mut all = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    all.push(s);
                }
                Ok(OneOrMany::Many(all))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl OneOrMany {
    /// An empty list (`author: []`).
    pub fn is_empty(&self) -> bool {
        matches!(self, OneOrMany::Many(v) if v.is_empty())
    }

    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// Accept `02116` or `"02116"`, `7` or `"c7"`: a number written without quotes is kept as text.
/// (A visitor, like [`OneOrMany`], so that a wrong value is reported at its line.)
pub fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("text or a number")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok((!s.trim().is_empty()).then(|| s.to_string()))
        }
        fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Self::Value, E> {
            Ok(Some(n.to_string()))
        }
        fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Self::Value, E> {
            Ok(Some(n.to_string()))
        }
        fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Self::Value, E> {
            Ok(Some(n.to_string()))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(Visitor)
        }
    }
    d.deserialize_option(Visitor)
}

/// Optional text where `""`, blank text or `null` mean "not given": what a
/// browser editor (Decap CMS) writes for a field that was emptied.
pub fn blank_is_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text: Option<String> = Option::deserialize(d)?;
    Ok(text.filter(|t| !t.trim().is_empty()))
}

/// A list where `null` (`tags:` with nothing after it) means an empty list.
pub fn null_is_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// An optional number where `""` or `null` mean "not given" (a browser
/// editor's emptied number field). A visitor, so a wrong value keeps its line.
pub fn number_or_blank<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Option<f64>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a number")
        }
        fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Self::Value, E> {
            Ok(Some(n))
        }
        fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Self::Value, E> {
            Ok(Some(n as f64))
        }
        fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Self::Value, E> {
            Ok(Some(n as f64))
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            match s.trim() {
                "" => Ok(None),
                _ => Err(E::invalid_type(serde::de::Unexpected::Str(s), &self)),
            }
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(Visitor)
        }
    }
    d.deserialize_option(Visitor)
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
