//! The engine end to end on real files: a phone photo with GPS and
//! orientation 6, a small picture, a picture with a colour profile, an
//! animation. Every published file is read back with a metadata reader.

use std::io::Cursor;
use std::path::Path;

use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, ImageEncoder, RgbImage};

#[path = "../../tests/it/pictures_support/mod.rs"]
mod support;
use support::{MARKER, jpeg_with_exif, linear_icc, png, sideways_photo};

use super::names::Role;
use super::{Pictures, Planned, Settings, Source};
fn build(root: &Path, files: &[(&str, Vec<u8>)]) -> (Pictures, Vec<Planned>) {
    let sources: Vec<Source> = files
        .iter()
        .map(|(site_path, bytes)| {
            let file = root.join("content").join(site_path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, bytes).unwrap();
            Source {
                file,
                site_path: site_path.to_string(),
            }
        })
        .collect();
    let pictures = Pictures::new(root, &Settings::default());
    let (planned, errors) = pictures.plan(&sources);
    assert!(errors.is_empty(), "{errors:?}");
    let errors = pictures.make(&planned);
    assert!(errors.is_empty(), "{errors:?}");
    (pictures, planned)
}

#[test]
fn phone_photo_is_upright_and_holds_no_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let source = jpeg_with_exif(&sideways_photo(), 6);
    assert!(source.windows(MARKER.len()).any(|w| w == MARKER));
    let (pictures, planned) = build(dir.path(), &[("posts/knee/phone.jpg", source)]);
    let p = &planned[0];
    assert_eq!((p.probe.width, p.probe.height), (300, 400));
    let outputs = pictures.outputs(&planned);
    // WebP and JPEG at its own width (the JPEG is also the og:image).
    assert_eq!(outputs.len(), 2, "{outputs:?}");
    for (site_path, file) in &outputs {
        let bytes = std::fs::read(file).unwrap();
        assert!(
            !bytes.windows(MARKER.len()).any(|w| w == MARKER),
            "{site_path}"
        );
        assert!(!bytes.windows(6).any(|w| w == b"Exif\0\0"), "{site_path}");
        let exif = exif::Reader::new().read_from_container(&mut Cursor::new(&bytes));
        assert!(
            exif.is_err(),
            "{site_path} has EXIF: {:?}",
            exif.map(|e| e.fields().count())
        );
        let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
        let v = p
            .variants
            .iter()
            .find(|v| &v.site_path == site_path)
            .unwrap();
        assert_eq!(
            (img.width(), img.height()),
            (v.width, v.height),
            "{site_path}"
        );
        assert_eq!((v.width, v.height), (300, 400));
        let top = img.get_pixel(150, 20);
        let bottom = img.get_pixel(150, 380);
        assert!(top[0] > 150 && top[2] < 100, "{site_path}: top {top:?}");
        assert!(
            bottom[2] > 150 && bottom[0] < 100,
            "{site_path}: bottom {bottom:?}"
        );
    }
}

