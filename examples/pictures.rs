//! Run the picture engine alone on a site, for benchmarks (until the build
//! calls it): every picture under `content/` is planned, made (or taken from
//! `.gait/cache/pictures/`), copied into OUTPUT, and unused cache entries pruned.
//!
//! ```sh
//! cargo build --release --example pictures
//! /usr/bin/time -v target/release/examples/pictures SITE OUTPUT
//! target/release/examples/pictures --jpeg-sizes PHOTO.jpg...   # MozJPEG against image's encoder
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use gait::images::{Format, Pictures, Settings, Source};
use gait::sink::DirSink;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--jpeg-sizes") {
        return jpeg_sizes(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("--stages") {
        return stages(&args[1..]);
    }
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
        let rel = entry
            .path()
            .strip_prefix(content)?
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type().is_file() && Format::from_path(&rel).is_some() {
            out.push(Source {
                file: entry.path().to_path_buf(),
                site_path: rel,
            });
        }
    }
    Ok(out)
}

/// Bytes and time of each photo at 1600 px and quality 80: MozJPEG (what
/// gait uses) against the `image` crate's baseline encoder.
fn jpeg_sizes(files: &[String]) -> Result<()> {
    use image::ImageEncoder;
    let (mut moz, mut base, mut moz_s, mut base_s) = (0usize, 0usize, 0f64, 0f64);
    for f in files {
        let px = gait::images::pixels::decode(&std::fs::read(f)?).map_err(anyhow::Error::msg)?;
        let h = px.height * 1600 / px.width;
        let small = px.resized(1600, h).map_err(anyhow::Error::msg)?;
        let t = Instant::now();
        moz += gait::images::encode::encode(&small, Format::Jpeg, 80)
            .map_err(anyhow::Error::msg)?
            .len();
        moz_s += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80).write_image(
            &small.data,
            small.width,
            small.height,
            image::ExtendedColorType::Rgb8,
        )?;
        base_s += t.elapsed().as_secs_f64();
        base += out.len();
    }
    println!(
        "{} photos at 1600 px, q80: MozJPEG {} KB in {moz_s:.2} s, image's encoder {} KB in {base_s:.2} s",
        files.len(),
        moz / 1024,
        base / 1024
    );
    Ok(())
}

/// Where one picture's time goes, on one thread: decode, then each width's
/// resize and encodings (widest first, as the engine does).
fn stages(files: &[String]) -> Result<()> {
    let mut t_decode = 0f64;
    let mut t_resize = 0f64;
    let mut t_webp = 0f64;
    let mut t_jpeg = 0f64;
    for f in files {
        let bytes = std::fs::read(f)?;
        let t = Instant::now();
        let mut px = gait::images::pixels::decode(&bytes).map_err(anyhow::Error::msg)?;
        t_decode += t.elapsed().as_secs_f64();
        for w in [1600, 1200, 960, 480] {
            let h = px.height * w / px.width;
            let t = Instant::now();
            px = px.resized(w, h).map_err(anyhow::Error::msg)?;
            t_resize += t.elapsed().as_secs_f64();
            let t = Instant::now();
            if w != 1200 {
                gait::images::encode::encode(&px, Format::Webp, 80).map_err(anyhow::Error::msg)?;
            }
            t_webp += t.elapsed().as_secs_f64();
            let t = Instant::now();
            gait::images::encode::encode(&px, Format::Jpeg, 80).map_err(anyhow::Error::msg)?;
            t_jpeg += t.elapsed().as_secs_f64();
        }
    }
    let n = files.len().max(1) as f64 / 1000.0;
    println!(
        "per picture: decode {:.0} ms, resize {:.0} ms, WebP {:.0} ms, JPEG {:.0} ms",
        t_decode / n,
        t_resize / n,
        t_webp / n,
        t_jpeg / n
    );
    Ok(())
}
