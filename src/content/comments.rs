//! A comments file: `content/comments/<post-slug>.yaml`, a post's reader comments.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::string_or_number;
use crate::date::{self, Date};
use crate::diag::Diagnostic;
use crate::yaml;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawComment {
    #[serde(deserialize_with = "string_or_number")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub parent: Option<String>,
    pub author: String,
    pub date: String,
    pub body: String,
}

#[derive(Debug, Clone)]
pub struct CommentDoc {
    pub id: String,
    pub parent: Option<String>,
    pub author: String,
    pub date: Date,
    /// Markdown; rendered without raw HTML.
    pub body: String,
}

/// All comments of one post.
#[derive(Debug, Clone)]
pub struct CommentsDoc {
    pub file: PathBuf,
    /// The post they belong to (the file name).
    pub post_slug: String,
    pub comments: Vec<CommentDoc>,
    /// Fingerprint of the file's text.
    pub version: u64,
}

pub fn parse(file: &Path, text: &str) -> Result<CommentsDoc, Vec<Diagnostic>> {
    let text = crate::frontmatter::strip_bom(text);
    let raw: Vec<RawComment> = if yaml::is_blank(text) {
        Vec::new()
    } else {
        yaml::from_str::<Option<Vec<RawComment>>>(text, 1)
            .map_err(|e| vec![e.into_diagnostic(file, text)])?
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    let mut comments = Vec::with_capacity(raw.len());
    // Lines of each list item, for messages about one comment.
    let item_lines = yaml::item_lines(text);
    for (i, c) in raw.into_iter().enumerate() {
        let line = item_lines.get(i).copied();
        let Some(id) = c.id.filter(|s| !s.trim().is_empty()) else {
            errors.push(
                Diagnostic::error(file, format!("comment {} has no `id`", i + 1))
                    .at_line(line)
                    .with_help("give every comment a unique `id`"),
            );
            continue;
        };
        if comments.iter().any(|x: &CommentDoc| x.id == id) {
            errors.push(
                Diagnostic::error(file, format!("two comments have the id `{id}`"))
                    .at_line(line)
                    .with_help("give every comment a unique `id`"),
            );
        }
        match date::parse(&c.date) {
            Ok(date) => comments.push(CommentDoc {
                id,
                parent: c.parent.filter(|p| !p.is_empty() && p != "0"),
                author: c.author,
                date,
                body: c.body,
            }),
            Err(msg) => errors.push(
                Diagnostic::error(file, format!("comment `{id}`: {msg}"))
                    .at_line(line)
                    .with_help("use the form 2024-05-02"),
            ),
        }
    }
    for c in &comments {
        if let Some(p) = &c.parent
            && !comments.iter().any(|x| &x.id == p)
        {
            errors.push(
                Diagnostic::error(
                    file,
                    format!(
                        "comment `{}` replies to `{p}`, which is not in this file",
                        c.id
                    ),
                )
                .with_help("set `parent` to the id of another comment here, or to null"),
            );
        }
    }
    // A parent chain longer than the number of comments goes in a circle.
    for c in &comments {
        let mut current = c.parent.as_deref();
        let mut steps = 0;
        while let Some(p) = current {
            steps += 1;
            if steps > comments.len() {
                errors.push(
                    Diagnostic::error(
                        file,
                        format!("comment `{}` is part of a circle of replies", c.id),
                    )
                    .with_help(
                        "a comment cannot reply to one of its own replies; fix the `parent` values",
                    ),
                );
                break;
            }
            current = comments
                .iter()
                .find(|x| x.id == p)
                .and_then(|x| x.parent.as_deref());
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let post_slug = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(CommentsDoc {
        file: file.to_path_buf(),
        post_slug,
        comments,
        version: crate::fingerprint::of(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_threads_and_checks_parents() {
        let doc = parse(
            Path::new("content/comments/hip.yaml"),
            "- id: 1\n  parent: null\n  author: Ann\n  date: 2024-01-01\n  body: Hi\n- id: 2\n  parent: 1\n  author: Bo\n  date: 2024-01-02\n  body: Yo\n",
        )
        .unwrap();
        assert_eq!(doc.post_slug, "hip");
        assert_eq!(doc.comments[1].parent.as_deref(), Some("1"));
        let errs = parse(
            Path::new("content/comments/hip.yaml"),
            "- id: 1\n  parent: 9\n  author: Ann\n  date: 2024-01-01\n  body: Hi\n",
        )
        .unwrap_err();
        assert_eq!(
            errs[0].message,
            "comment `1` replies to `9`, which is not in this file"
        );
        let errs = parse(
            Path::new("content/comments/hip.yaml"),
            "- id: 1\n  author: Ann\n  date: 2024-01-01\n  body: Hi\n  email: a@b.c\n",
        )
        .unwrap_err();
        assert_eq!(errs[0].message, "unknown key `email` (in item 1)");
        let errs = parse(
            Path::new("content/comments/hip.yaml"),
            "- {id: a, parent: b, author: A, date: 2024-01-01, body: x}\n- {id: b, parent: a, author: B, date: 2024-01-01, body: y}\n",
        )
        .unwrap_err();
        assert_eq!(
            errs[0].message,
            "comment `a` is part of a circle of replies"
        );
    }
}