#[test]
fn small_picture_is_never_enlarged_and_large_one_gets_every_width() {
    let dir = tempfile::tempdir().unwrap();
    let small = RgbImage::from_pixel(300, 120, image::Rgb([90, 140, 60]));
    let large = RgbImage::from_fn(2000, 1000, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 80])
    });
    let (pictures, planned) = build(
        dir.path(),
        &[("a/small.png", png(&small)), ("a/large.png", png(&large))],
    );
    let widths = |p: &Planned, role| p.with_role(role).map(|v| v.width).collect::<Vec<_>>();
    assert_eq!(widths(&planned[0], Role::Webp), [300]);
    assert_eq!(widths(&planned[0], Role::Fallback), [300]);
    assert_eq!(widths(&planned[1], Role::Webp), [480, 960, 1600]);
    assert_eq!(
        planned[1].og().map(|v| (v.width, v.height)),
        Some((1200, 600))
    );
    for (site_path, file) in pictures.outputs(&planned) {
        let img = image::open(&file).unwrap();
        let v = planned
            .iter()
            .flat_map(|p| &p.variants)
            .find(|v| v.site_path == site_path)
            .unwrap();
        assert_eq!(
            (img.width(), img.height()),
            (v.width, v.height),
            "{site_path}"
        );
        assert!(img.width() <= 2000);
    }
    // The cache is reused by a second engine, and unused entries pruned.
    let again = Pictures::new(dir.path(), &Settings::default());
    let (planned2, _) = again.plan(&[planned[0].source.clone()]);
    assert_eq!(planned2[0].key, planned[0].key);
    assert_eq!(again.prune(&planned2).unwrap(), 1);
    // A replan trusts an unchanged file and reads a changed one.
    let (same, _) = again.replan(&[planned[0].source.clone()], &planned2);
    assert_eq!(same, planned2);
    std::fs::write(&planned[0].source.file, b"now broken").unwrap();
    let (_, errors) = again.replan(&[planned[0].source.clone()], &planned2);
    assert_eq!(errors.len(), 1);
    assert!(
        again
            .file_for(&super::PictureSet::new(planned2), "a/small-300w.webp")
            .unwrap()
            .unwrap()
            .is_file()
    );
}

#[test]
fn colour_profile_is_converted_to_srgb_and_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let grey = RgbImage::from_pixel(64, 64, image::Rgb([128, 128, 128]));
    let mut png = Vec::new();
    let mut enc = PngEncoder::new(&mut png);
    enc.set_icc_profile(linear_icc()).unwrap();
    enc.write_image(grey.as_raw(), 64, 64, ExtendedColorType::Rgb8)
        .unwrap();
    assert!(png.windows(4).any(|w| w == b"iCCP"));
    let (pictures, planned) = build(dir.path(), &[("p/grey.png", png)]);
    for (site_path, file) in pictures.outputs(&planned) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !bytes.windows(4).any(|w| w == b"iCCP" || w == b"ICCP"),
            "{site_path}"
        );
        let px = image::load_from_memory(&bytes).unwrap().to_rgb8();
        let v = px.get_pixel(32, 32)[1];
        assert!(
            (184..=192).contains(&v),
            "{site_path}: {v} is not sRGB for linear 0.5"
        );
    }
}

#[test]
fn animation_is_republished_whole_and_bad_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut gif = Vec::new();
    {
        let mut enc = image::codecs::gif::GifEncoder::new(&mut gif);
        for c in [[255u8, 0, 0, 255], [0, 0, 255, 255]] {
            let frame = image::RgbaImage::from_pixel(20, 10, image::Rgba(c));
            enc.encode_frame(image::Frame::new(frame)).unwrap();
        }
    }
    let (pictures, planned) = build(dir.path(), &[("x/spin.gif", gif)]);
    assert!(planned[0].probe.animated);
    let outputs = pictures.outputs(&planned);
    assert_eq!(outputs.len(), 1);
    let decoder =
        image::codecs::gif::GifDecoder::new(Cursor::new(std::fs::read(&outputs[0].1).unwrap()))
            .unwrap();
    assert_eq!(image::AnimationDecoder::into_frames(decoder).count(), 2);

    std::fs::write(dir.path().join("broken.jpg"), b"not a picture").unwrap();
    let (_, errors) = pictures.plan(&[Source {
        file: dir.path().join("broken.jpg"),
        site_path: "broken.jpg".into(),
    }]);
    assert_eq!(
        errors[0].to_string(),
        "error: broken.jpg: could not read this picture: it is not a picture gait can read (JPEG, PNG, WebP, GIF or SVG)\n  help: save it again as JPEG, PNG, WebP or GIF, or remove it"
    );
}

/// The key kept for the first picture in the stamps file, and a way to
/// change it there (as if the file were wrong).
fn kept_key(root: &Path) -> Option<String> {
    let text = std::fs::read(root.join(super::stamps::FILE)).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&text).ok()?;
    Some(v["pictures"][0]["key"].as_str()?.to_string())
}

fn set_kept_key(root: &Path, key: &str) {
    let path = root.join(super::stamps::FILE);
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    v["pictures"][0]["key"] = key.into();
    std::fs::write(&path, serde_json::to_vec(&v).unwrap()).unwrap();
}

