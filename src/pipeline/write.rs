//! Writing the plan: every page rendered, every file copied or made, into a
//! [`Sink`]: a folder, or nowhere (`gait check`). [`write_site`] reads as its
//! steps: related posts and input versions, views, the pages that changed,
//! copies, then the feeds, sitemap, finder data and search index.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use anyhow::Result;
use chrono::{DateTime, Utc};
use rayon::prelude::*;

use super::Prepared;
pub use super::frame::Frame;
use super::incremental::{self, Incremental};
use crate::diag::{Diagnostic, Diagnostics, SiteErrors};
use crate::feeds;
use crate::plan::{Job, Maker, What};
use crate::progress::Progress;
use crate::render::kinds::{self, Cx, PageCx};
use crate::sink::{NullSink, Sink};
use crate::views::present;
use crate::{finder, urls};

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

/// Render every page and file into `sink`. With the preview server's
/// [`Incremental`], pages whose fingerprint did not change since the last
/// write are skipped. The pictures are made (those the cache lacks) and put
/// in unless `publish_pictures` is false.
pub fn write_site(
    prepared: &Prepared,
    sink: &dyn Sink,
    now: DateTime<Utc>,
    inc: Option<&mut Incremental>,
    publish_pictures: bool,
) -> Result<WriteStats> {
    let (mut stats, frame) = write_pages(prepared, sink, now, inc, publish_pictures)?;
    let files = write_files(prepared, &frame, sink, &|| false);
    super::drop_aside(frame);
    stats.outputs.extend(files?);
    Ok(stats)
}

/// The first part of a write: every page that changed, and the copied
/// files. Returns what was written and the frame the feeds and the search
/// index are made from ([`write_files`], which a preview runs after the
/// browsers have reloaded).
pub fn write_pages(
    prepared: &Prepared,
    sink: &dyn Sink,
    now: DateTime<Utc>,
    mut inc: Option<&mut Incremental>,
    publish_pictures: bool,
) -> Result<(WriteStats, Frame)> {
    let mut t = crate::timings::Timings::from_env();
    let plan = &prepared.plan;
    let frame = Frame::new(prepared, now, inc.as_deref_mut());
    let shared_html = frame.shared_html();
    let cx = frame.cx(prepared, &shared_html);
    t.step("views");
    let (todo, fingerprints) = stale_pages(prepared, &frame, inc.as_deref_mut());
    t.step("fingerprints");
    let rendered = render_pages(&cx, &todo, sink);
    drop(shared_html);
    t.step("pages");
    if let Err(e) = rendered {
        if let Some(inc) = inc {
            inc.forget_pages();
        }
        return Err(e);
    }
    if let (Some(inc), Some(fps)) = (inc, fingerprints) {
        inc.finish(plan.clone(), fps);
    }
    plan.copies
        .par_iter()
        .try_for_each(|f| sink.copy(&f.rel, &f.source))?;
    t.step("static");
    let mut outputs: Vec<PathBuf> = plan.pages().map(|(p, _)| urls::output_file(p)).collect();
    outputs.extend(plan.copies.iter().map(|f| f.rel.clone()));
    if publish_pictures {
        outputs.extend(write_pictures(prepared, sink)?);
        t.step("pictures");
    }
    let stats = WriteStats {
        pages: plan.pages().count(),
        rendered: todo.len(),
        outputs,
    };
    Ok((stats, frame))
}

/// The second part of a write: the feeds, the sitemap, robots.txt, the
/// finder's data, the host files and the search index. Returns their paths;
/// stops early (with what it wrote) once `cancelled` says so.
pub fn write_files(
    prepared: &Prepared,
    frame: &Frame,
    sink: &dyn Sink,
    cancelled: &dyn Fn() -> bool,
) -> Result<Vec<PathBuf>> {
    let mut t = crate::timings::Timings::from_env();
    let mut outputs = made_files(prepared, &frame.views, &frame.cards, sink)?;
    if !cancelled() {
        outputs.extend(crate::search::write(
            &prepared.site,
            &frame.views,
            &prepared.texts,
            sink,
        )?);
    }
    t.step("feeds+search");
    Ok(outputs)
}

/// Make the pictures the cache lacks (in parallel, with a progress bar),
/// then put every picture's files into `sink`. Returns their paths.
fn write_pictures(prepared: &Prepared, sink: &dyn Sink) -> Result<Vec<PathBuf>> {
    let (engine, set) = (&prepared.engine, &prepared.pictures);
    let failed = engine.make(set.pictures());
    if !failed.is_empty() {
        return Err(SiteErrors(failed.into_iter().collect::<Diagnostics>()).into());
    }
    let files: Vec<(&str, usize, usize)> = prepared
        .plan
        .outputs
        .iter()
        .filter_map(|o| match o.what {
            What::Picture { picture, variant } => {
                Some((o.path.as_str(), picture as usize, variant as usize))
            }
            _ => None,
        })
        .collect();
    files
        .par_iter()
        .map(|&(path, i, j)| {
            let p = &set.pictures()[i];
            sink.link(std::path::Path::new(path), &engine.file(p, &p.variants[j]))?;
            Ok(PathBuf::from(path))
        })
        .collect()
}

