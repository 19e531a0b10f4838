//! `gait build` and `gait check`: the pipeline from a site folder to its pages.
//!
//! [`Session::prepare`] reads as its list of steps (load, resolve, render
//! the Markdown, plan every output, check), then [`Session::write`] renders
//! and writes the plan; each step lives in its own module.
//! Problems are gathered across steps so that one run reports every broken
//! file, and nothing is written unless the whole site is good.

pub mod audit;
pub mod bodies;
pub mod documents;
pub mod files;
mod frame;
pub mod incremental;
pub mod pictures;
mod resolved;
pub mod reviews;
mod settings;
pub mod structure;
pub mod third_parties;
pub mod write;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::{DateTime, Utc};

use self::incremental::Incremental;
use self::settings::{load_config, load_theme};
use self::structure::Structure;
use self::write::WriteStats;
use crate::assets::Assets;
use crate::config::{self, Config, LinkPolicy, Overrides};
use crate::content::load::Loader;
use crate::diag::{Diagnostic, Diagnostics, SiteErrors};
use crate::fingerprint::Combiner;
use crate::images::{PictureSet, Pictures};
use crate::links::LinkCache;
use crate::markdown::highlight::Highlighter;
use crate::model::{self, Selection, Site};
use crate::output::{self, Staging};
use crate::plan::{Known, Plan};
use crate::render::templates::Templates;
use crate::sink::Sink;
use crate::theme;
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

/// One site's builds. A single `gait build` uses it once; the preview server
/// keeps it, so that each rebuild re-reads only changed files, re-renders
/// only changed Markdown, and re-renders only the pages whose inputs changed.
pub struct Session {
    pub opts: BuildOptions,
    loader: Loader,
    highlighter: Highlighter,
    /// What survives between the preview server's rebuilds.
    incremental: Option<Incremental>,
    /// Files a watcher saw change since the last build, if known.
    changed: Option<Vec<PathBuf>>,
    /// Leave the pictures out of the output (the preview server makes them
    /// aside and serves them from the cache).
    pictures_aside: bool,
}

