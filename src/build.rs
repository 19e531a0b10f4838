//! `gait build`: the pipeline from a site folder to its output folder.
//!
//! [`build`] reads as its list of steps; each step lives in its own module.
//! Problems are gathered across steps so that one run reports every broken
//! file, and nothing is written unless the whole site is good.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::{DateTime, Utc};
use rayon::prelude::*;

use crate::config::{self, Config, Overrides};
use crate::content::load;
use crate::diag::{Diagnostic, Diagnostics, SiteErrors};
use crate::links::{self, Known};
use crate::markdown::highlight::Highlighter;
use crate::markdown::{self, RenderOptions, Rendered};
use crate::model::{self, Selection, Site};
use crate::output::{self, Staging};
use crate::progress::Progress;
use crate::render::pages::RenderCx;
use crate::render::plan::{self, Planned};
use crate::render::present::{self, Bodies};
use crate::render::templates::Templates;
use crate::render::{feeds, related};
use crate::theme::{self, StaticSource, Theme};
use crate::{fsx, urls};

/// What to build, from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
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
    pub theme: Theme,
    pub bodies: Bodies,
    pub planned: Vec<Planned>,
    pub files: Vec<OutputFile>,
    pub warnings: Diagnostics,
}

/// A file copied into the output as is.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub rel: PathBuf,
    pub source: StaticSource,
}

/// Build the site into `opts.output`, or leave it untouched and report why not.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    check_output(&opts.root, &opts.output)?;
    let now = Utc::now();
    let prepared = prepare(opts, now)?;
    let staging = Staging::create(&opts.output)?;
    let pages = write_site(&prepared, staging.path(), now)?;
    staging.commit()?;
    Ok(BuildReport {
        posts: prepared.site.posts.len(),
        pages,
        elapsed: started.elapsed(),
        warnings: prepared.warnings,
    })
}

fn check_output(root: &Path, out: &Path) -> Result<()> {
    output::check(root, out)
        .map_err(|r| SiteErrors::single(Diagnostic::error(out, r.message).with_help(r.help)).into())
}

/// Load, resolve, render Markdown and check links: every content error, at once.
pub fn prepare(opts: &BuildOptions, now: DateTime<Utc>) -> Result<Prepared> {
    let root = &opts.root;
    let config = load_config(
        root,
        &Overrides {
            base_url: opts.base_url.clone(),
        },
    )?;
    let (loaded, mut diags) = load::load(root);
    let theme = match theme::load(root, &config.theme) {
        Ok(t) => Some(t),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    let selection = Selection {
        drafts: opts.drafts,
        future: opts.future,
        now,
    };
    let site = match model::resolve(config, loaded, selection) {
        Ok(site) if !diags.has_errors() => site,
        Ok(_) => return Err(SiteErrors(diags).into()),
        Err(ds) => {
            diags.extend(ds.iter().cloned());
            return Err(SiteErrors(diags).into());
        }
    };
    let theme = theme.unwrap_or_default();
    let highlighter = Highlighter::new();
    let bodies = render_bodies(&site, &highlighter, &mut diags);
    let planned = match plan::plan(&site, &reserved_paths(&site.config)) {
        Ok(p) => p,
        Err(ds) => {
            diags.extend(ds);
            Vec::new()
        }
    };
    let files = output_files(root, &site, &theme);
    check_links(&site, &bodies, &planned, &files, &mut diags);
    let warnings = diags.into_result().map_err(anyhow::Error::from)?;
    Ok(Prepared {
        site,
        theme,
        bodies,
        planned,
        files,
        warnings,
    })
}

fn load_config(root: &Path, overrides: &Overrides) -> Result<Config> {
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
    let text = fsx::read_to_string(&path)?;
    Config::parse(&text, overrides).map_err(|ds| SiteErrors(ds.into_iter().collect()).into())
}

/// Addresses gait makes besides the planned pages; content may not claim them.
fn reserved_paths(config: &Config) -> Vec<(String, &'static str)> {
    let mut out = vec![
        (urls::FEED.to_string(), "the feed"),
        (urls::SITEMAP.to_string(), "the sitemap"),
        (urls::ROBOTS.to_string(), "robots.txt"),
        (urls::SEARCH.to_string(), "the search page"),
        ("posts/".to_string(), "the posts folder"),
        ("tags/".to_string(), "the tags folder"),
        ("page/".to_string(), "the home page's pagination"),
    ];
    if let Some(f) = &config.finder {
        out.push((
            format!("{}/", f.path),
            "the therapist finder (site.yaml `finder.path`)",
        ));
    }
    out
}

/// Render every Markdown document of the site, in parallel.
fn render_bodies(site: &Site, highlighter: &Highlighter, diags: &mut Diagnostics) -> Bodies {
    let urls = &site.config.urls;
    let trusted = RenderOptions {
        urls,
        allow_html: true,
        highlighter,
    };
    let untrusted = RenderOptions {
        urls,
        allow_html: false,
        highlighter,
    };
    let posts: Vec<Rendered> = site
        .posts
        .par_iter()
        .map(|p| markdown::render(&p.doc.body, &trusted))
        .collect();
    for (p, r) in site.posts.iter().zip(&posts) {
        for (line, msg) in &r.warnings {
            diags.push(
                Diagnostic::warning(&p.doc.file, msg.clone()).at_line(Some(p.doc.body_line + line)),
            );
        }
    }
    let comments = site
        .posts
        .par_iter()
        .map(|p| {
            p.comments
                .iter()
                .map(|c| markdown::render(&c.body, &untrusted).html)
                .collect()
        })
        .collect();
    Bodies {
        posts,
        authors: site
            .authors
            .iter()
            .map(|a| markdown::render(&a.doc.bio, &trusted))
            .collect(),
        clinics: site
            .clinics
            .iter()
            .map(|c| markdown::render(&c.doc.description, &trusted))
            .collect(),
        pages: site
            .pages
            .iter()
            .map(|p| markdown::render(&p.body, &trusted))
            .collect(),
        comments,
        callouts: site
            .config
            .callouts
            .iter()
            .map(|c| markdown::render(&c.body, &trusted).html)
            .collect(),
    }
}

/// Theme static files, then the site's `static/` (which wins), then each
/// post folder's own files beside its page.
fn output_files(root: &Path, site: &Site, theme: &Theme) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = theme
        .static_files
        .iter()
        .map(|f| OutputFile {
            rel: f.rel.clone(),
            source: f.source.clone(),
        })
        .collect();
    for (rel, path) in theme::files_under(&root.join("static")) {
        files.retain(|f| f.rel != rel);
        files.push(OutputFile {
            rel,
            source: StaticSource::File(path),
        });
    }
    for post in &site.posts {
        if let Some(bundle) = &post.doc.bundle {
            for (rel, path) in theme::files_under(bundle) {
                if rel == Path::new("index.md") {
                    continue;
                }
                let out = PathBuf::from(urls::post(&post.doc.slug)).join(rel);
                files.push(OutputFile {
                    rel: out,
                    source: StaticSource::File(path),
                });
            }
        }
    }
    files
}

