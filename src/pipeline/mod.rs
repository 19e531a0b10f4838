//! `gait build` and `gait check`: the pipeline from a site folder to its pages.
//!
//! [`Session::prepare`] reads as its list of steps (load, resolve, render
//! the Markdown, plan every output, check), then [`Session::write`] renders
//! and writes the plan; each step lives in its own module.
//! Problems are gathered across steps so that one run reports every broken
//! file, and nothing is written unless the whole site is good.

pub mod audit;
pub mod bodies;
pub mod files;
mod frame;
pub mod incremental;
mod settings;
pub mod structure;
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
use crate::config::{self, Config, Overrides};
use crate::content::load::Loader;
use crate::diag::{Diagnostic, Diagnostics, SiteErrors};
use crate::fingerprint::Combiner;
use crate::links::LinkCache;
use crate::markdown::highlight::Highlighter;
use crate::model::{self, Selection, Site};
use crate::output::{self, Staging};
use crate::plan::{Known, Plan};
use crate::render::templates::Templates;
use crate::sink::{DirSink, Sink};
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
    /// How far each translation is (`gait check`; empty for a build).
    pub translations: Vec<model::TranslationStatus>,
}

impl BuildReport {
    pub fn summary(&self) -> String {
        crate::diag::build_summary(self.posts, self.pages, None, self.elapsed)
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
    pub warnings: Diagnostics,
    /// The version of what every page shows: site.yaml, the templates, the
    /// build's options and year.
    pub global_version: u64,
}

/// Build the site into `opts.output`, or leave it untouched and report why not.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    check_output(&opts.root, &opts.output)?;
    let mut session = Session::new(opts.clone());
    let now = Utc::now();
    let prepared = session.prepare(now, Strictness::Build)?;
    let staging = Staging::create(&opts.output)?;
    let stats = session.write(&prepared, &DirSink(staging.path().to_path_buf()), now)?;
    let mut t = crate::timings::Timings::from_env();
    staging.prune(&stats.outputs.iter().cloned().collect())?;
    staging.commit()?;
    t.step("swap");
    Ok(BuildReport {
        posts: prepared.site.posts.len(),
        pages: stats.pages,
        elapsed: started.elapsed(),
        warnings: prepared.warnings,
        translations: Vec::new(),
    })
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
        translations: model::translation_status(&prepared.site),
        warnings: prepared.warnings,
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
}

impl Session {
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            loader: Loader::default(),
            highlighter: Highlighter::new(),
            incremental: None,
            changed: None,
        }
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
            ..Session::new(opts)
        }
    }

    /// Load, resolve, compile templates, render Markdown, plan every output
    /// and check links: every content and template error, at once.
    pub fn prepare(&mut self, now: DateTime<Utc>, strictness: Strictness) -> Result<Prepared> {
        let mut t = crate::timings::Timings::from_env();
        let root = self.opts.root.clone();
        let (config, config_text) = load_config(&root, &self.overrides())?;
        let changed = self.changed.take();
        let (loaded, mut diags) =
            self.loader
                .load_hinted(&root, changed.as_deref(), &config.languages);
        t.step("load");
        let (theme, texts, templates) = load_theme(&root, &config, &config_text, &mut diags);
        let global_version = global_version(&self.opts, &config_text, &theme, now);
        t.step("templates");
        let site = model::resolve(config, loaded, self.selection(now));
        t.step("resolve");
        let (site, templates) = match (site, templates) {
            (Ok(site), Some(templates)) if !diags.has_errors() => (site, templates),
            (result, _) => {
                if let Err(ds) = result {
                    diags.extend(ds.iter().cloned());
                }
                return Err(SiteErrors(diags).into());
            }
        };
        let mut inc = self.incremental.as_mut();
        let bodies = bodies::render_bodies(
            &site,
            &self.highlighter,
            &texts,
            inc.as_mut().map(|i| &mut i.bodies),
        );
        t.step("markdown");
        let mut file_warnings = theme.warnings.clone();
        let copies = files::static_files(&root, &site, &theme, &mut file_warnings);
        diags.extend(file_warnings);
        let names = crate::plan::clash::Cx {
            site: &site,
            root: &root,
            config_text: &config_text,
        };
        let Structure { plan, known } = match inc.as_mut() {
            Some(inc) => inc.structure.get(&site, copies, &names, &mut diags),
            None => {
                let (structure, clashes) = structure::make(&site, copies, &names);
                diags.extend(clashes);
                structure
            }
        };
        check_documents(
            &site,
            &bodies,
            &known,
            strictness,
            inc.map(|i| &mut i.links),
            &mut diags,
        );
        t.step("plan+links");
        let warnings = diags.into_result().map_err(anyhow::Error::from)?;
        Ok(Prepared {
            site,
            templates,
            texts,
            bodies,
            plan,
            warnings,
            global_version,
        })
    }

    fn overrides(&self) -> Overrides {
        Overrides {
            base_url: self.opts.base_url.clone(),
        }
    }

    fn selection(&self, now: DateTime<Utc>) -> Selection {
        Selection {
            drafts: self.opts.drafts,
            future: self.opts.future,
            now,
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
        self.write_then(prepared, sink, now, &mut |_| {})
    }

    /// Like [`Session::write`], calling `pages_done` as soon as the pages and
    /// static files are in place (before the feeds and the search index),
    /// with the list of those pages and files.
    pub fn write_then(
        &mut self,
        prepared: &Prepared,
        sink: &dyn Sink,
        now: DateTime<Utc>,
        pages_done: &mut dyn FnMut(&[PathBuf]),
    ) -> Result<WriteStats> {
        write::write_site(prepared, sink, now, self.incremental.as_mut(), pages_done)
    }
}

/// What the Markdown of every document says about itself: rendering
/// warnings, broken links (checked against `known`) and lints.
fn check_documents(
    site: &Site,
    bodies: &Bodies,
    known: &Known,
    strictness: Strictness,
    links: Option<&mut LinkCache>,
    diags: &mut Diagnostics,
) {
    let documents = bodies::documents(site, bodies);
    bodies::warnings(&documents, diags);
    bodies::check_links(&documents, known, links, diags);
    bodies::lints(&documents, strictness == Strictness::Check, diags);
    check_site_links(&site.config, known, diags);
}

/// The version of what every page shows: site.yaml, the templates, the
/// build's options, and the year (in the footer). What else a page shows,
/// its kind declares (see [`crate::plan::inputs`]).
fn global_version(
    opts: &BuildOptions,
    config_text: &str,
    theme: &theme::Theme,
    now: DateTime<Utc>,
) -> u64 {
    let mut c = Combiner::new();
    c.add(config_text)
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
