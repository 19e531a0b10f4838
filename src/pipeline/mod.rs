//! `gait build` and `gait check`: the pipeline from a site folder to its pages.
//!
//! [`Session::prepare`] reads as its list of steps (load, resolve, render
//! the Markdown, plan every output, check), then [`Session::write`] renders
//! and writes the plan; each step lives in its own module.
//! Problems are gathered across steps so that one run reports every broken
//! file, and nothing is written unless the whole site is good.

pub mod audit;
pub mod bodies;
mod checks;
pub mod documents;
pub mod files;
mod frame;
pub mod incremental;
pub mod pictures;
mod resolved;
pub mod reviews;
mod session;
mod settings;
pub mod structure;
pub mod third_parties;
pub mod write;

pub use self::session::Session;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::assets::Assets;
use crate::diag::{Diagnostic, Diagnostics, SiteErrors};
use crate::images::{PictureSet, Pictures};
use crate::model::{self, Site};
use crate::output::{self, Staging};
use crate::plan::Plan;
use crate::render::templates::Templates;
use crate::views::present::Bodies;

/// What to build, from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
    /// Publish theme assets under fingerprinted names too ([`crate::assets`]);
    /// off in the preview, which swaps stylesheets in place.
    pub fingerprint_assets: bool,
}

/// How strict the content checks are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// `gait build`: lints that do not break the output are warnings.
    Build,
    /// `gait check`: every lint except risky HTML is an error.
    Check,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub posts: usize,
    pub pages: usize,
    pub elapsed: Duration,
    pub warnings: Diagnostics,
    /// Drafts and scheduled posts left out.
    pub left_out: model::LeftOut,
    /// The site paths of fingerprinted assets (cached for a year).
    pub fingerprinted: Vec<String>,
    /// Broken links published anyway (`broken_links: warn`).
    pub broken_links: usize,
    /// The other sites the pages load from (see [`Prepared::third_parties`]).
    pub third_parties: crate::privacy::Hosts,
    /// How far each translation is (`gait check`; empty for a build).
    pub translations: Vec<model::TranslationStatus>,
}

impl BuildReport {
    /// The line after the warnings that counts the broken links published
    /// anyway, if there are any.
    pub fn broken_links_line(&self) -> Option<String> {
        let n = self.broken_links;
        (n > 0).then(|| {
            format!(
                "{n} broken {}, published anyway as site.yaml says (`broken_links: warn`)",
                crate::diag::plural(n, "link", "links")
            )
        })
    }

    pub fn summary(&self) -> String {
        let line = crate::diag::build_summary(self.posts, self.pages, None, self.elapsed);
        format!("{line}{}", left_out_note(self.left_out))
    }
}

/// What a summary adds about posts left out: " (2 drafts and 1 scheduled
/// post not published: --drafts, --future)", or nothing.
pub fn left_out_note(left: model::LeftOut) -> String {
    use crate::diag::plural;
    let mut parts = Vec::new();
    let mut flags = Vec::new();
    if left.drafts > 0 {
        parts.push(format!(
            "{} {}",
            left.drafts,
            plural(left.drafts, "draft", "drafts")
        ));
        flags.push("--drafts");
    }
    if left.scheduled > 0 {
        let posts = plural(left.scheduled, "scheduled post", "scheduled posts");
        parts.push(format!("{} {posts}", left.scheduled));
        flags.push("--future");
    }
    match parts.is_empty() {
        true => String::new(),
        false => format!(
            " ({} not published: {})",
            parts.join(" and "),
            flags.join(", ")
        ),
    }
}

