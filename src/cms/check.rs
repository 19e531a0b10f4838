//! The browser editor's part of `gait check`: when `static/admin/config.yml`
//! exists, its drift from gait's model (`drift.rs`), and a referral file that
//! Decap could not edit. Errors join the site's others, so one run reports all.

use std::path::Path;

use super::config::FILE;
use super::drift::drift;
use super::keys::Collection;
use super::located;
use crate::content::referrals;
use crate::diag::{Diagnostic, Diagnostics, SiteErrors};

/// The problems of a site's config.yml; nothing when it has none.
pub fn run(root: &Path) -> Vec<Diagnostic> {
    let path = root.join(FILE);
    if !path.is_file() {
        return Vec::new();
    }
    let text = match crate::content::load::read_text(&path, Path::new(FILE)) {
        Ok(t) => t,
        Err(ds) => return ds,
    };
    let mut out = drift(&text);
    if let Ok(doc) = located::parse(&text)
        && doc
            .get("collections")
            .and_then(|c| c.item_with("name", Collection::Referrals.name()))
            .is_some()
    {
        out.extend(plain_referral_list(root));
    }
    out
}

/// A failed check's error with the config's problems added, so one run
/// reports both.
pub fn with_site_errors(err: anyhow::Error, cms: &[Diagnostic]) -> anyhow::Error {
    match err.downcast::<SiteErrors>() {
        Ok(SiteErrors(mut ds)) => {
            ds.extend(cms.iter().cloned());
            ds.sort();
            SiteErrors(ds).into()
        }
        Err(other) => other,
    }
}

/// The config's problems as an error, if there are any.
pub fn into_result(cms: Vec<Diagnostic>) -> Result<(), SiteErrors> {
    cms.into_iter()
        .collect::<Diagnostics>()
        .into_result()
        .map(|_| ())
}

/// `data/referrals.yaml` written as a bare list: Decap would show it empty
/// and replace it on the first save.
fn plain_referral_list(root: &Path) -> Option<Diagnostic> {
    let path = root.join(referrals::FILE);
    let text = std::fs::read_to_string(path).ok()?;
    let doc = located::parse(crate::frontmatter::strip_bom(&text)).ok()?;
    matches!(doc.value, located::Value::List(_)).then(|| {
        Diagnostic::error(
            referrals::FILE,
            "this file is a plain list, which Decap CMS cannot edit: it would show no therapists, and saving would replace them",
        )
        .at_line(Some(doc.line))
        .with_snippet_from(&text)
        .with_help("put the list under a `referrals:` key (`gait cms init --force` does it for you)")
    })
}
