//! The checks of a prepared build that look at every document at once:
//! rendering warnings, lints, internal links (with the site's policy for
//! broken ones), site.yaml's own links, and the hosts pages load from.

use super::pictures::PictureKey;
use super::{Strictness, bodies, third_parties};
use crate::config::{self, Config, LinkPolicy};
use crate::diag::{Diagnostic, Diagnostics};
use crate::links::LinkCache;
use crate::model::Site;
use crate::plan::{Found, Known};
use crate::theme;
use crate::views::present::Bodies;

/// What the documents are checked with.
pub(super) struct Checked<'a> {
    pub(super) site: &'a Site,
    pub(super) bodies: &'a Bodies,
    pub(super) templates: &'a [theme::TemplateSource],
    pub(super) known: &'a Known,
    pub(super) strictness: Strictness,
}

/// What the Markdown of every document says about itself: rendering
/// warnings and lints (into `diags`), broken links, checked against `known`
/// (into `links`), and what the documents and templates load from other
/// hosts (the allowed hosts, by kind).
pub(super) fn check_documents(
    c: Checked<'_>,
    cache: Option<&mut LinkCache>,
    links: &mut Diagnostics,
    diags: &mut Diagnostics,
) -> crate::privacy::Hosts {
    let documents = bodies::documents(c.site, c.bodies);
    bodies::warnings(&documents, diags);
    bodies::check_links(&documents, c.known, cache, links);
    check_picture_keys(c.site, c.known, links);
    bodies::lints(&documents, c.strictness == Strictness::Check, diags);
    check_site_links(&c.site.config, c.known, links);
    third_parties::check(&documents, c.templates, &c.site.config, diags)
}

/// What a broken link is: always an error for `gait check`, a warning in
/// the preview (which never holds a save back for a link to a post not
/// written yet), else what site.yaml's `broken_links` says.
pub(super) fn link_policy(strictness: Strictness, preview: bool, site: LinkPolicy) -> LinkPolicy {
    match (strictness, preview) {
        (Strictness::Check, _) => LinkPolicy::Error,
        (_, true) => LinkPolicy::Warn,
        (_, false) => site,
    }
}

/// Broken links are errors, or with `policy` warn, warnings (returned too).
pub(super) fn apply_link_policy(
    links: Diagnostics,
    policy: LinkPolicy,
    diags: &mut Diagnostics,
) -> Vec<Diagnostic> {
    match policy {
        LinkPolicy::Error => {
            diags.extend(links);
            Vec::new()
        }
        LinkPolicy::Warn => {
            let warned: Vec<Diagnostic> = links
                .into_iter()
                .map(|mut d| {
                    d.severity = crate::diag::Severity::Warning;
                    d
                })
                .collect();
            diags.extend(warned.iter().cloned());
            warned
        }
    }
}

/// The pictures front matter names: a post's `image` and an author's
/// `photo`, each a broken picture (at its key's line) when the site has no
/// file at that address.
fn check_picture_keys(site: &Site, known: &Known, diags: &mut Diagnostics) {
    for p in super::pictures::named_in_front_matter(site) {
        let Some(target) = crate::links::target(&p.page, p.address) else {
            continue;
        };
        let d = match known.find(&target) {
            Found::Exact => continue,
            Found::Capitals(real) => {
                crate::links::capitals(p.file, "picture", &p.page, p.address, real)
            }
            Found::Nothing => Diagnostic::error(
                p.file,
                format!(
                    "`{}:` names the picture `{}`, which is not on this site",
                    p.key.name(),
                    p.address
                ),
            )
            .with_help(match p.key {
                PictureKey::Image => IMAGE_HELP,
                PictureKey::Photo => PHOTO_HELP,
            }),
        };
        let mut d = d.at_line(p.at.as_ref().map(|k| k.line));
        d.snippet = p.at.as_ref().map(|k| k.text.clone());
        diags.push(d);
    }
}

/// Where a post's `image` can be.
const IMAGE_HELP: &str = "put the picture beside the post in its folder (content/posts/<slug>/index.md with photo.jpg next to it: `image: photo.jpg`), or in static/ and write its address from there (`image: /images/brace.jpg` for static/images/brace.jpg); check the spelling and the capitals";
/// Where an author's `photo` can be.
const PHOTO_HELP: &str = "put the photo in static/ and write its address from there (`photo: /images/team/jo-park.jpg` for static/images/team/jo-park.jpg); check the spelling and the capitals";

/// Root-relative links in site.yaml's `nav` and `callouts` (and each translation's).
fn check_site_links(config: &Config, known: &Known, diags: &mut Diagnostics) {
    let urls = config.languages.all().flat_map(|l| {
        config
            .nav_in(l)
            .into_iter()
            .flatten()
            .map(|n| n.url.as_str())
            .chain(
                config
                    .callouts_in(l)
                    .iter()
                    .filter_map(|c| c.url.as_deref()),
            )
    });
    for url in urls.filter(|u| u.starts_with('/')) {
        let Some(target) = crate::links::target("", url) else {
            continue;
        };
        match known.find(&target) {
            Found::Exact => {}
            Found::Capitals(real) => diags.push(crate::links::capitals(
                std::path::Path::new(config::FILE_NAME),
                "link",
                "",
                url,
                real,
            )),
            Found::Nothing => diags.push(
                Diagnostic::error(
                    config::FILE_NAME,
                    format!("the link `{url}` points to nothing on this site"),
                )
                .with_help("check the address in `nav` or `callouts`"),
            ),
        }
    }
}
