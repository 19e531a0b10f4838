//! [`Session`]: one site's builds, and what a preview keeps between them.
//! Preparing a build reads as its steps: load, theme and templates,
//! resolve, pictures, Markdown, then the plan and the checks of every
//! document; writing hands the prepared build to [`super::write`].

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::checks::{Checked, apply_link_policy, check_documents, link_policy};
use super::incremental::Incremental;
use super::settings::{load_config, load_theme};
use super::structure::{self, Structure};
use super::write::{self, WriteStats};
use super::{BuildOptions, Prepared, Strictness, bodies, files, pictures, resolved, reviews};
use crate::assets::Assets;
use crate::config::{Config, Overrides};
use crate::content::load::Loader;
use crate::diag::{Diagnostic, Diagnostics, SiteErrors};
use crate::fingerprint::Combiner;
use crate::images::{PictureSet, Pictures};
use crate::markdown::highlight::Highlighter;
use crate::model::{self, Selection, Site};
use crate::sink::Sink;
use crate::theme;
use crate::views::present::Bodies;

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
        let policy = link_policy(strictness, inc.is_some(), site.config.broken_links);
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
