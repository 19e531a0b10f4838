//! The summary printed after an import: what was imported, written and
//! kept, what was skipped and why, shortcodes left as text, files that were
//! not brought over, and links that still point at the old site.

use std::collections::{BTreeMap, BTreeSet};
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
    counts(&mut s, a);
    written(&mut s, out);
    kept(&mut s, out);
    skipped(&mut s, plan, a);
    shortcodes(&mut s, a);
    s.push_str(&not_copied(&a.not_copied));
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

/// How many posts, pages, authors and comments were imported.
fn counts(s: &mut String, a: &Assembled) {
    let drafts = match a.drafts {
        0 => String::new(),
        n => format!(" ({n} {})", plural(n, "draft", "drafts")),
    };
    let _ = writeln!(s, "  posts:    {}{drafts}", a.posts);
    let _ = writeln!(s, "  pages:    {}", a.pages);
    let _ = writeln!(s, "  authors:  {}", a.authors);
    let _ = writeln!(
        s,
        "  comments: {} on {} {}",
        a.comments,
        a.commented_posts,
        plural(a.commented_posts, "post", "posts")
    );
}

/// The files written and uploads copied.
fn written(s: &mut String, out: &Outcome) {
    let n = out.written.len();
    let _ = write!(s, "Wrote {n} {}", plural(n, "file", "files"));
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
}

/// Files that were there already and were left alone.
fn kept(s: &mut String, out: &Outcome) {
    if out.kept.is_empty() && out.kept_media == 0 {
        return;
    }
    let n = out.kept.len() + out.kept_media;
    let _ = writeln!(
        s,
        "Kept {n} existing {} unchanged (pass --force to overwrite; author files are never overwritten):",
        plural(n, "file", "files")
    );
    for p in out.kept.iter().take(KEPT_SHOWN) {
        let _ = writeln!(s, "  {}", p.display());
    }
    let rest = out.kept.len().saturating_sub(KEPT_SHOWN);
    if rest > 0 {
        let _ = writeln!(s, "  ... and {rest} more");
    }
    if out.kept_media > 0 {
        let uploads = plural(out.kept_media, "upload", "uploads");
        let _ = writeln!(s, "  and {} {uploads}", out.kept_media);
    }
}

/// Items, comments and authors that were not imported, and why.
fn skipped(s: &mut String, plan: &Plan, a: &Assembled) {
    let unused = plan.authors.unused();
    let has_skips = !plan.skipped.is_empty()
        || !a.comments_skipped.is_empty()
        || !plan.other_types.is_empty()
        || unused > 0;
    if !has_skips {
        return;
    }
    s.push_str("Skipped:\n");
    for line in &plan.skipped {
        let _ = writeln!(s, "  {line}");
    }
    let counted = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>().join(", ");
    if !a.comments_skipped.is_empty() {
        let mut parts = a
            .comments_skipped
            .iter()
            .map(|(why, n)| format!("{n} {why}"));
        let _ = writeln!(s, "  comments: {}", counted(&mut parts));
    }
    if !plan.other_types.is_empty() {
        let mut parts = plan.other_types.iter().map(|(t, n)| format!("{n} {t}"));
        let _ = writeln!(s, "  other items: {}", counted(&mut parts));
    }
    if unused > 0 {
        let authors = plural(unused, "author", "authors");
        let _ = writeln!(s, "  {unused} {authors} without imported posts");
    }
}

/// Shortcodes left in the text, by name, with the files they are in.
fn shortcodes(s: &mut String, a: &Assembled) {
    if a.shortcodes.is_empty() {
        return;
    }
    s.push_str("Shortcodes kept as text (replace them by hand):\n");
    for (name, files) in &a.shortcodes {
        let n = files.len();
        let _ = writeln!(s, "  {name} in {n} {}:", plural(n, "file", "files"));
        for f in files {
            let _ = writeln!(s, "    {f}");
        }
    }
}

/// The uploads that were not copied, one a line, under the folder of the
/// old site they are in (`.../uploads/2019/03/`), folders in order.
fn not_copied(urls: &BTreeSet<String>) -> String {
    let mut folders: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for url in urls.iter().map(|u| u.trim()).filter(|u| !u.is_empty()) {
        let (folder, file) = match url.rfind('/') {
            Some(i) if i + 1 < url.len() => url.split_at(i + 1),
            _ => ("", url),
        };
        folders.entry(folder).or_default().insert(file);
    }
    let count: usize = folders.values().map(BTreeSet::len).sum();
    if count == 0 {
        return String::new();
    }
    let mut s = format!(
        "Attachments not copied ({count}); fetch them with --download-media, or pass --uploads with a copy of wp-content/uploads:\n"
    );
    for (folder, files) in &folders {
        if folder.is_empty() {
            for f in files {
                let _ = writeln!(s, "  {f}");
            }
            continue;
        }
        let _ = writeln!(s, "  {folder}");
        for f in files {
            let _ = writeln!(s, "    {f}");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_not_copied_are_trimmed_one_a_line_under_their_folder() {
        let site = "https://riverside-pt.example/wp-content/uploads";
        let mut urls: BTreeSet<String> = BTreeSet::new();
        for month in ["2019/03", "2019/11", "2020/06", "2021/01"] {
            for n in 1..=10 {
                urls.insert(format!("\n\t\t{site}/{month}/exercise-{n:02}.jpg \n"));
            }
        }
        urls.insert("\n  \n".to_string());
        // Sorted by the address, whatever blanks came before it.
        urls.insert(format!("{site}/2019/11/exercise-01.jpg"));
        let mut want = String::from(
            "Attachments not copied (40); fetch them with --download-media, or pass --uploads with a copy of wp-content/uploads:\n",
        );
        for month in ["2019/03", "2019/11", "2020/06", "2021/01"] {
            want.push_str(&format!("  {site}/{month}/\n"));
            for n in 1..=10 {
                want.push_str(&format!("    exercise-{n:02}.jpg\n"));
            }
        }
        assert_eq!(not_copied(&urls), want);
    }

    #[test]
    fn one_upload_and_none() {
        let one: BTreeSet<String> =
            ["https://x.example/wp-content/uploads/2020/06/hip.jpg".to_string()].into();
        assert_eq!(
            not_copied(&one),
            "Attachments not copied (1); fetch them with --download-media, or pass --uploads with a copy of wp-content/uploads:\n  https://x.example/wp-content/uploads/2020/06/\n    hip.jpg\n"
        );
        assert_eq!(not_copied(&BTreeSet::new()), "");
        assert_eq!(not_copied(&[" ".to_string()].into()), "");
    }
}
