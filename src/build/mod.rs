//! `gait build` and `gait check`: the pipeline from a site folder to its pages.
//!
//! [`build`] reads as its list of steps; each step lives in its own module.
//! Problems are gathered across steps so that one run reports every broken
//! file, and nothing is written unless the whole site is good.

pub mod bodies;
pub mod files;
pub mod incremental;
pub mod structure;
pub mod write;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::{DateTime, Utc};

use self::bodies::BodyCache;
use self::files::OutputFile;
use self::incremental::PageCache;
use self::structure::{Structure, StructureCache};
use self::write::{DirSink, Sink, WriteStats};
use crate::config::{self, Config, Overrides};
use crate::content::load::{self, Loader};
use crate::diag::{Diagnostic, Diagnostics, SiteErrors};
use crate::fingerprint::Combiner;
use crate::links::{Known, LinkCache};
use crate::markdown::highlight::Highlighter;
use crate::model::{self, Selection, Site};
use crate::output::{self, Staging};
use crate::render::plan::Planned;
use crate::render::present::Bodies;
use crate::render::templates::Templates;
use crate::theme;

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
}

impl BuildReport {
    pub fn summary(&self) -> String {
        format!(
            "Built {} {}, {} pages in {} ms",
            self.posts,
            crate::diag::plural(self.posts, "post", "posts"),
            self.pages,
            self.elapsed.as_millis()
        )
    }
}

/// A site loaded, checked and ready to render: everything but the writing.
pub struct Prepared {
    pub site: Site,
    pub templates: Templates,
    pub bodies: Bodies,
    pub planned: Arc<Vec<Planned>>,
    pub files: Vec<OutputFile>,
    pub warnings: Diagnostics,
    /// Fingerprint of everything that can change every page.
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
    })
}

/// Prepare and render everything into `sink`, without the output folder's staging.
pub fn render_to(
    opts: &BuildOptions,
    sink: &dyn Sink,
    strictness: Strictness,
) -> Result<BuildReport> {
    let started = Instant::now();
    let now = Utc::now();
    let mut session = Session::new(opts.clone());
    let prepared = session.prepare(now, strictness)?;
    let stats = session.write(&prepared, sink, now)?;
    Ok(BuildReport {
        posts: prepared.site.posts.len(),
        pages: stats.pages,
        elapsed: started.elapsed(),
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
    bodies: BodyCache,
    highlighter: Highlighter,
    pages: Option<PageCache>,
    /// Link checks of unchanged posts (with `pages`, for the preview server).
    links: Option<LinkCache>,
    /// The plan and addresses of the last build (with `pages`).
    structure: Option<StructureCache>,
    /// Files a watcher saw change since the last build, if known.
    changed: Option<Vec<PathBuf>>,
}

impl Session {
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            loader: Loader::default(),
            bodies: BodyCache::default(),
            highlighter: Highlighter::new(),
            pages: None,
            links: None,
            structure: None,
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
            pages: Some(PageCache::default()),
            links: Some(LinkCache::default()),
            structure: Some(StructureCache::default()),
            ..Session::new(opts)
        }
    }

    /// Load, resolve, compile templates, render Markdown and check links:
    /// every content and template error, at once.
    pub fn prepare(&mut self, now: DateTime<Utc>, strictness: Strictness) -> Result<Prepared> {
        let mut t = crate::timings::Timings::from_env();
        let opts = &self.opts;
        let root = &opts.root;
        let (config, config_text) = load_config(
            root,
            &Overrides {
                base_url: opts.base_url.clone(),
            },
        )?;
        let changed = self.changed.take();
        let (loaded, mut diags) = self.loader.load_hinted(root, changed.as_deref());
        t.step("load");
        let templates = theme::load(root, &config.theme).and_then(|t| {
            let compiled = Templates::new(&t)?;
            Ok((t, compiled))
        });
        let (theme, templates) = match templates {
            Ok((theme, compiled)) => (theme, Some(compiled)),
            Err(ds) => {
                let in_config = |d: Diagnostic| match d.file == Path::new(config::FILE_NAME) {
                    true => d.locate_key(&config_text, "theme"),
                    false => d,
                };
                diags.extend(ds.into_iter().map(in_config));
                (theme::Theme::default(), None)
            }
        };
        let global_version = global_version(opts, &config_text, &theme, &loaded);
        let selection = Selection {
            drafts: opts.drafts,
            future: opts.future,
            now,
            timezone: config.publishing.timezone,
        };
        t.step("templates");
        let site = model::resolve(config, loaded, selection);
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

        let cache = self.pages.is_some().then_some(&mut self.bodies);
        let bodies = bodies::render_bodies(&site, &self.highlighter, cache);
        t.step("markdown");
        let documents = bodies::documents(&site, &bodies);
        let reserved = files::reserved_paths(&site.config);
        let mut file_warnings = theme.warnings.clone();
        let files = files::output_files(root, &site, &theme, &mut file_warnings);
        diags.extend(file_warnings);
        diags.extend(crate::hostfiles::check(&site, &files));
        let Structure { planned, known } = match &mut self.structure {
            Some(cache) => cache.get(&site, &reserved, &files, &mut diags),
            None => {
                let (structure, clashes) = structure::make(&site, &reserved, &files);
                diags.extend(clashes);
                structure
            }
        };
        bodies::warnings(&documents, &mut diags);
        bodies::check_links(&documents, &known, self.links.as_mut(), &mut diags);
        bodies::lints(&documents, strictness == Strictness::Check, &mut diags);
        check_site_links(&site.config, &known, &mut diags);
        drop(documents);
        t.step("plan+links");
        let warnings = diags.into_result().map_err(anyhow::Error::from)?;
        Ok(Prepared {
            site,
            templates,
            bodies,
            planned,
            files,
            warnings,
            global_version,
        })
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
        write::write_site(prepared, sink, now, self.pages.as_mut(), pages_done)
    }
}