fn set_modified(file: &Path, time: std::time::SystemTime) {
    let f = std::fs::File::options().write(true).open(file).unwrap();
    f.set_modified(time).unwrap();
}

#[test]
fn a_later_plan_reads_only_pictures_whose_size_or_times_changed() {
    use std::time::{Duration, SystemTime};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let file = root.join("content/a/one.png");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let bytes = png(&RgbImage::from_pixel(40, 20, image::Rgb([1, 2, 3])));
    std::fs::write(&file, &bytes).unwrap();
    let old = SystemTime::now() - Duration::from_secs(60);
    set_modified(&file, old);
    let source = Source {
        file: file.clone(),
        site_path: "a/one.png".into(),
    };
    let sources = std::slice::from_ref(&source);
    let engine = || Pictures::new(root, &Settings::default());
    let (planned, errors) = engine().plan(sources);
    assert!(errors.is_empty(), "{errors:?}");
    let key = planned[0].key.clone();
    assert_eq!(kept_key(root).as_deref(), Some(key.as_str()));

    // Unchanged: a new engine (a new build) trusts the kept stamp, so a
    // wrong key kept there is what it plans with: the file was not read.
    set_kept_key(root, "0badkey");
    let (trusted, _) = engine().plan(sources);
    assert_eq!(trusted[0].key, "0badkey");
    // Making it finds the key wrong, and the stamps are dropped...
    let errors = engine().make(&trusted);
    assert_eq!(
        errors[0].to_string(),
        "error: content/a/one.png: the picture changed while the site was being built; build again\n  help: save it again as JPEG, PNG, WebP or GIF, or remove it"
    );
    assert!(!root.join(super::stamps::FILE).exists());
    // ... so the next plan reads every picture again.
    let (again, _) = engine().plan(sources);
    assert_eq!(again, planned);

    // A new modification time: read again.
    set_kept_key(root, "0badkey");
    set_modified(&file, old + Duration::from_secs(5));
    assert_eq!(engine().plan(sources).0[0].key, key);
    // Other settings: the stamps are not theirs.
    set_kept_key(root, "0badkey");
    let other = Settings {
        quality: 50,
        ..Settings::default()
    };
    let (with_other, _) = Pictures::new(root, &other).plan(sources);
    assert_ne!(with_other[0].key, "0badkey");
    assert_ne!(with_other[0].key, key);
    // A stamps file that is not JSON: every picture is read, and a good
    // stamps file written.
    std::fs::write(root.join(super::stamps::FILE), "{\"settings\": tru").unwrap();
    assert_eq!(engine().plan(sources).0[0].key, key);
    assert_eq!(kept_key(root).as_deref(), Some(key.as_str()));

    // Rewritten with the same size and its old modification time set back
    // (as `cp -p` or an unpacked archive can): its change time tells.
    #[cfg(unix)]
    {
        std::fs::write(&file, vec![b'x'; bytes.len()]).unwrap();
        set_modified(&file, old + Duration::from_secs(5));
        let (_, errors) = engine().plan(sources);
        assert_eq!(errors.len(), 1, "a rewritten file was trusted");
        std::fs::write(&file, &bytes).unwrap();
        set_modified(&file, old);
    }

    // A file modified just now is read, but its stamp is not kept: a
    // second change within the file system's time tick could go unseen.
    std::fs::write(&file, &bytes).unwrap();
    let (fresh, _) = engine().plan(sources);
    assert_eq!(fresh[0].stamp, None);
    assert_eq!(kept_key(root), None);

    // A source that is gone is an error naming it, and leaves the stamps.
    set_modified(&file, old);
    engine().plan(sources);
    std::fs::remove_file(&file).unwrap();
    let (gone, errors) = engine().plan(sources);
    assert!(gone.is_empty());
    assert!(
        errors[0]
            .to_string()
            .starts_with("error: content/a/one.png: could not read this picture: "),
        "{}",
        errors[0]
    );
    assert_eq!(kept_key(root), None);
}
