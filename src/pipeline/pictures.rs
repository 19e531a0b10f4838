//! The site's pictures in a build: found among the static files and the
//! post folders, planned by the picture engine (`images/`) before the
//! Markdown is rendered, made and put into the output by the write, and
//! what `gait check` says about them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::fingerprint::Combiner;
use crate::images::{Format, PictureSet, Pictures, Probe, Source};
use crate::links;
use crate::model::Site;
use crate::plan::inputs::PictureVersions;
use crate::theme::{StaticFile, StaticSource, TemplateSource};
use crate::urls;
use crate::views::present::Bodies;

/// Whether a file is a picture the engine publishes in several sizes
/// (JPEG, PNG, WebP, GIF); SVG is copied as it is.
fn is_raster(rel: &Path) -> bool {
    let name = rel.to_string_lossy();
    Format::from_path(&name).is_some_and(|f| f != Format::Svg)
}

/// Take the pictures out of the files to copy: each becomes a source of
/// the engine, at the same address. (A picture built into gait's own
/// theme has no file to read, and is copied; the default theme has none.)
pub fn take_sources(copies: &mut Vec<StaticFile>) -> Vec<Source> {
    let mut sources = Vec::new();
    copies.retain(|f| match &f.source {
        StaticSource::File(file) if is_raster(&f.rel) => {
            sources.push(Source {
                file: file.clone(),
                site_path: f.rel.to_string_lossy().replace('\\', "/"),
            });
            false
        }
        _ => true,
    });
    sources
}

/// Plan every picture (reading again only those changed since `previous`,
/// the preview's last plan). A file that is not a picture gait can read is
/// an error naming it; it goes back to `copies` meanwhile, so that links
/// to it are not reported as broken too.
pub fn plan(
    engine: &Pictures,
    sources: Vec<Source>,
    previous: Option<&PictureSet>,
    copies: &mut Vec<StaticFile>,
) -> (PictureSet, Vec<Diagnostic>) {
    let (planned, errors) = engine.replan(&sources, previous.map_or(&[], |p| p.pictures()));
    if !errors.is_empty() {
        let read: HashSet<&Path> = planned.iter().map(|p| p.source.file.as_path()).collect();
        copies.extend(
            sources
                .into_iter()
                .filter(|s| !read.contains(s.file.as_path()))
                .map(|s| StaticFile {
                    rel: PathBuf::from(s.site_path),
                    source: StaticSource::File(s.file),
                }),
        );
    }
    (PictureSet::new(planned), errors)
}

/// The versions of the pictures each document shows.
pub fn versions(site: &Site, bodies: &Bodies, set: &PictureSet) -> PictureVersions {
    let one = |page: &str, address: Option<&String>| {
        address
            .and_then(|a| links::target(page, a))
            .map_or(0, |path| set.version(&path))
    };
    let shown = |r: &crate::markdown::Rendered| set.versions(r.pictures.iter().map(String::as_str));
    PictureVersions {
        post_cards: (0..site.posts.len())
            .map(|i| match &site.posts[i].doc.image {
                Some(image) => one(&site.post_path(i), Some(image)),
                None => 0,
            })
            .collect(),
        post_bodies: bodies.posts.iter().map(|r| shown(r)).collect(),
        authors: site
            .authors
            .iter()
            .zip(&bodies.authors)
            .map(|(a, bio)| {
                let photo = one(&urls::author(&a.doc.slug), a.doc.photo.as_ref());
                Combiner::new().add(&photo).add(&shown(bio)).finish()
            })
            .collect(),
        clinics: bodies.clinics.iter().map(shown).collect(),
        pages: bodies.pages.iter().map(shown).collect(),
    }
}

/// A picture named in front matter, and where.
pub struct NamedPicture<'a> {
    pub key: PictureKey,
    pub address: &'a str,
    /// The site path of the page it belongs to, for a relative address.
    pub page: String,
    pub file: &'a Path,
    pub at: &'a Option<crate::frontmatter::KeyAt>,
}

/// The front-matter key that names a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureKey {
    /// A post's `image`.
    Image,
    /// An author's `photo`.
    Photo,
}

impl PictureKey {
    pub fn name(self) -> &'static str {
        match self {
            PictureKey::Image => "image",
            PictureKey::Photo => "photo",
        }
    }
}

/// Every post's `image` and author's `photo`.
pub fn named_in_front_matter(site: &Site) -> impl Iterator<Item = NamedPicture<'_>> {
    let posts = site.posts.iter().enumerate().filter_map(|(i, p)| {
        Some(NamedPicture {
            key: PictureKey::Image,
            address: p.doc.image.as_deref()?,
            page: site.post_path(i),
            file: &p.doc.file,
            at: &p.doc.image_at,
        })
    });
    let authors = site.authors.iter().filter_map(|a| {
        Some(NamedPicture {
            key: PictureKey::Photo,
            address: a.doc.photo.as_deref()?,
            page: urls::author(&a.doc.slug),
            file: &a.doc.file,
            at: &a.doc.photo_at,
        })
    });
    posts.chain(authors)
}

/// `gait check`'s warnings about the site's own pictures (in `content/` and
/// `static/`): too heavy or too large, or used by nothing. A picture is used
/// when a document shows or links to it, a post or author names it in its
/// front matter, or a template, a stylesheet or site.yaml mentions its address.
pub fn check(
    root: &Path,
    site: &Site,
    bodies: &Bodies,
    set: &PictureSet,
    texts: &Texts<'_>,
) -> Vec<Diagnostic> {
    let rel = |file: &Path| file.strip_prefix(root).unwrap_or(file).to_path_buf();
    let mut used: HashSet<String> = HashSet::new();
    for d in super::bodies::documents(site, bodies) {
        let page = d.page();
        used.extend(d.rendered.pictures.iter().cloned());
        used.extend(
            d.rendered
                .links
                .iter()
                .filter_map(|l| links::target(&page, &l.dest)),
        );
    }
    used.extend(named_in_front_matter(site).filter_map(|p| links::target(&p.page, p.address)));
    let texts = texts.read();
    let mut references: HashSet<PathBuf> = HashSet::new();
    let mut own: Vec<(PathBuf, Probe)> = Vec::new();
    for p in set.pictures() {
        let file = rel(&p.source.file);
        if !(file.starts_with("content") || file.starts_with("static")) {
            continue;
        }
        let path = &p.source.site_path;
        if used.contains(path) || texts.iter().any(|t| t.contains(path.as_str())) {
            references.insert(file.clone());
        }
        own.push((file, p.probe));
    }
    crate::images::check::warnings(&own, &references)
}

/// Texts that may mention a picture's address: the templates, the
/// stylesheets among the copied files, and site.yaml.
pub struct Texts<'a> {
    pub templates: &'a [TemplateSource],
    pub copies: &'a [StaticFile],
    pub config: &'a str,
}

impl Texts<'_> {
    fn read(&self) -> Vec<String> {
        let mut out: Vec<String> = self.templates.iter().map(|t| t.text.clone()).collect();
        out.push(self.config.to_string());
        for f in self.copies {
            if f.rel.extension().is_some_and(|e| e == "css") {
                let bytes = match &f.source {
                    StaticSource::File(p) => std::fs::read(p).unwrap_or_default(),
                    StaticSource::Builtin(b) => b.to_vec(),
                };
                out.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        out
    }
}
