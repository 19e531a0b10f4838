//! From the plan to the list of files to write, all in memory: bodies
//! converted (in parallel, results kept in export order), links rewritten,
//! uploads placed, comments attached, author stubs added, and the facts the
//! report needs collected on the way.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::authors;
use super::body::{self, Body};
use super::comments;
use super::files::{Content, FileKind, OutFile, entry_text};
use super::html_to_md::UrlUse;
use super::links::Target;
use super::media::{Bundle, Uploads};
use super::plan::{Entry, Kind, Plan};
use super::wxr::Export;

/// Everything the import would write, and what the report says about it.
#[derive(Debug, Clone, Default)]
pub struct Assembled {
    pub files: Vec<OutFile>,
    pub posts: usize,
    pub drafts: usize,
    pub pages: usize,
    pub authors: usize,
    pub comments: usize,
    pub commented_posts: usize,
    /// Reason → count, for comments not imported.
    pub comments_skipped: BTreeMap<String, usize>,
    /// Shortcode name → files that keep it as text, in export order.
    pub shortcodes: BTreeMap<String, Vec<String>>,
    /// Attachment and upload URLs that were not copied.
    pub not_copied: BTreeSet<String>,
    /// (file, URL) of links to addresses of the old site that were not imported.
    pub old_links: Vec<(String, String)>,
}

/// One converted post or page.
#[derive(Default)]
struct Converted {
    body: Body,
    bundle: Bundle,
    /// Upload files copied (their paths in the uploads folder).
    copied: Vec<PathBuf>,
    missing: Vec<String>,
    old_links: Vec<String>,
    comments: comments::Converted,
    /// The featured image placed beside the post: (link, alt text).
    image: Option<(String, String)>,
}

pub fn assemble(export: &Export, plan: &Plan, uploads: Option<&Uploads>, root: &Path) -> Assembled {
    let converted: Vec<Converted> = plan
        .entries
        .par_iter()
        .map(|e| convert(export, plan, e, uploads))
        .collect();
    let mut a = Assembled::default();
    let mut copied: HashSet<PathBuf> = HashSet::new();
    for (group, (e, c)) in plan.entries.iter().zip(converted).enumerate() {
        add_entry(&mut a, &mut copied, plan, group, e, c, root);
    }
    count_unimported_comments(&mut a, export, plan);
    for author in plan.authors.used() {
        a.authors += 1;
        a.files.push(OutFile {
            path: PathBuf::from(format!("content/authors/{}.md", author.slug)),
            kind: FileKind::Author,
            content: Content::Text(authors::stub_text(&author.name)),
            alt: None,
            group: usize::MAX,
        });
    }
    // An upload counts as brought over when its file was copied, whichever
    // of its addresses (a resized copy's, the original's) the content used.
    let was_copied = |url: &str| match plan.old_site.resolve(url) {
        Target::Upload { rel, .. } => uploads
            .and_then(|u| u.find(&rel))
            .is_some_and(|src| copied.contains(&src)),
        _ => false,
    };
    a.not_copied.extend(plan.attachments.iter().cloned());
    a.not_copied.retain(|u| !was_copied(u));
    a
}

/// The files of one converted post or page (its text, its uploads, its
/// comments) and what it adds to the report.
fn add_entry(
    a: &mut Assembled,
    copied: &mut HashSet<PathBuf>,
    plan: &Plan,
    group: usize,
    e: &Entry,
    c: Converted,
    root: &Path,
) {
    let text_path = place(e, &c.bundle, root);
    let file = text_path.0.to_string_lossy().into_owned();
    for name in &c.body.shortcodes {
        let files = a.shortcodes.entry(format!("[{name}]")).or_default();
        if files.last() != Some(&file) {
            files.push(file.clone());
        }
    }
    a.old_links
        .extend(c.old_links.into_iter().map(|u| (file.clone(), u)));
    copied.extend(c.copied);
    a.not_copied.extend(c.missing);
    match e.kind {
        Kind::Post => {
            a.posts += 1;
            a.drafts += usize::from(e.draft);
        }
        Kind::Page => a.pages += 1,
    }
    let text = match c.image {
        Some(image) => {
            let with_image = Entry {
                image: Some(image),
                ..e.clone()
            };
            entry_text(&with_image, &c.body.markdown)
        }
        None => entry_text(e, &c.body.markdown),
    };
    a.files.push(OutFile {
        path: text_path.0.clone(),
        kind: match e.kind {
            Kind::Post => FileKind::Post,
            Kind::Page => FileKind::Page,
        },
        content: Content::Text(text),
        alt: text_path.1,
        group,
    });
    let media_dir = match e.kind {
        Kind::Post => text_path
            .0
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
        Kind::Page => PathBuf::from("static"),
    };
    for (src, dest) in &c.bundle.files {
        a.files.push(OutFile {
            path: media_dir.join(dest),
            kind: FileKind::Media,
            content: Content::Copy(src.clone()),
            alt: None,
            group,
        });
    }
    add_comments(a, plan, group, e, c.comments);
}

