//! Rendering every planned page and writing it, with the feeds, the finder's
//! data and the static files, to a [`Sink`]: a folder, or nowhere (`gait check`).

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use anyhow::Result;
use chrono::{DateTime, Utc};
use rayon::prelude::*;

use super::Prepared;
use super::incremental::{self, PageCache};
use crate::diag::{Diagnostic, Diagnostics, SiteErrors};
use crate::progress::Progress;
use crate::render::pages::RenderCx;
use crate::render::prerendered::Prerendered;
use crate::render::{feeds, present, related};
use crate::theme::StaticSource;
use crate::{finder, fsx, urls};

/// Where output goes.
pub trait Sink: Sync {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()>;
    fn copy(&self, rel: &Path, source: &StaticSource) -> Result<()>;
}

/// Writes into a folder (the staging folder of a build).
pub struct DirSink(pub PathBuf);

/// Whether `path` already holds exactly `bytes` (rewriting an identical
/// file costs far more than reading it on most disks).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

impl Sink for DirSink {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        let path = self.0.join(rel);
        if holds(&path, bytes) {
            return Ok(());
        }
        // The folder is recycled from an earlier build: what stood in the way
        // then (a file where a folder is needed now) is removed, and the write tried again.
        fsx::write(&path, bytes).or_else(|e| match crate::safe_path::clear_way(&self.0, rel) {
            true => fsx::write(&path, bytes),
            false => Err(e),
        })
    }
    fn copy(&self, rel: &Path, source: &StaticSource) -> Result<()> {
        let dest = self.0.join(rel);
        match source {
            StaticSource::File(src) => {
                // A copy made after the source's last change is up to date.
                let up_to_date = match (std::fs::metadata(src), std::fs::metadata(&dest)) {
                    (Ok(s), Ok(d)) => {
                        d.is_file()
                            && s.len() == d.len()
                            && matches!((s.modified(), d.modified()), (Ok(sm), Ok(dm)) if dm >= sm)
                    }
                    _ => false,
                };
                if up_to_date {
                    Ok(())
                } else {
                    fsx::copy(src, &dest).or_else(|e| {
                        match crate::safe_path::clear_way(&self.0, rel) {
                            true => fsx::copy(src, &dest),
                            false => Err(e),
                        }
                    })
                }
            }
            StaticSource::Builtin(bytes) => self.write(rel, bytes),
        }
    }
}

/// Renders everything and keeps nothing: for `gait check`.
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, _: &Path, _: &[u8]) -> Result<()> {
        Ok(())
    }
    fn copy(&self, _: &Path, _: &StaticSource) -> Result<()> {
        Ok(())
    }
}

/// What a write did.
#[derive(Debug, Clone, Default)]
pub struct WriteStats {
    /// Pages of the site.
    pub pages: usize,
    /// Pages rendered this time (all of them, unless incremental).
    pub rendered: usize,
    /// Every file of the output, relative to its root.
    pub outputs: Vec<PathBuf>,
}

