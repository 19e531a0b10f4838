//! A check that every page kind declares what its pages read: each page is
//! rendered with its reads recorded, next to the inputs its kind declares
//! and their versions. Tests assert that no page reads an input it did not
//! declare (or its preview would go stale) and that a page's fingerprint
//! changes with each declared input.

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::Prepared;
use super::frame::Frame;
use crate::plan::inputs::Input;
use crate::render::kinds::{self, PageCx};

/// One page: what its kind declares, what rendering it read.
#[derive(Debug, Clone)]
pub struct PageAudit {
    pub path: String,
    /// The kind's position in `render::kinds::KINDS`.
    pub kind: u8,
    /// The page's language.
    pub lang: crate::i18n::Lang,
    /// Declared inputs, each with its version in this build.
    pub declared: Vec<(Input, u64)>,
    /// Inputs read while rendering, in order (with repeats).
    pub read: Vec<Input>,
    /// The page's fingerprint.
    pub fingerprint: u64,
}

/// Render every page of `prepared` (into memory) and record its reads.
pub fn audit(prepared: &Prepared, now: DateTime<Utc>) -> Result<Vec<PageAudit>> {
    let frame = Frame::new(prepared, now, None);
    let shared_html = frame.shared_html();
    let cx = frame.cx(prepared, &shared_html);
    let versions = frame.versions(prepared);
    let mut out = Vec::new();
    for (path, job) in prepared.plan.pages() {
        let page = PageCx::recording(&cx, path, job);
        let mut html = Vec::new();
        kinds::render(&page, job, &mut html).map_err(|d| anyhow::anyhow!("{d}"))?;
        let deps = kinds::inputs(&prepared.site, job, &frame.related);
        let fingerprint =
            crate::plan::inputs::fingerprint(path, prepared.global_version, &deps, &|i| {
                versions.of(i)
            });
        out.push(PageAudit {
            path: path.to_string(),
            kind: job.kind.0,
            lang: job.lang,
            declared: deps.inputs.iter().map(|&i| (i, versions.of(i))).collect(),
            read: page.reads(),
            fingerprint,
        });
    }
    Ok(out)
}
