//! Reader comments: which are kept (approved comments, not pingbacks,
//! trackbacks, spam, trash or ones awaiting moderation), their threading,
//! and the `content/comments/<post-slug>.yaml` file.
//!
//! Only id, parent, author name, date and body are written. A reply whose
//! parent was not kept hangs from the nearest kept ancestor instead.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::authors::person_name;
use super::body;
use super::html_to_md::UrlUse;
use super::plan::wp_date;
use super::wxr::{Comment, Item};

/// A comment id: a number when WordPress gave one (it always does).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum Id {
    Number(u64),
    Text(String),
}

impl Id {
    pub fn of(s: &str) -> Id {
        s.trim()
            .parse()
            .map(Id::Number)
            .unwrap_or_else(|_| Id::Text(s.trim().to_string()))
    }
}

/// One comment as written to the comments file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Out {
    pub id: Id,
    pub parent: Option<Id>,
    pub author: String,
    pub date: String,
    pub body: String,
}

/// Comments of one post, and why the others were skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    pub kept: Vec<Out>,
    /// Reason → count.
    pub skipped: BTreeMap<&'static str, usize>,
}

/// Why a comment is not imported, or `None` to keep it.
pub fn skip_reason(c: &Comment) -> Option<&'static str> {
    match c.kind.as_str() {
        "pingback" => return Some("pingback"),
        "trackback" => return Some("trackback"),
        "" | "comment" => {}
        _ => return Some("not a reader comment"),
    }
    match c.approved.as_str() {
        "1" => None,
        "spam" => Some("spam"),
        "trash" | "post-trashed" => Some("in the trash"),
        "0" => Some("awaiting moderation"),
        _ => Some("not approved"),
    }
}

/// Keep and convert the item's approved comments, oldest first.
pub fn convert(item: &Item, rewrite: &mut dyn FnMut(&str, UrlUse) -> Option<String>) -> Converted {
    let mut out = Converted::default();
    let parents: HashMap<&str, &str> = item
        .comments
        .iter()
        .map(|c| (c.id.trim(), c.parent.trim()))
        .collect();
    let mut kept: Vec<&Comment> = Vec::new();
    // A hand-edited or merged export can repeat an id (`7` and `007` are one id):
    // the first comment with it is kept.
    let mut seen: std::collections::HashSet<Id> = std::collections::HashSet::new();
    for c in &item.comments {
        match skip_reason(c)
            .or_else(|| {
                wp_date(&c.date, &c.date_gmt)
                    .is_none()
                    .then_some("no valid date")
            })
            .or_else(|| (!seen.insert(Id::of(&c.id))).then_some("an id used twice"))
            .or_else(|| body::nests_too_deep(&c.content).then_some("HTML nested too deeply"))
        {
            Some(why) => *out.skipped.entry(why).or_default() += 1,
            None => kept.push(c),
        }
    }
    let kept_ids: std::collections::HashSet<&str> = kept.iter().map(|c| c.id.trim()).collect();
    for c in kept {
        let parent = kept_ancestor(c.id.trim(), &parents, &kept_ids);
        let mut author = person_name(&c.author);
        if author.is_empty() {
            author = "Anonymous".into();
        }
        out.kept.push(Out {
            id: Id::of(&c.id),
            parent: parent.map(Id::of),
            author,
            date: wp_date(&c.date, &c.date_gmt).unwrap_or_default(),
            body: body::comment(&c.content, rewrite),
        });
    }
    break_circles(&mut out.kept);
    out.kept
        .sort_by(|a, b| (&a.date, id_key(&a.id)).cmp(&(&b.date, id_key(&b.id))));
    out
}

/// A broken export can have replies that go in a circle: the first comment
/// found on one becomes a top-level comment.
fn break_circles(kept: &mut [Out]) {
    // Parents by id, so that a long thread is not searched once per step.
    let mut parent_of: HashMap<Id, Option<Id>> = kept
        .iter()
        .map(|c| (c.id.clone(), c.parent.clone()))
        .collect();
    for i in 0..kept.len() {
        let start = kept[i].id.clone();
        let mut current = kept[i].parent.clone();
        let mut steps = 0;
        while let Some(p) = current {
            if p == start || steps > kept.len() {
                kept[i].parent = None;
                parent_of.insert(start, None);
                break;
            }
            steps += 1;
            current = parent_of.get(&p).cloned().flatten();
        }
    }
}