/// A site loaded, checked and ready to render: everything but the writing.
pub struct Prepared {
    pub site: Site,
    /// Per language: the templates, with the language's plain words written in.
    pub templates: Vec<Templates>,
    /// The theme's text in each of the site's languages.
    pub texts: Vec<crate::i18n::Text>,
    pub bodies: Bodies,
    /// Every output of the build.
    pub plan: Arc<Plan>,
    /// The pictures, planned (which `What::Picture` outputs of `plan` index).
    pub pictures: Arc<PictureSet>,
    /// The picture engine, which makes them.
    pub engine: Arc<Pictures>,
    /// The fingerprinted names of the theme's assets.
    pub assets: Assets,
    /// Broken internal links published anyway (`broken_links: warn`, and
    /// always in the preview), also among `warnings`.
    pub broken_links: Vec<Diagnostic>,
    pub warnings: Diagnostics,
    /// The version of what every page shows: site.yaml, the templates, the
    /// build's options and year.
    pub global_version: u64,
    /// The other hosts the pages load from (those `third_party_allowed`
    /// lists, and video players after a click), by kind: what a
    /// Content-Security-Policy must allow.
    pub third_parties: crate::privacy::Hosts,
}

/// Build the site into `opts.output`, or leave it untouched and report why not.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    check_output(&opts.root, &opts.output)?;
    let mut session = Session::new(opts.clone());
    let now = Utc::now();
    let prepared = session.prepare(now, Strictness::Build)?;
    let mut t = crate::timings::Timings::from_env();
    let mut staging = Staging::create(&opts.output)?;
    t.step("staging");
    let stats = session.write(&prepared, &staging, now)?;
    let mut t = crate::timings::Timings::from_env();
    staging.prune(&stats.outputs)?;
    t.step("prune");
    staging.commit(&stats.outputs)?;
    t.step("swap");
    // The site is out: a cache entry nothing used is removed (a failure
    // only costs disk space).
    if let Err(e) = prepared.engine.prune(prepared.pictures.pictures()) {
        eprintln!("warning: {e:#}");
    }
    let mut prepared = prepared;
    let report = BuildReport {
        posts: prepared.site.posts.len(),
        pages: stats.pages,
        elapsed: started.elapsed(),
        left_out: prepared.site.left_out,
        fingerprinted: prepared.assets.fingerprinted(),
        broken_links: prepared.broken_links.len(),
        warnings: std::mem::take(&mut prepared.warnings),
        third_parties: std::mem::take(&mut prepared.third_parties),
        translations: Vec::new(),
    };
    drop_aside(prepared);
    Ok(report)
}

/// Free `value` on a thread of its own: a build's model and views are
/// hundreds of thousands of small values on a large site, and freeing them
/// one by one took half a second that the build need not wait for. Nothing
/// they hold does anything when dropped but free memory and close files
/// that have no name. If no thread can be started, `value` is freed here.
fn drop_aside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("gait-free".into())
        .spawn(move || drop(value));
}

/// The drafts and scheduled posts among a site's posts (`gait check` has them all).
fn drafts_and_scheduled(site: &Site, now: DateTime<Utc>) -> model::LeftOut {
    let drafts = site.posts.iter().filter(|p| p.doc.draft).count();
    let scheduled = site
        .posts
        .iter()
        .filter(|p| !p.doc.draft && p.doc.date.is_after(now))
        .count();
    model::LeftOut { drafts, scheduled }
}

/// `gait check`: prepare with every lint an error, and render every page in
/// memory (a template can fail on one page only). Nothing is written, and
/// the feeds and the search index, which cannot fail, are not made.
pub fn check(opts: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let now = Utc::now();
    let mut session = Session::new(opts.clone());
    let prepared = session.prepare(now, Strictness::Check)?;
    let pages = write::render_only(&prepared, now)?;
    Ok(BuildReport {
        posts: prepared.site.posts.len(),
        pages,
        elapsed: started.elapsed(),
        left_out: drafts_and_scheduled(&prepared.site, now),
        fingerprinted: prepared.assets.fingerprinted(),
        broken_links: prepared.broken_links.len(),
        translations: model::translation_status(&prepared.site),
        warnings: prepared.warnings,
        third_parties: prepared.third_parties,
    })
}

fn check_output(root: &Path, out: &Path) -> Result<()> {
    output::check(root, out)
        .map_err(|r| SiteErrors::single(Diagnostic::error(out, r.message).with_help(r.help)).into())
}
