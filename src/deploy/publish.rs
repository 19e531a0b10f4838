//! Carrying out a plan: the changed files go up first, then the pages that
//! use them, then what is gone is deleted, and the manifest records what
//! the target now holds. A failure stops the next step (no page goes up
//! before its files, nothing is deleted after a failed upload), and the
//! outcome says what was and was not published.

use std::collections::BTreeSet;
use std::path::Path;

use futures_util::StreamExt;

use super::manifest::{self, Manifest};
use super::meta;
use super::plan::{LocalFile, Plan, Upload, updated_manifest};
use super::progress::Bar;
use super::remote::Remote;

/// What a deploy did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub uploaded: BTreeSet<String>,
    pub uploaded_bytes: u64,
    /// Uploads that failed, with why.
    pub failed: Vec<(String, String)>,
    /// Pages not tried because a file they may use failed.
    pub held_back: usize,
    pub deleted: BTreeSet<String>,
    pub delete_failed: Vec<(String, String)>,
    /// Deletes not tried because an upload failed.
    pub deletes_skipped: usize,
    /// The manifest could not be written.
    pub manifest_error: Option<String>,
}

impl Outcome {
    pub fn is_complete(&self) -> bool {
        self.failed.is_empty()
            && self.held_back == 0
            && self.delete_failed.is_empty()
            && self.deletes_skipped == 0
            && self.manifest_error.is_none()
    }
}

/// Requests in flight at once.
fn concurrency(remote: &Remote) -> usize {
    match remote {
        Remote::S3(_) => 16,
        Remote::Sftp(_) => 8,
    }
}

/// Publish `plan` from the folder `output` to `remote`.
pub async fn publish(
    remote: &Remote,
    output: &Path,
    local: &[LocalFile],
    plan: &Plan,
    old: &Manifest,
    fingerprinted: &BTreeSet<String>,
) -> Outcome {
    let mut outcome = Outcome::default();
    let bar = Bar::new(plan.files.len() + plan.pages.len(), plan.upload_bytes());
    upload_all(
        remote,
        output,
        &plan.files,
        fingerprinted,
        &bar,
        &mut outcome,
    )
    .await;
    if outcome.failed.is_empty() {
        upload_all(
            remote,
            output,
            &plan.pages,
            fingerprinted,
            &bar,
            &mut outcome,
        )
        .await;
    } else {
        outcome.held_back = plan.pages.len();
    }
    bar.finish();
    if outcome.failed.is_empty() {
        let results: Vec<(String, anyhow::Result<()>)> =
            futures_util::stream::iter(plan.deletes.iter())
                .map(|path| async move { (path.clone(), remote.delete(path).await) })
                .buffer_unordered(concurrency(remote))
                .collect()
                .await;
        for (path, result) in results {
            match result {
                Ok(()) => {
                    outcome.deleted.insert(path);
                }
                Err(e) => outcome.delete_failed.push((path, format!("{e:#}"))),
            }
        }
        let deleted: Vec<String> = outcome.deleted.iter().cloned().collect();
        remote.tidy(&deleted).await;
    } else {
        outcome.deletes_skipped = plan.deletes.len();
    }
    let new = updated_manifest(old, local, plan, &outcome.uploaded, &outcome.deleted);
    if new != *old {
        let meta = meta::Meta {
            content_type: "application/json".into(),
            cache_control: "no-cache",
        };
        if let Err(e) = remote.put(manifest::NAME, new.to_bytes(), &meta).await {
            outcome.manifest_error = Some(format!("{e:#}"));
        }
    }
    outcome.failed.sort();
    outcome.delete_failed.sort();
    outcome
}

async fn upload_all(
    remote: &Remote,
    output: &Path,
    uploads: &[Upload],
    fingerprinted: &BTreeSet<String>,
    bar: &Bar,
    outcome: &mut Outcome,
) {
    let results: Vec<(&Upload, anyhow::Result<()>)> = futures_util::stream::iter(uploads)
        .map(|u| async move {
            let result = async {
                let bytes = crate::fsx::read(&output.join(&u.path))?;
                let meta = meta::meta(&u.path, fingerprinted.contains(&u.path));
                remote.put(&u.path, bytes, &meta).await
            }
            .await;
            bar.done(u.size);
            (u, result)
        })
        .buffer_unordered(concurrency(remote))
        .collect()
        .await;
    for (u, result) in results {
        match result {
            Ok(()) => {
                outcome.uploaded.insert(u.path.clone());
                outcome.uploaded_bytes += u.size;
            }
            Err(e) => outcome.failed.push((u.path.clone(), format!("{e:#}"))),
        }
    }
}
