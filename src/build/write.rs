//! Rendering every planned page and writing it, with the feeds, the finder's
//! data and the static files, to a [`Sink`]: a folder, or nowhere (`gait check`).

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::{DateTime, Utc};
use rayon::prelude::*;

use super::Prepared;
use crate::diag::{Diagnostic, Diagnostics, SiteErrors};
use crate::progress::Progress;
use crate::render::pages::RenderCx;
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

impl Sink for DirSink {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        fsx::write(&self.0.join(rel), bytes)
    }
    fn copy(&self, rel: &Path, source: &StaticSource) -> Result<()> {
        let dest = self.0.join(rel);
        match source {
            StaticSource::File(src) => fsx::copy(src, &dest),
            StaticSource::Builtin(bytes) => fsx::write(&dest, bytes),
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

/// Render every page and file into `sink`. Returns the number of pages.
pub fn write_site(prepared: &Prepared, sink: &dyn Sink, now: DateTime<Utc>) -> Result<usize> {
    let Prepared {
        site,
        bodies,
        planned,
        files,
        ..
    } = prepared;
    let views = present::present(site, bodies, now);
    let mut templates = prepared.templates.clone();
    templates.set_site(&views.site);
    let related = related::related(site);
    let cards = finder::cards(site, &views.authors, &views.clinics);
    let finder_view = finder::view(site, &cards, bodies.finder_intro.clone(), &site.config.urls);
    let cx = RenderCx {
        site,
        views: &views,
        templates: &templates,
        comment_bodies: &bodies.comments,
        related: &related,
        finder: finder_view.as_ref(),
    };

    let progress = Progress::new(planned.len());
    let errors: Vec<Diagnostic> = planned
        .par_iter()
        .filter_map(|p| {
            let result = cx.render(&p.path, &p.job).and_then(|html| {
                sink.write(&urls::output_file(&p.path), html.as_bytes())
                    .map_err(|e| Diagnostic::error(urls::output_file(&p.path), format!("{e:#}")))
            });
            progress.tick();
            result.err()
        })
        .collect();
    progress.finish();
    if !errors.is_empty() {
        return Err(SiteErrors(errors.into_iter().collect::<Diagnostics>()).into());
    }
    sink.write(
        Path::new(urls::FEED),
        feeds::atom(site, &views.posts).as_bytes(),
    )?;
    sink.write(
        Path::new(urls::SITEMAP),
        feeds::sitemap(site, planned, &[]).as_bytes(),
    )?;
    sink.write(
        Path::new(urls::ROBOTS),
        feeds::robots(&site.config.urls).as_bytes(),
    )?;
    if let Some(f) = &site.config.finder {
        sink.write(
            Path::new(&finder::data_path(&f.path)),
            finder::json(site, &cards).as_bytes(),
        )?;
    }
    files
        .par_iter()
        .try_for_each(|f| sink.copy(&f.rel, &f.source))?;
    Ok(planned.len())
}
