//! Run the picture engine alone on a site, for benchmarks (until the build
//! calls it): every picture under `content/` is planned, made (or taken from
//! `.gait/cache/pictures/`), copied into OUTPUT, and unused cache entries pruned.
//!
//! ```sh
//! cargo build --release --example pictures
//! /usr/bin/time -v target/release/examples/pictures SITE OUTPUT
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use gait::build::write::DirSink;
use gait::images::{Format, Pictures, Settings, Source};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [root, out] = args.as_slice() else {
        bail!("usage: pictures SITE OUTPUT");
    };
    let root = PathBuf::from(root);
    let sources = sources(&root.join("content"))?;
    let pictures = Pictures::new(&root, &Settings::default());
    let t = Instant::now();
    let (planned, errors) = pictures.plan(&sources);
    let plan_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    errors.extend(pictures.make(&planned).iter().map(ToString::to_string));
    let make_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    pictures.write_to(&planned, &DirSink(PathBuf::from(out)))?;
    let write_s = t.elapsed().as_secs_f64();
    let pruned = pictures.prune(&planned)?;
    for e in &errors {
        eprintln!("{e}");
    }
    println!(
        "{} pictures, {} files: plan {plan_s:.2} s, make {make_s:.2} s, copy {write_s:.2} s, {pruned} pruned, {} errors",
        planned.len(),
        pictures.outputs(&planned).len(),
        errors.len()
    );
    Ok(())
}

/// Every picture file under `content/`, with its site path.
fn sources(content: &Path) -> Result<Vec<Source>> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(content).sort_by_file_name() {
        let entry = entry.context("listing content/")?;
        let rel = entry.path().strip_prefix(content)?.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_file() && Format::from_path(&rel).is_some() {
            out.push(Source {
                file: entry.path().to_path_buf(),
                site_path: rel,
            });
        }
    }
    Ok(out)
}