/// Render every page and file into `sink`. With a page cache, pages whose
/// fingerprint did not change since the last write are skipped.
pub fn write_site(
    prepared: &Prepared,
    sink: &dyn Sink,
    now: DateTime<Utc>,
    mut cache: Option<&mut PageCache>,
    pages_done: &mut dyn FnMut(&[PathBuf]),
) -> Result<WriteStats> {
    let mut t = crate::timings::Timings::from_env();
    let Prepared {
        site,
        bodies,
        planned,
        files,
        ..
    } = prepared;
    let view_cache = cache
        .as_deref_mut()
        .map(|c| (&mut c.views, prepared.global_version));
    let views = present::present(site, bodies, now, view_cache);
    t.step("present");
    let mut templates = prepared.templates.clone();
    t.step("templates");
    templates.set_site(&views.site);
    let related = match cache.as_deref_mut() {
        Some(c) => c.related(site),
        None => std::sync::Arc::new(related::related(site)),
    };
    t.step("related");
    let cards = finder::cards(site, &views.authors, &views.clinics);
    let finder_view = finder::view(site, &cards, bodies.finder_intro.clone(), &site.config.urls);
    let prerendered = Prerendered::new(&templates, views.posts.len());
    let cx = RenderCx {
        site,
        views: &views,
        templates: &templates,
        comment_bodies: &bodies.comments,
        related: &related,
        finder: finder_view.as_ref(),
        prerendered: &prerendered,
    };

    t.step("finder");
    if let Some(c) = cache.as_deref_mut() {
        c.begin(prepared.global_version);
    }
    let fingerprints: Vec<u64> = match &cache {
        Some(_) => planned
            .par_iter()
            .map(|p| incremental::page_fingerprint(site, p, &related))
            .collect(),
        None => Vec::new(),
    };
    let todo: Vec<usize> = (0..planned.len())
        .filter(|&i| match &cache {
            Some(c) => !c.is_fresh(&planned[i].path, fingerprints[i]),
            None => true,
        })
        .collect();

    t.step("related+fp");
    let progress = Progress::new(todo.len());
    // After the first failed write (a full disk, say) the other pages are
    // not tried: one clear error says it, not one per page.
    let unwritten = std::sync::atomic::AtomicUsize::new(0);
    let failures: Vec<Failure<'_>> = todo
        .par_iter()
        .map_init(
            || Vec::with_capacity(64 * 1024),
            |buf, &i| {
                let p = &planned[i];
                progress.tick();
                if unwritten.load(Ordering::Relaxed) > 0 {
                    unwritten.fetch_add(1, Ordering::Relaxed);
                    return None;
                }
                buf.clear();
                if let Err(d) = cx.render(&p.path, &p.job, buf) {
                    return Some(Failure::Render(d, p.path.as_str()));
                }
                let file = urls::output_file(&p.path);
                sink.write(&file, buf).err().map(|e| {
                    unwritten.fetch_add(1, Ordering::Relaxed);
                    Failure::Write(Diagnostic::error(file, format!("{e:#}")))
                })
            },
        )
        .flatten()
        .collect();
    let errors = report_failures(failures, unwritten.into_inner());
    drop(prerendered);
    t.step("pages");
    progress.finish();
    if !errors.is_empty() {
        if let Some(c) = cache {
            // Forget everything: the next build renders all pages again.
            *c = PageCache::default();
        }
        return Err(SiteErrors(errors.into_iter().collect::<Diagnostics>()).into());
    }
    if let Some(c) = cache {
        c.finish(
            planned
                .iter()
                .map(|p| p.path.clone())
                .zip(fingerprints)
                .collect(),
        );
    }

    files
        .par_iter()
        .try_for_each(|f| sink.copy(&f.rel, &f.source))?;
    t.step("static");
    let mut outputs: Vec<PathBuf> = planned.iter().map(|p| urls::output_file(&p.path)).collect();
    outputs.extend(files.iter().map(|f| f.rel.clone()));
    // Pages and files are in place: a preview can reload now, while the
    // feeds and the search index are written.
    pages_done(&outputs);

    let mut extra: Vec<(PathBuf, String)> = vec![
        (PathBuf::from(urls::FEED), feeds::atom(site, &views.posts)),
        (
            PathBuf::from(urls::SITEMAP),
            feeds::sitemap(site, planned, &[]),
        ),
        (
            PathBuf::from(urls::ROBOTS),
            feeds::robots(&site.config.urls),
        ),
    ];
    extra.extend(feeds::listing_feeds(site, &views.posts));
    if let Some(f) = &site.config.finder {
        extra.push((
            PathBuf::from(finder::data_path(&f.path)),
            finder::json(site, &cards),
        ));
    }
    for (rel, text) in &extra {
        sink.write(rel, text.as_bytes())?;
    }
    outputs.extend(extra.into_iter().map(|(rel, _)| rel));
    outputs.extend(crate::search::write(&views, sink)?);
    t.step("feeds+search");
    for (rel, text) in crate::hostfiles::for_build(prepared, &outputs) {
        sink.write(&rel, text.as_bytes())?;
        outputs.push(rel);
    }
    t.step("host files");
    Ok(WriteStats {
        pages: planned.len(),
        rendered: todo.len(),
        outputs,
    })
}

/// Why a page is missing from the output.
enum Failure<'a> {
    /// Its template failed (with the page's path).
    Render(Diagnostic, &'a str),
    /// It could not be written.
    Write(Diagnostic),
}

/// Template errors once per mistake; of the failed writes, only the first
/// (by file), with how many other files were not written.
fn report_failures(failures: Vec<Failure<'_>>, unwritten: usize) -> Vec<Diagnostic> {
    let mut renders = Vec::new();
    let mut writes = Vec::new();
    for f in failures {
        match f {
            Failure::Render(d, page) => renders.push((d, page)),
            Failure::Write(d) => writes.push(d),
        }
    }
    let mut errors = once_per_place(renders);
    writes.sort_by(|a, b| a.file.cmp(&b.file));
    if let Some(mut first) = writes.into_iter().next() {
        let others = unwritten.saturating_sub(1);
        if others > 0 {
            first.message = format!(
                "{} (and {others} other {} not written)",
                first.message,
                crate::diag::plural(others, "page was", "pages were")
            );
        }
        errors.push(first.with_help(
            "make room on the disk (or check the folder's permissions) and build again",
        ));
    }
    errors
}

/// One template mistake breaks every page that uses it: report it once,
/// naming the first page and how many others.
fn once_per_place(errors: Vec<(Diagnostic, &str)>) -> Vec<Diagnostic> {
    let mut grouped: Vec<(Diagnostic, Vec<&str>)> = Vec::new();
    for (d, page) in errors {
        match grouped.iter_mut().find(|(g, _)| g == &d) {
            Some((_, pages)) => pages.push(page),
            None => grouped.push((d, vec![page])),
        }
    }
    grouped
        .into_iter()
        .map(|(mut d, mut pages)| {
            pages.sort_unstable();
            let others = match pages.len() - 1 {
                0 => String::new(),
                1 => " and 1 other page".to_string(),
                n => format!(" and {n} other pages"),
            };
            d.message = format!("{} (while rendering /{}{others})", d.message, pages[0]);
            d
        })
        .collect()
}
