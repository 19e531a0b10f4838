//! What `gait deploy` tells the person running it: the dry-run plan, the
//! summary of a deploy, and for a failed one, what was and was not published.

use std::fmt::Write as _;

use super::plan::Plan;
use super::publish::Outcome;
use crate::diag::plural;

/// Failures listed one per line; past this many, a count.
const LISTED: usize = 10;

/// `12.5 KB`, `3.1 MB`.
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1000 => format!("{b} bytes"),
        b if b < 1_000_000 => format!("{:.1} KB", b as f64 / 1e3),
        b if b < 1_000_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b => format!("{:.2} GB", b as f64 / 1e9),
    }
}

fn files(n: usize) -> String {
    format!("{n} {}", plural(n, "file", "files"))
}

/// The plan of `--dry-run`, then what it would do.
pub fn dry_run(plan: &Plan, target: &str) -> String {
    let mut out = plan.describe();
    let uploads = plan.files.len() + plan.pages.len();
    let _ = write!(
        out,
        "Dry run: would upload {} ({}) and delete {} at {target}; {} unchanged. Nothing was written.",
        files(uploads),
        size(plan.upload_bytes()),
        files(plan.deletes.len()),
        plan.unchanged
    );
    out
}

/// One line after a complete deploy.
pub fn summary(plan: &Plan, outcome: &Outcome, target: &str, seconds: f64) -> String {
    if plan.is_empty() {
        return format!(
            "Nothing to deploy: {target} already holds this build ({}).",
            files(plan.unchanged)
        );
    }
    let mut out = format!(
        "Deployed to {target}: uploaded {} ({}), deleted {}, {} unchanged, in {seconds:.1} s.",
        files(outcome.uploaded.len()),
        size(outcome.uploaded_bytes),
        files(outcome.deleted.len()),
        plan.unchanged
    );
    if plan.foreign > 0 {
        let _ = write!(
            out,
            " {} that gait did not publish {} left alone.",
            files(plan.foreign),
            plural(plan.foreign, "was", "were")
        );
    }
    out
}

/// The error of a deploy that did not finish.
pub fn failure(plan: &Plan, outcome: &Outcome, target: &str) -> String {
    let uploads = plan.files.len() + plan.pages.len();
    let mut out = String::new();
    let list = |what: &str, items: &[(String, String)], out: &mut String| {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(out, "{what}:");
        for (path, why) in items.iter().take(LISTED) {
            let _ = writeln!(out, "  {path}: {why}");
        }
        if items.len() > LISTED {
            let _ = writeln!(out, "  and {} more", items.len() - LISTED);
        }
    };
    let _ = writeln!(out, "the deploy to {target} did not finish");
    list(
        &format!(
            "{} of {uploads} could not be uploaded",
            files(outcome.failed.len())
        ),
        &outcome.failed,
        &mut out,
    );
    list(
        &format!(
            "{} could not be deleted",
            files(outcome.delete_failed.len())
        ),
        &outcome.delete_failed,
        &mut out,
    );
    let _ = write!(out, "Published: {}", files(outcome.uploaded.len()));
    if !outcome.deleted.is_empty() {
        let _ = write!(out, ", and {} deleted", files(outcome.deleted.len()));
    }
    out.push_str(". Not published: ");
    let mut not = vec![];
    if !outcome.failed.is_empty() {
        not.push(files(outcome.failed.len()));
    }
    if outcome.held_back > 0 {
        not.push(format!(
            "{} held back so that no page goes up before the files it uses",
            outcome.held_back.to_string() + plural(outcome.held_back, " page", " pages")
        ));
    }
    if outcome.deletes_skipped > 0 {
        not.push(format!(
            "{} not deleted yet",
            files(outcome.deletes_skipped)
        ));
    }
    if !outcome.delete_failed.is_empty() {
        not.push(format!(
            "{} still to delete",
            files(outcome.delete_failed.len())
        ));
    }
    if let Some(e) = &outcome.manifest_error {
        not.push(format!("the record of what was published ({e})"));
    }
    out.push_str(&not.join("; "));
    out.push_str(".\n  help: fix the cause and run gait deploy again: it sends only what the target still lacks");
    out
}

#[cfg(test)]
mod tests;