/// The comments kept for a post, and those skipped.
fn add_comments(a: &mut Assembled, plan: &Plan, group: usize, e: &Entry, c: comments::Converted) {
    for (why, n) in c.skipped {
        *a.comments_skipped.entry(why.to_string()).or_default() += n;
    }
    if c.kept.is_empty() {
        return;
    }
    let n = c.kept.len();
    if e.kind == Kind::Page {
        *a.comments_skipped
            .entry("on a page (pages have no comments)".into())
            .or_default() += n;
        return;
    }
    a.comments += n;
    a.commented_posts += 1;
    a.files.push(OutFile {
        path: PathBuf::from(format!("content/comments/{}.yaml", e.slug)),
        kind: FileKind::Comments,
        content: Content::Text(comments::file_text(&e.slug, &c.kept)),
        alt: None,
        group: plan.entries.len() + group,
    });
}

/// Comments of items that were not imported, counted as skipped.
fn count_unimported_comments(a: &mut Assembled, export: &Export, plan: &Plan) {
    let imported: HashSet<usize> = plan.entries.iter().map(|e| e.item).collect();
    for (i, it) in export.items.iter().enumerate() {
        if imported.contains(&i) {
            continue;
        }
        let kept = it
            .comments
            .iter()
            .filter(|c| comments::skip_reason(c).is_none())
            .count();
        if kept > 0 {
            *a.comments_skipped
                .entry("on an item that was not imported".into())
                .or_default() += kept;
        }
        for c in it.comments.iter().filter_map(comments::skip_reason) {
            *a.comments_skipped.entry(c.to_string()).or_default() += 1;
        }
    }
}

/// Where a post or page goes, and its other possible file. A post with
/// uploads, or one already written as a folder, is `<slug>/index.md`.
fn place(e: &Entry, bundle: &Bundle, root: &Path) -> (PathBuf, Option<PathBuf>) {
    match e.kind {
        Kind::Page => (PathBuf::from(format!("content/pages/{}.md", e.slug)), None),
        Kind::Post => {
            let flat = PathBuf::from(format!("content/posts/{}.md", e.slug));
            let folder = PathBuf::from(format!("content/posts/{}/index.md", e.slug));
            if !bundle.files.is_empty() || root.join(&folder).exists() {
                (folder, Some(flat))
            } else {
                (flat, Some(folder))
            }
        }
    }
}

fn convert(export: &Export, plan: &Plan, e: &Entry, uploads: Option<&Uploads>) -> Converted {
    let item = &export.items[e.item];
    let mut c = Converted {
        bundle: if e.kind == Kind::Post {
            Bundle::beside_post()
        } else {
            Bundle::shared()
        },
        ..Converted::default()
    };
    {
        let Converted {
            bundle,
            copied,
            missing,
            old_links,
            ..
        } = &mut c;
        let mut rewrite = |url: &str, _: UrlUse| -> Option<String> {
            match plan.old_site.resolve(url) {
                Target::Imported(new) => Some(new),
                Target::Upload { rel, absolute } => match uploads.and_then(|u| u.find(&rel)) {
                    Some(src) => {
                        let link = bundle.add(&rel, &src);
                        copied.push(src);
                        Some(link)
                    }
                    None => {
                        missing.push(absolute.clone());
                        (absolute != url).then_some(absolute)
                    }
                },
                Target::OldSite(abs) => {
                    old_links.push(abs.clone());
                    (abs != url).then_some(abs)
                }
                Target::Outside => None,
            }
        };
        let cx = body::Context {
            attachments: &plan.media,
            reusable: &plan.reusable,
            post_id: &item.id,
        };
        let converted = body::post(&item.content, Some(&cx), &mut rewrite);
        // A featured image counts only once it is beside the post: a link
        // to the old site would not be a picture gait can publish.
        let image = e
            .featured
            .as_ref()
            .filter(|_| e.kind == Kind::Post)
            .and_then(|f| {
                let link = rewrite(&f.url, UrlUse::Image)?;
                (!link.contains("://")).then(|| (link, f.alt.clone()))
            });
        c.body = converted;
        c.image = image;
    }
    let mut comment_links = |url: &str, _: UrlUse| -> Option<String> {
        match plan.old_site.resolve(url) {
            Target::Imported(new) => Some(new),
            Target::Upload { absolute, .. } | Target::OldSite(absolute) => {
                (absolute != url).then_some(absolute)
            }
            Target::Outside => None,
        }
    };
    c.comments = comments::convert(item, &mut comment_links);
    c
}