fn check_links(
    site: &Site,
    bodies: &Bodies,
    planned: &[Planned],
    files: &[OutputFile],
    diags: &mut Diagnostics,
) {
    let mut generated: Vec<String> = planned.iter().map(|p| p.path.clone()).collect();
    generated.extend(reserved_paths(&site.config).into_iter().map(|(p, _)| p));
    let known = Known::new(
        generated,
        files
            .iter()
            .map(|f| f.rel.to_string_lossy().replace('\\', "/")),
    );
    for (p, r) in site.posts.iter().zip(&bodies.posts) {
        diags.extend(links::check(
            &known,
            &urls::post(&p.doc.slug),
            &r.links,
            &p.doc.file,
            p.doc.body_line,
        ));
    }
    for (p, r) in site.pages.iter().zip(&bodies.pages) {
        diags.extend(links::check(
            &known,
            &urls::page(&p.slug),
            &r.links,
            &p.file,
            p.body_line,
        ));
    }
    for (a, r) in site.authors.iter().zip(&bodies.authors) {
        diags.extend(links::check(
            &known,
            &urls::author(&a.doc.slug),
            &r.links,
            &a.doc.file,
            1,
        ));
    }
    for (c, r) in site.clinics.iter().zip(&bodies.clinics) {
        diags.extend(links::check(
            &known,
            &urls::clinic(&c.doc.slug),
            &r.links,
            &c.doc.file,
            1,
        ));
    }
    let site_links = site
        .config
        .nav
        .iter()
        .flatten()
        .map(|l| l.url.as_str())
        .chain(site.config.callouts.iter().filter_map(|c| c.url.as_deref()));
    for url in site_links {
        if let Some(target) = links::target("", url) {
            if url.starts_with('/') && !known.contains(&target) {
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
}

/// Render every page and file into `dir`. Returns the number of pages.
pub fn write_site(prepared: &Prepared, dir: &Path, now: DateTime<Utc>) -> Result<usize> {
    let Prepared {
        site,
        theme,
        bodies,
        planned,
        files,
        ..
    } = prepared;
    let views = present::present(site, bodies, now);
    let templates =
        Templates::new(theme, &views.site).map_err(|ds| SiteErrors(ds.into_iter().collect()))?;
    let related = related::related(site);
    let cx = RenderCx {
        site,
        views: &views,
        templates: &templates,
        comment_bodies: &bodies.comments,
        related: &related,
    };

    let progress = Progress::new(planned.len());
    let errors: Vec<Diagnostic> = planned
        .par_iter()
        .filter_map(|p| {
            let result = cx.render(&p.path, &p.job).and_then(|html| {
                fsx::write(&dir.join(urls::output_file(&p.path)), html)
                    .map_err(|e| Diagnostic::error(dir, format!("{e:#}")))
            });
            progress.tick();
            result.err()
        })
        .collect();
    progress.finish();
    if !errors.is_empty() {
        return Err(SiteErrors(errors.into_iter().collect::<Diagnostics>()).into());
    }
    fsx::write(&dir.join(urls::FEED), feeds::atom(site, &views.posts))?;
    fsx::write(&dir.join(urls::SITEMAP), feeds::sitemap(site, planned, &[]))?;
    fsx::write(&dir.join(urls::ROBOTS), feeds::robots(&site.config.urls))?;
    files.par_iter().try_for_each(|f| {
        let dest = dir.join(&f.rel);
        match &f.source {
            StaticSource::File(src) => fsx::copy(src, &dest),
            StaticSource::Builtin(bytes) => fsx::write(&dest, bytes),
        }
    })?;
    Ok(planned.len())
}
