//! The summary printed after an import: what was imported, written and
//! kept, what was skipped and why, shortcodes left as text, files that were
//! not brought over, and links that still point at the old site.

use std::fmt::Write as _;
use std::path::Path;

use super::assemble::Assembled;
use super::plan::Plan;
use super::write::Outcome;
use crate::diag::plural;

/// Lists longer than this are cut, with a count of the rest.
const KEPT_SHOWN: usize = 20;

pub fn render(export: &Path, root: &Path, plan: &Plan, a: &Assembled, out: &Outcome) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Imported {} into {}:", export.display(), root.display());
    let _ = writeln!(
        s,
        "  posts:    {}{}",
        a.posts,
        if a.drafts > 0 {
            format!(" ({} {})", a.drafts, plural(a.drafts, "draft", "drafts"))
        } else {
            String::new()
        }
    );
    let _ = writeln!(s, "  pages:    {}", a.pages);
    let _ = writeln!(s, "  authors:  {}", a.authors);
    let _ = writeln!(
        s,
        "  comments: {} on {} {}",
        a.comments,
        a.commented_posts,
        plural(a.commented_posts, "post", "posts")
    );
    let _ = write!(
        s,
        "Wrote {} {}",
        out.written.len(),
        plural(out.written.len(), "file", "files")
    );
    if out.copied > 0 {
        let _ = write!(
            s,
            " and copied {} {}",
            out.copied,
            plural(out.copied, "upload", "uploads")
        );
    }
    s.push_str(".\n");
    for r in &out.replaced {
        let _ = writeln!(s, "  replaced {} by its folder", r.display());
    }
    if !out.kept.is_empty() || out.kept_media > 0 {
        let _ = writeln!(
            s,
            "Kept {} existing {} unchanged (pass --force to overwrite; author files are never overwritten):",
            out.kept.len() + out.kept_media,
            plural(out.kept.len() + out.kept_media, "file", "files")
        );
        for p in out.kept.iter().take(KEPT_SHOWN) {
            let _ = writeln!(s, "  {}", p.display());
        }
        let rest = out.kept.len().saturating_sub(KEPT_SHOWN);
        if rest > 0 {
            let _ = writeln!(s, "  ... and {rest} more");
        }
        if out.kept_media > 0 {
            let _ = writeln!(
                s,
                "  and {} {}",
                out.kept_media,
                plural(out.kept_media, "upload", "uploads")
            );
        }
    }

    let has_skips = !plan.skipped.is_empty()
        || !a.comments_skipped.is_empty()
        || !plan.other_types.is_empty()
        || plan.authors.unused() > 0;
    if has_skips {
        s.push_str("Skipped:\n");
        for line in &plan.skipped {
            let _ = writeln!(s, "  {line}");
        }
        if !a.comments_skipped.is_empty() {
            let parts: Vec<String> = a
                .comments_skipped
                .iter()
                .map(|(why, n)| format!("{n} {why}"))
                .collect();
            let _ = writeln!(s, "  comments: {}", parts.join(", "));
        }
        if !plan.other_types.is_empty() {
            let parts: Vec<String> = plan
                .other_types
                .iter()
                .map(|(t, n)| format!("{n} {t}"))
                .collect();
            let _ = writeln!(s, "  other items: {}", parts.join(", "));
        }
        let unused = plan.authors.unused();
        if unused > 0 {
            let _ = writeln!(
                s,
                "  {unused} {} without imported posts",
                plural(unused, "author", "authors")
            );
        }
    }
    if !a.shortcodes.is_empty() {
        s.push_str("Shortcodes kept as text (replace them by hand):\n");
        for (name, files) in &a.shortcodes {
            let _ = writeln!(
                s,
                "  {name} in {} {}:",
                files.len(),
                plural(files.len(), "file", "files")
            );
            for f in files {
                let _ = writeln!(s, "    {f}");
            }
        }
    }
    if !a.not_copied.is_empty() {
        let _ = writeln!(
            s,
            "Attachments not copied ({}); fetch them with --download-media, or pass --uploads with a copy of wp-content/uploads:",
            a.not_copied.len()
        );
        for u in &a.not_copied {
            let _ = writeln!(s, "  {u}");
        }
    }
    if !a.old_links.is_empty() {
        s.push_str("Links to addresses of the old site that were not imported (check them):\n");
        for (file, url) in &a.old_links {
            let _ = writeln!(s, "  {file}: {url}");
        }
    }
    if !plan.notes.is_empty() {
        s.push_str("Notes:\n");
        for n in &plan.notes {
            let _ = writeln!(s, "  {n}");
        }
    }
    s.push_str("Next: run `gait check`, then read the imported posts (see \"Moving from WordPress\" in gait's docs).\n");
    s
}