impl Session {
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            loader: Loader::setting_texts_aside(),
            highlighter: Highlighter::new(),
            incremental: None,
            changed: None,
            pictures_aside: false,
        }
    }

    /// Write no pictures into the output: the caller makes them aside (in
    /// the background, or when a browser asks for one) and serves them
    /// from the cache, so that a write never waits for a picture.
    pub fn pictures_aside(&mut self) {
        self.pictures_aside = true;
    }

    /// Tell the next build which files changed (from a file watcher), so it
    /// need not look at every file.
    pub fn set_changed(&mut self, paths: Vec<PathBuf>) {
        self.changed = Some(paths);
    }

    /// A session that remembers pages between builds (for the preview server).
    pub fn incremental(opts: BuildOptions) -> Session {
        Session {
            incremental: Some(Incremental::default()),
            // A preview keeps the texts, to render again only what changed.
            loader: Loader::default(),
            ..Session::new(opts)
        }
    }

    /// Load, resolve, compile templates, render Markdown, plan every output
    /// and check links: every content and template error, at once.
    pub fn prepare(&mut self, now: DateTime<Utc>, strictness: Strictness) -> Result<Prepared> {
        let mut t = crate::timings::Timings::from_env();
        let root = self.opts.root.clone();
        let (config, config_text) = load_config(&root, &self.overrides())?;
        let (loaded, mut diags) = self.load(&config);
        t.step("load");
        let compiled = self.incremental.as_mut().map(|i| &mut i.templates);
        let (theme, texts, templates) =
            load_theme(&root, &config, &config_text, &mut diags, compiled);
        let mut file_warnings = theme.warnings.clone();
        let (mut copies, assets) = self.site_files(&theme, &mut file_warnings);
        let global_version = global_version(&self.opts, &config_text, &theme, &assets, now);
        t.step("templates");
        let selection = self.selection(now, &config);
        let site = self.resolve(config, &config_text, loaded, selection, &mut diags);
        t.step("resolve");
        let (mut site, templates) = match (site, templates) {
            (Ok(site), Some(templates)) if !diags.has_errors() => (site, templates),
            (result, _) => {
                if let Err(ds) = result {
                    diags.extend(ds.iter().cloned());
                }
                return Err(SiteErrors(diags).into());
            }
        };
        copies.extend(files::post_files(&root, &site, &mut file_warnings));
        let (engine, pictures) = self.plan_pictures(&site, &mut copies, &mut diags);
        t.step("pictures");
        let mut bodies = self.render_markdown(&site, &texts, &pictures);
        diags.extend(std::mem::take(&mut bodies.unread));
        t.step("markdown");
        let mut inc = self.incremental.as_mut();
        diags.extend(file_warnings);
        diags.extend(crate::hostfiles::check(&site));
        if strictness == Strictness::Check {
            let texts = pictures::Texts {
                templates: &theme.templates,
                copies: &copies,
                config: &config_text,
            };
            diags.extend(pictures::check(&root, &site, &bodies, &pictures, &texts));
        }
        let names = crate::plan::clash::Cx {
            site: &site,
            root: &root,
            config_text: &config_text,
            pictures: &pictures,
        };
        let Structure { plan, known } = match inc.as_mut() {
            Some(inc) => inc.structure.get(&site, copies, &names, &mut diags),
            None => {
                let (structure, clashes) = structure::make(&site, copies, &names);
                diags.extend(clashes);
                structure
            }
        };
        let policy = match (strictness, inc.is_some()) {
            (Strictness::Check, _) => LinkPolicy::Error,
            // The preview never holds a save back for a link to a post not written yet.
            (_, true) => LinkPolicy::Warn,
            (_, false) => site.config.broken_links,
        };
        let mut links = Diagnostics::new();
        let third_parties = check_documents(
            Checked {
                site: &site,
                bodies: &bodies,
                templates: &theme.templates,
                known: &known,
                strictness,
            },
            inc.map(|i| &mut i.links),
            &mut links,
            &mut diags,
        );
        let broken_links = apply_link_policy(links, policy, &mut diags);
        if strictness == Strictness::Check {
            reviews::due(&site, now, &mut diags);
        }
        t.step("plan+links");
        let warnings = diags.into_result().map_err(anyhow::Error::from)?;
        if self.incremental.is_none() {
            // One build: the Markdown is rendered and checked, so its text
            // can go (a preview keeps it to skip unchanged files next time).
            self.loader.forget();
            model::drop_sources(&mut site);
        }
        Ok(Prepared {
            site,
            templates,
            texts,
            bodies,
            plan,
            pictures,
            engine,
            assets,
            warnings,
            broken_links,
            global_version,
            third_parties,
        })
    }

    /// The content files (in the preview, only those changed are read
    /// again); a broken draft's errors are warnings unless drafts are built.
    fn load(&mut self, config: &Config) -> (crate::content::load::Loaded, Diagnostics) {
        let changed = self.changed.take();
        let root = &self.opts.root;
        let (mut loaded, mut diags) =
            self.loader
                .load_hinted(root, changed.as_deref(), &config.languages);
        let broken_drafts = std::mem::take(&mut loaded.draft_diags);
        diags.extend(broken_drafts.into_iter().map(|d| match self.opts.drafts {
            true => d,
            false => d.in_draft(),
        }));
        (loaded, diags)
    }

    /// Render every document's Markdown. A single build sets the posts'
    /// HTML aside on disk until their pages are written; a preview keeps it,
    /// and reuses what did not change since the last save.
    fn render_markdown(
        &mut self,
        site: &Site,
        texts: &[crate::i18n::Text],
        pictures: &crate::images::PictureSet,
    ) -> Bodies {
        let spill = match self.incremental {
            None => crate::spill::Spill::beside(&self.opts.output).ok(),
            Some(_) => None,
        };
        let with = bodies::With {
            highlighter: &self.highlighter,
            texts,
            pictures,
            spill: spill.as_ref(),
        };
        let cache = self.incremental.as_mut().map(|i| &mut i.bodies);
        bodies::render_bodies(site, &with, cache)
    }

    /// Take the pictures out of `copies` and plan them (in the preview,
    /// reading again only those changed since the last build).
    fn plan_pictures(
        &mut self,
        site: &Site,
        copies: &mut Vec<crate::theme::StaticFile>,
        diags: &mut Diagnostics,
    ) -> (Arc<Pictures>, Arc<PictureSet>) {
        let engine = Arc::new(Pictures::new(&self.opts.root, &site.config.images));
        let sources = pictures::take_sources(copies);
        let inc = self.incremental.as_mut();
        let previous = inc.as_ref().and_then(|i| i.pictures.as_deref());
        let (set, errors) = pictures::plan(&engine, sources, previous, copies);
        diags.extend(errors);
        let set = Arc::new(set);
        if let Some(inc) = inc {
            inc.pictures = Some(set.clone());
        }
        (engine, set)
    }

    /// The theme's and `static/`'s files, with the theme's CSS and JavaScript
    /// fingerprinted (unless turned off).
    fn site_files(
        &self,
        theme: &theme::Theme,
        warnings: &mut Vec<Diagnostic>,
    ) -> (Vec<crate::theme::StaticFile>, Assets) {
        let mut copies = files::static_files(&self.opts.root, theme, warnings);
        let assets = match self.opts.fingerprint_assets {
            true => {
                let own = theme.static_files.iter().map(|f| f.rel.clone()).collect();
                crate::assets::fingerprint(&mut copies, &own)
            }
            false => Assets::default(),
        };
        (copies, assets)
    }

    /// Resolve the loaded documents; a preview reuses its last site when a
    /// save changed only the text of posts ([`resolved::LastSite`]).
    fn resolve(
        &mut self,
        config: Config,
        config_text: &str,
        loaded: crate::content::load::Loaded,
        selection: Selection,
        diags: &mut Diagnostics,
    ) -> Result<Site, Diagnostics> {
        let Some(inc) = self.incremental.as_mut() else {
            return model::resolve(config, loaded, selection, diags);
        };
        let made = resolved::Made {
            config_text,
            loaded: &loaded,
            selection: &selection,
        };
        if let Some((site, said)) = inc.last_site.as_ref().and_then(|l| l.reuse(&made)) {
            diags.extend(said);
            return Ok(site);
        }
        let pending = resolved::Pending::of(&made);
        let mut said = Diagnostics::new();
        let site = model::resolve(config, loaded, selection, &mut said);
        let said: Vec<Diagnostic> = said.into_iter().collect();
        inc.last_site = match &site {
            Ok(site)
                if !said
                    .iter()
                    .any(|d| d.severity == crate::diag::Severity::Error) =>
            {
                Some(pending.keep(site, said.clone()))
            }
            _ => None,
        };
        diags.extend(said);
        site
    }

    fn overrides(&self) -> Overrides {
        Overrides {
            base_url: self.opts.base_url.clone(),
        }
    }

    fn selection(&self, now: DateTime<Utc>, config: &Config) -> Selection {
        Selection {
            drafts: self.opts.drafts,
            future: self.opts.future,
            now,
            timezone: config.publishing.timezone,
        }
    }

    /// Render and write a prepared site; with an incremental session, only
    /// the pages that changed since the last write.
    pub fn write(
        &mut self,
        prepared: &Prepared,
        sink: &dyn Sink,
        now: DateTime<Utc>,
    ) -> Result<WriteStats> {
        let publish = !self.pictures_aside;
        write::write_site(prepared, sink, now, self.incremental.as_mut(), publish)
    }

    /// The pages and copied files only; the feeds and the search index are
    /// left to [`write::write_files`] with the returned frame (the preview
    /// runs it in the background, after the browsers reloaded).
    pub fn write_pages(
        &mut self,
        prepared: &Prepared,
        sink: &dyn Sink,
        now: DateTime<Utc>,
    ) -> Result<(WriteStats, write::Frame)> {
        let publish = !self.pictures_aside;
        write::write_pages(prepared, sink, now, self.incremental.as_mut(), publish)
    }
}