/// Render every page and keep none (`gait check`); returns how many there are.
pub fn render_only(prepared: &Prepared, now: DateTime<Utc>) -> Result<usize> {
    let frame = Frame::new(prepared, now, None);
    let shared_html = frame.shared_html();
    let pages: Vec<(String, Job)> = prepared
        .plan
        .pages()
        .map(|(p, job)| (p.to_string(), job))
        .collect();
    render_pages(&frame.cx(prepared, &shared_html), &pages, &NullSink)?;
    Ok(pages.len())
}

/// The pages to render, and with a preview's [`Incremental`], every page's
/// fingerprint (in plan order).
fn stale_pages(
    prepared: &Prepared,
    frame: &Frame,
    inc: Option<&mut Incremental>,
) -> (Vec<(String, Job)>, Option<Vec<u64>>) {
    let Prepared { site, plan, .. } = prepared;
    let all = plan.pages().map(|(p, job)| (p.to_string(), job));
    let Some(inc) = inc else {
        return (all.collect(), None);
    };
    let global = prepared.global_version;
    inc.begin(global);
    let versions = frame.versions(prepared);
    let pages: Vec<(&str, Job)> = plan.pages().collect();
    let fps = incremental::fingerprints(site, &pages, global, &frame.related, &versions);
    let stale = inc.stale(plan, &fps);
    let todo = stale
        .into_iter()
        .filter_map(|i| pages.get(i).map(|&(path, job)| (path.to_string(), job)))
        .collect();
    (todo, Some(fps))
}

/// Render and write `pages`. After the first failed write (a full disk,
/// say) the other pages are not tried: one clear error says it, not one per page.
fn render_pages(cx: &Cx<'_>, pages: &[(String, Job)], sink: &dyn Sink) -> Result<()> {
    let progress = Progress::new(pages.len());
    let unwritten = std::sync::atomic::AtomicUsize::new(0);
    let failures: Vec<Failure<'_>> = pages
        .par_iter()
        .map_init(
            || Vec::with_capacity(64 * 1024),
            |buf, (path, job)| {
                progress.tick();
                if unwritten.load(Ordering::Relaxed) > 0 {
                    unwritten.fetch_add(1, Ordering::Relaxed);
                    return None;
                }
                buf.clear();
                if let Err(d) = kinds::render(&PageCx::new(cx, path, *job), *job, buf) {
                    return Some(Failure::Render(d, path.as_str()));
                }
                let file = urls::output_file(path);
                sink.write(&file, buf).err().map(|e| {
                    unwritten.fetch_add(1, Ordering::Relaxed);
                    Failure::Write(Diagnostic::error(file, format!("{e:#}")))
                })
            },
        )
        .flatten()
        .collect();
    progress.finish();
    let errors = report_failures(failures, unwritten.into_inner());
    match errors.is_empty() {
        true => Ok(()),
        false => Err(SiteErrors(errors.into_iter().collect::<Diagnostics>()).into()),
    }
}

/// Write the files gait makes besides pages and the search index: the
/// feeds, the sitemap, robots.txt, the finder's data and the host files.
/// Returns their paths.
fn made_files(
    prepared: &Prepared,
    views: &present::Views,
    cards: &[finder::TherapistCard],
    sink: &dyn Sink,
) -> Result<Vec<PathBuf>> {
    let Prepared { site, plan, .. } = prepared;
    let host_files = match plan.made_by(Maker::HostFile).next() {
        Some(_) => crate::hostfiles::for_build(prepared),
        None => Vec::new(),
    };
    let made: Vec<(&str, Maker, usize)> = plan
        .outputs
        .iter()
        .filter_map(|o| match o.what {
            What::Made(m, item) if !matches!(m, Maker::Search(_)) => {
                Some((o.path.as_str(), m, item as usize))
            }
            _ => None,
        })
        .collect();
    let feeds = feeds::Feeds::new(site, &views.posts);
    made.par_iter()
        .map(|&(path, maker, item)| {
            let text = match maker {
                Maker::Feed(of) => feeds.feed(of, item)?,
                Maker::Sitemap => feeds::sitemap(
                    site,
                    plan,
                    &|job| kinds::lastmod(site, job),
                    &|job, path| kinds::versions(site, job, path),
                ),
                Maker::Robots => feeds::robots(&site.config.urls),
                Maker::FinderData => finder::json(site, cards),
                Maker::HostFile => host_files[item].1.clone(),
                Maker::Search(_) | Maker::DeployRecord => String::new(),
            };
            sink.write(std::path::Path::new(path), text.as_bytes())?;
            Ok(PathBuf::from(path))
        })
        .collect()
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