fn id_key(id: &Id) -> (u64, &str) {
    match id {
        Id::Number(n) => (*n, ""),
        Id::Text(s) => (u64::MAX, s),
    }
}

/// The nearest ancestor of comment `id` that is kept, if any.
fn kept_ancestor<'a>(
    id: &str,
    parents: &HashMap<&'a str, &'a str>,
    kept: &std::collections::HashSet<&str>,
) -> Option<&'a str> {
    let mut current = parents.get(id).copied()?;
    // Bounded: a loop in the parents (a broken export) ends the walk.
    for _ in 0..parents.len() + 1 {
        if current.is_empty() || current == "0" || current == id {
            return None;
        }
        if kept.contains(current) {
            return Some(current);
        }
        current = parents.get(current).copied()?;
    }
    None
}

/// The text of `content/comments/<slug>.yaml`.
pub fn file_text(post_slug: &str, comments: &[Out]) -> String {
    let yaml = serde_yaml::to_string(comments).unwrap_or_default();
    format!("# Comments on /posts/{post_slug}/, imported from WordPress.\n{yaml}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: &str, parent: &str, approved: &str, kind: &str) -> Comment {
        Comment {
            id: id.into(),
            author: format!("Reader {id}"),
            date: format!("2019-03-0{id} 10:00:00"),
            date_gmt: format!("2019-03-0{id} 16:00:00"),
            content: format!("Comment {id}"),
            approved: approved.into(),
            kind: kind.into(),
            parent: parent.into(),
        }
    }

    #[test]
    fn keeps_approved_threads_and_rehangs_orphans() {
        let item = Item {
            comments: vec![
                comment("1", "0", "1", ""),
                comment("2", "1", "0", "comment"),
                comment("3", "2", "1", "comment"),
                comment("4", "0", "spam", ""),
                comment("5", "0", "1", "pingback"),
                comment("6", "3", "1", ""),
                comment("7", "0", "trash", ""),
            ],
            ..Item::default()
        };
        let c = convert(&item, &mut |_, _| None);
        let threads: Vec<(Id, Option<Id>)> = c
            .kept
            .iter()
            .map(|o| (o.id.clone(), o.parent.clone()))
            .collect();
        assert_eq!(
            threads,
            [
                (Id::Number(1), None),
                (Id::Number(3), Some(Id::Number(1))),
                (Id::Number(6), Some(Id::Number(3))),
            ]
        );
        let skipped: Vec<(&str, usize)> = c.skipped.iter().map(|(k, v)| (*k, *v)).collect();
        assert_eq!(
            skipped,
            [
                ("awaiting moderation", 1),
                ("in the trash", 1),
                ("pingback", 1),
                ("spam", 1)
            ]
        );
        assert_eq!(c.kept[0].date, "2019-03-01T10:00:00-06:00");
    }

    #[test]
    fn circles_of_replies_are_broken() {
        let item = Item {
            comments: vec![comment("1", "2", "1", ""), comment("2", "1", "1", "")],
            ..Item::default()
        };
        let c = convert(&item, &mut |_, _| None);
        assert_eq!(c.kept[0].parent, None);
        assert_eq!(c.kept[1].parent, Some(Id::Number(1)));
        let text = file_text("hip", &c.kept);
        assert!(
            crate::content::comments::parse(
                std::path::Path::new("content/comments/hip.yaml"),
                &text
            )
            .is_ok()
        );
    }

    #[test]
    fn the_file_parses_and_holds_no_addresses() {
        let mut c = comment("1", "0", "1", "");
        c.content = "Write to me: me@mail.example\n\nSecond paragraph".into();
        c.author = "me@mail.example".into();
        let mut c2 = comment("2", "1", "1", "");
        c2.author = "José O'Neil: \"PT\"".into();
        let item = Item {
            comments: vec![c, c2],
            ..Item::default()
        };
        let out = convert(&item, &mut |_, _| None);
        let text = file_text("hip", &out.kept);
        assert!(!text.contains('@'), "{text}");
        let doc = crate::content::comments::parse(
            std::path::Path::new("content/comments/hip.yaml"),
            &text,
        )
        .unwrap();
        assert_eq!(doc.comments[0].author, "me");
        assert_eq!(doc.comments[1].author, "José O'Neil: \"PT\"");
        assert_eq!(doc.comments[1].parent.as_deref(), Some("1"));
        assert_eq!(
            doc.comments[0].body,
            "Write to me: (e-mail removed)\n\nSecond paragraph"
        );
    }
}