/// Everything that can change every page at once.
fn global_version(
    opts: &BuildOptions,
    config_text: &str,
    theme: &theme::Theme,
    loaded: &load::Loaded,
) -> u64 {
    let mut c = Combiner::new();
    c.add(config_text)
        .add(&opts.base_url)
        .add(&opts.drafts)
        .add(&opts.future);
    for t in &theme.templates {
        c.add(&t.name).add(&t.text);
    }
    for a in &loaded.authors {
        c.add(&a.version);
    }
    for k in &loaded.clinics {
        c.add(&k.version);
    }
    for p in &loaded.pages {
        c.add(&p.version);
    }
    c.add(&loaded.referrals_version);
    c.finish()
}

fn load_config(root: &Path, overrides: &Overrides) -> Result<(Config, String)> {
    let path = root.join(config::FILE_NAME);
    if !path.is_file() {
        return Err(SiteErrors::single(
            Diagnostic::error(
                config::FILE_NAME,
                format!("there is no site.yaml in {}", root.display()),
            )
            .with_help(
                "run gait in the site's folder, pass --root, or create a site with `gait init DIR`",
            ),
        )
        .into());
    }
    let text = load::read_text(&path, Path::new(config::FILE_NAME))
        .map_err(|ds| SiteErrors(ds.into_iter().collect()))?;
    let config =
        Config::parse(&text, overrides).map_err(|ds| SiteErrors(ds.into_iter().collect()))?;
    Ok((config, text))
}

/// Root-relative links in site.yaml's `nav` and `callouts`.
fn check_site_links(config: &Config, known: &Known, diags: &mut Diagnostics) {
    let urls = config
        .nav
        .iter()
        .flatten()
        .map(|l| l.url.as_str())
        .chain(config.callouts.iter().filter_map(|c| c.url.as_deref()));
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
