//! Page kinds declare what their pages read (`PageKind::inputs`), and the
//! preview server re-renders a page only when a declared input changed. A
//! page reading something its kind did not declare would go stale in the
//! preview without a word: these tests render every page of the demo site
//! and of the basic fixture with its reads recorded, and hold each kind to
//! its declarations. The translations fixture has a page of every kind in
//! each of its two languages.

use std::collections::BTreeSet;

use chrono::Utc;
use gait::pipeline::audit::{PageAudit, audit};
use gait::plan::inputs::{Deps, Input, fingerprint};
use gait::render::kinds::KINDS;

use crate::common::Site;

fn audited(site: &Site) -> Vec<PageAudit> {
    let now = Utc::now();
    let prepared = site.prepare(now);
    audit(&prepared, now).expect("every page renders")
}

fn sites() -> Vec<Vec<PageAudit>> {
    vec![
        audited(&Site::demo()),
        audited(&Site::fixture("basic")),
        audited(&Site::fixture("translations")),
    ]
}

#[test]
fn the_translations_fixture_has_every_kind_in_both_languages() {
    let pages = audited(&Site::fixture("translations"));
    let seen: BTreeSet<(u8, u8)> = pages.iter().map(|p| (p.kind, p.lang.0)).collect();
    for kind in 0..KINDS.len() as u8 {
        for lang in [0, 1] {
            assert!(
                seen.contains(&(kind, lang)),
                "no page of kind {kind} in language {lang}: {seen:?}"
            );
        }
    }
}

#[test]
fn every_page_reads_only_what_its_kind_declares() {
    let mut kinds_seen = BTreeSet::new();
    for pages in sites() {
        for page in pages {
            kinds_seen.insert(page.kind);
            let declared: Vec<_> = page.declared.iter().map(|(i, _)| *i).collect();
            let undeclared: BTreeSet<String> = page
                .read
                .iter()
                .filter(|i| !declared.contains(i))
                .map(|i| format!("{i:?}"))
                .collect();
            assert!(
                undeclared.is_empty(),
                "/{} (kind {}) reads {undeclared:?}, which its kind does not declare",
                page.path,
                page.kind
            );
        }
    }
    assert_eq!(
        kinds_seen.len(),
        KINDS.len(),
        "the sites render a page of every kind: {kinds_seen:?}"
    );
}

#[test]
fn a_pages_fingerprint_changes_with_each_of_its_declared_inputs() {
    for pages in sites() {
        for page in pages {
            let deps = Deps {
                inputs: page.declared.iter().map(|(i, _)| *i).collect(),
            };
            let version = |bumped: Option<Input>| {
                let declared = &page.declared;
                move |input: Input| {
                    let (_, v) = declared.iter().find(|(i, _)| *i == input).unwrap();
                    v ^ u64::from(Some(input) == bumped)
                }
            };
            let global = 7;
            let base = fingerprint(&page.path, global, &deps, &version(None));
            for (input, _) in &page.declared {
                let changed = fingerprint(&page.path, global, &deps, &version(Some(*input)));
                assert_ne!(
                    base, changed,
                    "/{}: changing {input:?} leaves the fingerprint as it was",
                    page.path
                );
            }
            assert_ne!(
                base,
                fingerprint(&page.path, global + 1, &deps, &version(None)),
                "/{}: a site-wide change leaves the fingerprint as it was",
                page.path
            );
        }
    }
}

/// A reviewed post's page shows its reviewer (name, credentials, bio link),
/// read through the author's input: the audit above holds the post kind to
/// declaring it, as long as the demo has reviewed posts.
#[test]
fn a_reviewed_posts_page_reads_its_reviewer() {
    let pages = audited(&Site::demo());
    let page = pages
        .iter()
        .find(|p| p.path == "posts/diastasis-recti-what-helps/")
        .expect("the demo's reviewed post");
    let authors: Vec<&Input> = page
        .read
        .iter()
        .filter(|i| matches!(i, Input::Author(..)))
        .collect();
    assert_eq!(authors.len(), 1, "{:?}", page.read);
    assert!(page.declared.iter().any(|(i, _)| i == authors[0]));
}
