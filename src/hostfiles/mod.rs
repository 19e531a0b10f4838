//! Host files: `_redirects` and `_headers` for Netlify and Cloudflare Pages,
//! `.htaccess` for Apache shared hosting. They turn every alias into a real
//! 301 (the meta-refresh alias pages stay, for hosts that read none of them),
//! name the 404 page, and ask for security headers and caching.
//!
//! [`plan`] adds them to the build's plan (with the address of `gait
//! deploy`'s record, kept for it). [`files`] is pure: it makes the files from
//! the redirects, the 404 page, the fingerprinted assets, the output's file
//! list and the other sites the pages load from. [`for_build`] gathers those
//! from a prepared site. site.yaml's `host_files: false` turns them off.

pub mod formats;
pub mod policy;

use std::path::PathBuf;

use crate::diag::Diagnostic;
use crate::model::Site;
use crate::pipeline::Prepared;
use crate::plan::{Claim, Maker, Plan};
use crate::urls;

pub use policy::Loads;

pub const REDIRECTS: &str = "_redirects";
pub const HEADERS: &str = "_headers";
pub const HTACCESS: &str = ".htaccess";

/// Cloudflare Pages reads at most this many static redirects from `_redirects`.
pub const CLOUDFLARE_STATIC_REDIRECTS: usize = 2000;
/// Cloudflare Pages reads at most this many rules from `_headers`.
pub const CLOUDFLARE_HEADER_RULES: usize = 100;

/// An old address and where it moved, both as readers request them
/// (root-relative, with the site's base path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub from: String,
    pub to: String,
}

/// Everything the host files are made from.
#[derive(Debug, Clone)]
pub struct HostSite<'a> {
    /// `""`, or `/blog` for a site under a path.
    pub base_path: &'a str,
    pub redirects: Vec<Redirect>,
    /// The 404 page's address (`/404.html`).
    pub not_found: String,
    /// Site paths of fingerprinted assets (`css/style.1a2b3c4d.css`).
    pub fingerprinted: &'a [String],
    /// Every file of the output, relative to its root.
    pub outputs: &'a [PathBuf],
    pub loads: &'a Loads,
}

/// `_redirects`, `_headers` and `.htaccess`.
pub fn files(site: &HostSite) -> Vec<(PathBuf, String)> {
    vec![
        (
            PathBuf::from(REDIRECTS),
            formats::redirects(&site.redirects),
        ),
        (PathBuf::from(HEADERS), formats::headers(site)),
        (PathBuf::from(HTACCESS), formats::htaccess(site)),
    ]
}

/// The host files of a prepared site, in the order of [`NAMES`] (none with
/// `host_files: false`).
pub fn for_build(prepared: &Prepared) -> Vec<(PathBuf, String)> {
    let site = &prepared.site;
    if !site.config.publishing.host_files {
        return Vec::new();
    }
    let u = &site.config.urls;
    let loads = loads(prepared);
    let outputs: Vec<PathBuf> = prepared.plan.files().collect();
    let fingerprinted = prepared.assets.fingerprinted();
    files(&HostSite {
        base_path: u.base_path(),
        redirects: redirects(site, &prepared.plan),
        not_found: u.url(urls::NOT_FOUND),
        fingerprinted: &fingerprinted,
        outputs: &outputs,
        loads: &loads,
    })
}

/// The host files' names, in the order [`files`] makes them.
pub const NAMES: [&str; 3] = [REDIRECTS, HEADERS, HTACCESS];

/// Add the host files to the plan (unless `host_files: false`), and keep the
/// address of `gait deploy`'s record.
pub fn plan(site: &Site, plan: &mut Plan) {
    if site.config.publishing.host_files {
        let claim = Claim::Optional {
            what: "the host files",
            help: "remove this file, or set `host_files: false` in site.yaml to write your own",
        };
        for (i, name) in NAMES.iter().enumerate() {
            plan.made(name.to_string(), Maker::HostFile, i, claim);
        }
    }
    let claim = Claim::Gait("the record of what gait deploy published");
    plan.keep(
        crate::deploy::manifest::NAME.into(),
        Maker::DeployRecord,
        claim,
    );
}

/// Each alias of each post, to the post.
pub fn redirects(site: &Site, plan: &Plan) -> Vec<Redirect> {
    let u = &site.config.urls;
    plan.outputs
        .iter()
        .filter_map(|o| match o.claim {
            Claim::Alias { post, .. } => Some(Redirect {
                from: u.url(&o.path),
                to: u.url(&urls::post(&site.posts.get(post as usize)?.doc.slug)),
            }),
            _ => None,
        })
        .collect()
}

/// The other sites the pages may load from, by kind: the hosts site.yaml's
/// `third_party_allowed` lets them load from (found by [`crate::privacy`] in
/// the documents and templates), and the players of click-to-play videos,
/// which a frame may show once a reader presses play. A request to any
/// other host is blocked by the policy (`gait build` warns about it).
pub fn loads(prepared: &Prepared) -> Loads {
    let hosts = &prepared.third_parties;
    let origins = |set: &std::collections::BTreeSet<String>| {
        set.iter().map(|h| format!("https://{h}")).collect()
    };
    Loads {
        scripts: origins(&hosts.script),
        styles: origins(&hosts.style),
        images: origins(&hosts.img),
        media: origins(&hosts.media),
        frames: origins(&hosts.frame)
            .into_iter()
            .chain(origins(&hosts.after_click))
            .collect(),
        fonts: origins(&hosts.font),
    }
}

/// More aliases than Cloudflare Pages reads is a warning. (A static file
/// that takes a host file's address is a clash of the plan.)
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let aliases: usize = site.posts.iter().map(|p| p.doc.aliases.len()).sum();
    if !site.config.publishing.host_files || aliases <= CLOUDFLARE_STATIC_REDIRECTS {
        return Vec::new();
    }
    vec![
        Diagnostic::warning(
            "content/posts",
            format!(
                "the posts have {aliases} aliases, more than the {CLOUDFLARE_STATIC_REDIRECTS} redirects Cloudflare Pages reads from _redirects"
            ),
        )
        .with_help("on Cloudflare Pages the others still redirect through their meta-refresh pages, without a 301; a Bulk Redirect list takes more"),
    ]
}

#[cfg(test)]
mod tests;
