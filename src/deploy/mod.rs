//! `gait deploy`: build the site as `gait build` does, then publish the
//! output folder to the target in site.yaml's `deploy:` section (S3 or an
//! S3-compatible service, or SFTP), sending only what changed.
//!
//! [`settings`] reads the section; [`local`] hashes the build; [`plan`]
//! compares it with the manifest at the target ([`manifest`]); [`publish`]
//! carries the plan out through [`remote`] ([`s3`], [`sftp`] over [`ssh`]),
//! with [`retry`] and a [`progress`] bar; [`report`] words the result.

pub mod ci;
pub mod local;
pub mod manifest;
pub mod meta;
pub mod plan;
pub mod progress;
pub mod publish;
pub mod remote;
pub mod report;
pub mod retry;
pub mod s3;
pub mod settings;
pub mod sftp;
pub mod ssh;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use anyhow::{Result, bail};

use crate::cli::DeployArgs;
use crate::config::{self, Config, Overrides};
use crate::diag::{Diagnostic, SiteErrors};
use crate::pipeline::{self, BuildOptions};
use settings::{Deploy, TARGET_HELP};

/// Build, then publish; the first error stops it (exit status 1).
pub fn run(args: &DeployArgs) -> Result<()> {
    let deploy = settings_of(&args.root, args.target.as_ref())?;
    let output = args.root.join("public");
    let report = pipeline::build(&BuildOptions {
        root: args.root.clone(),
        output: output.clone(),
        base_url: None,
        drafts: false,
        future: false,
        fingerprint_assets: true,
    })?;
    for w in report.warnings.warnings() {
        eprintln!("{w}");
    }
    if let Some(line) = report.broken_links_line() {
        eprintln!("{line}");
    }
    crate::diag::say(report.summary());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let fingerprinted: BTreeSet<String> = report.fingerprinted.iter().cloned().collect();
    runtime.block_on(deploy_folder(&deploy, &output, &fingerprinted, args))
}

/// The deploy settings: site.yaml's, with `--target` instead of its target.
fn settings_of(root: &Path, target: Option<&settings::Target>) -> Result<Deploy> {
    let path = root.join(config::FILE_NAME);
    let text = crate::fsx::read_to_string(&path)?;
    let config = Config::parse(&text, &Overrides::default())
        .map_err(|ds| SiteErrors(ds.into_iter().collect()))?;
    match (config.publishing.deploy, target) {
        (Some(d), Some(t)) => Ok(Deploy {
            target: t.clone(),
            ..d
        }),
        (Some(d), None) => Ok(d),
        (None, Some(t)) => Ok(Deploy {
            target: t.clone(),
            endpoint: None,
            region: None,
            identity: None,
            known_hosts: None,
        }),
        (None, None) => Err(SiteErrors::single(
            Diagnostic::error(
                config::FILE_NAME,
                "there is no `deploy:` section, so gait does not know where to publish",
            )
            .with_help(format!(
                "add `deploy:` with a `target:` ({TARGET_HELP}), or pass --target"
            )),
        )
        .into()),
    }
}

/// Compare the folder with the target and publish the difference.
async fn deploy_folder(
    deploy: &Deploy,
    output: &Path,
    fingerprinted: &BTreeSet<String>,
    args: &DeployArgs,
) -> Result<()> {
    let started = Instant::now();
    let mut t = crate::timings::Timings::from_env();
    let target = deploy.target.to_string();
    let local = local::scan(output)?;
    t.step("deploy: hash");
    let remote = remote::Remote::connect(deploy, &args.root).await?;
    let mut listing = remote.list().await?;
    listing.remove(manifest::NAME);
    t.step("deploy: list");
    let old = match remote.get(manifest::NAME).await? {
        Some(bytes) => manifest::Manifest::parse(&bytes).unwrap_or_default(),
        None => manifest::Manifest::default(),
    };
    let plan = plan::plan(&local, &old, &listing);
    t.step("deploy: plan");
    if plan.deletes.len() > args.max_deletes {
        remote.close().await;
        bail!(
            "the deploy would delete {} files at {target}, more than --max-deletes {}; nothing was written\n  help: check that the target and the build are the right ones; if so, run again with --max-deletes {}",
            plan.deletes.len(),
            args.max_deletes,
            plan.deletes.len()
        );
    }
    if args.dry_run {
        remote.close().await;
        crate::diag::say(report::dry_run(&plan, &target));
        return Ok(());
    }
    // Fingerprinted assets (names with a content hash) are cached for a year.
    let outcome = publish::publish(&remote, output, &local, &plan, &old, fingerprinted).await;
    remote.close().await;
    t.step("deploy: publish");
    if !outcome.is_complete() {
        bail!("{}", report::failure(&plan, &outcome, &target));
    }
    crate::diag::say(report::summary(
        &plan,
        &outcome,
        &target,
        started.elapsed().as_secs_f64(),
    ));
    Ok(())
}