/// What the documents are checked with.
struct Checked<'a> {
    site: &'a Site,
    bodies: &'a Bodies,
    templates: &'a [theme::TemplateSource],
    known: &'a Known,
    strictness: Strictness,
}

/// What the Markdown of every document says about itself: rendering
/// warnings and lints (into `diags`), broken links, checked against `known`
/// (into `links`), and what the documents and templates load from other
/// hosts (the allowed hosts, by kind).
fn check_documents(
    c: Checked<'_>,
    cache: Option<&mut LinkCache>,
    links: &mut Diagnostics,
    diags: &mut Diagnostics,
) -> crate::privacy::Hosts {
    let documents = bodies::documents(c.site, c.bodies);
    bodies::warnings(&documents, diags);
    bodies::check_links(&documents, c.known, cache, links);
    bodies::lints(&documents, c.strictness == Strictness::Check, diags);
    check_site_links(&c.site.config, c.known, links);
    third_parties::check(&documents, c.templates, &c.site.config, diags)
}

/// Broken links are errors, or with `policy` warn, warnings (returned too).
fn apply_link_policy(
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

/// The version of what every page shows: site.yaml, the templates, the
/// assets' names, the build's options, and the year (in the footer). What else a page shows,
/// its kind declares (see [`crate::plan::inputs`]).
fn global_version(
    opts: &BuildOptions,
    config_text: &str,
    theme: &theme::Theme,
    assets: &Assets,
    now: DateTime<Utc>,
) -> u64 {
    let mut c = Combiner::new();
    c.add(config_text)
        .add(assets)
        .add(&opts.base_url)
        .add(&opts.drafts)
        .add(&opts.future)
        .add(&chrono::Datelike::year(&now));
    for t in &theme.templates {
        c.add(&t.name).add(&t.text);
    }
    for t in theme.texts.iter().chain(&theme.site_texts) {
        c.add(&t.origin.as_os_str().as_encoded_bytes()).add(&t.text);
    }
    c.finish()
}

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
    for url in urls {
        let target = crate::links::target("", url);
        if url.starts_with('/') && target.is_some_and(|t| !known.contains(&t)) {
            diags.push(
                Diagnostic::error(
                    config::FILE_NAME,
                    format!("the link `{url}` points to nothing on this site"),
                )
                .with_help("check the address in `nav` or `callouts`"),
            );
        }
    }
}
