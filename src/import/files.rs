//! The text of every file the import writes, and the check that each one
//! parses with gait's own readers before anything is written.
//!
//! Front matter is serialised with serde_yaml, so any title, category or
//! name is quoted correctly; only the keys of the site format are used, and
//! WordPress's post id goes under `extra:`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::comments::Id;
use super::plan::{Entry, Kind};
use crate::diag::Diagnostic;

/// A YAML scalar for any text, quoted when needed.
pub fn yaml_scalar(s: &str) -> String {
    serde_yaml::to_string(s)
        .map(|y| y.trim_end().to_string())
        .unwrap_or_else(|_| format!("{s:?}"))
}

#[derive(Serialize)]
struct Extra {
    wordpress_id: Id,
}

#[derive(Serialize)]
struct PostFront<'a> {
    title: &'a str,
    date: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<&'a str>,
    author: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    categories: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    draft: bool,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image_alt: Option<&'a str>,
    extra: Extra,
}

#[derive(Serialize)]
struct PageFront<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    draft: bool,
    extra: Extra,
}

/// A post or page file: front matter, a blank line, the Markdown body.
pub fn entry_text(e: &Entry, markdown: &str) -> String {
    let extra = Extra {
        wordpress_id: Id::of(&e.wp_id),
    };
    let yaml = match e.kind {
        Kind::Post => serde_yaml::to_string(&PostFront {
            title: &e.title,
            date: &e.date,
            updated: e.updated.as_deref(),
            author: &e.author,
            categories: &e.categories,
            tags: &e.tags,
            summary: e.summary.as_deref(),
            draft: e.draft,
            aliases: &e.aliases,
            image: e.image.as_ref().map(|(link, _)| link.as_str()),
            image_alt: e.image.as_ref().map(|(_, alt)| alt.as_str()),
            extra,
        }),
        Kind::Page => serde_yaml::to_string(&PageFront {
            title: &e.title,
            summary: e.summary.as_deref(),
            draft: e.draft,
            extra,
        }),
    }
    .unwrap_or_default();
    if markdown.trim().is_empty() {
        format!("---\n{yaml}---\n")
    } else {
        format!("---\n{yaml}---\n\n{markdown}")
    }
}

/// What a written file is, for the self-check and the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Post,
    Page,
    Author,
    Comments,
    /// A copied upload.
    Media,
}

/// One file to write, relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: PathBuf,
    pub kind: FileKind,
    pub content: Content,
    /// The post's other possible file (`<slug>.md` for `<slug>/index.md`):
    /// when it exists, the post exists.
    pub alt: Option<PathBuf>,
    /// Files of one post share a group: when its text file is kept, so are its media.
    pub group: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Text(String),
    /// Copy this file.
    Copy(PathBuf),
}

/// Parse every text file with gait's readers; errors mean a bug in the import.
pub fn self_check(files: &[OutFile]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for f in files {
        let Content::Text(text) = &f.content else {
            continue;
        };
        let result = match f.kind {
            FileKind::Post => {
                let bundle = (f.path.file_name() == Some("index.md".as_ref()))
                    .then(|| f.path.parent().map(Path::to_path_buf))
                    .flatten();
                crate::content::post::parse(&f.path, text, bundle).map(|_| ())
            }
            FileKind::Page => crate::content::page::parse(&f.path, text).map(|_| ()),
            FileKind::Author => crate::content::author::parse(&f.path, text).map(|_| ()),
            FileKind::Comments => crate::content::comments::parse(&f.path, text).map(|_| ()),
            FileKind::Media => Ok(()),
        };
        if let Err(ds) = result {
            errors.extend(ds);
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: Kind) -> Entry {
        Entry {
            kind,
            item: 0,
            slug: "hip-pain".into(),
            title: "Hip pain: what \"rest\" means".into(),
            date: "2019-03-05T14:22:10-06:00".into(),
            updated: None,
            author: "dana-reyes".into(),
            categories: vec!["Men's Health & Wellness".into(), "Hip, Knee".into()],
            tags: vec!["2019".into()],
            summary: Some("# not a heading".into()),
            draft: true,
            aliases: vec!["/2019/03/hip-pain/".into()],
            wp_id: "12".into(),
            featured: None,
            image: None,
        }
    }

    #[test]
    fn post_text_is_exact_and_parses() {
        let text = entry_text(&entry(Kind::Post), "Body\n");
        assert_eq!(
            text,
            "---\ntitle: 'Hip pain: what \"rest\" means'\ndate: 2019-03-05T14:22:10-06:00\nauthor: dana-reyes\ncategories:\n- Men's Health & Wellness\n- Hip, Knee\ntags:\n- '2019'\nsummary: '# not a heading'\ndraft: true\naliases:\n- /2019/03/hip-pain/\nextra:\n  wordpress_id: 12\n---\n\nBody\n"
        );
        let doc = crate::content::post::parse(Path::new("content/posts/hip-pain.md"), &text, None)
            .unwrap();
        assert_eq!(doc.categories, ["Men's Health & Wellness", "Hip, Knee"]);
        assert_eq!(doc.tags, ["2019"]);
        assert_eq!(doc.aliases, ["2019/03/hip-pain/"]);
    }

    #[test]
    fn page_text_parses() {
        let text = entry_text(&entry(Kind::Page), "");
        let doc =
            crate::content::page::parse(Path::new("content/pages/hip-pain.md"), &text).unwrap();
        assert!(doc.draft);
        assert_eq!(doc.summary.as_deref(), Some("# not a heading"));
    }
}
