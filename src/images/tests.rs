//! The engine end to end on real files: a phone photo with GPS and
//! orientation 6, a small picture, a picture with a colour profile, an
//! animation. Every published file is read back with a metadata reader.

use std::io::Cursor;
use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, ImageEncoder, RgbImage};

use super::names::Role;
use super::{Pictures, Planned, Settings, Source};

/// A name only the test's EXIF block holds, to look for in every output.
const MARKER: &[u8] = b"Okafor-Private-Camera-7731";

/// An EXIF block (`Exif\0\0` + little-endian TIFF) with the orientation, a
/// camera make holding [`MARKER`] and a GPS position.
fn exif_block(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    // IFD0 at 8: 3 entries (Make, Orientation, GPS pointer), then next-IFD 0.
    let ifd0_len = 2 + 3 * 12 + 4;
    let make_at = 8 + ifd0_len;
    let gps_at = make_at + MARKER.len() as u32 + 1;
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value.to_le_bytes());
    };
    t.extend(3u16.to_le_bytes());
    entry(&mut t, 0x010F, 2, MARKER.len() as u32 + 1, make_at);
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation));
    entry(&mut t, 0x8825, 4, 1, gps_at);
    t.extend(0u32.to_le_bytes());
    t.extend(MARKER);
    t.push(0);
    // GPS IFD: latitude ref "N" and latitude 45° 31' 12".
    let rationals_at = gps_at + 2 + 2 * 12 + 4;
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, rationals_at);
    t.extend(0u32.to_le_bytes());
    for (n, d) in [(45u32, 1u32), (31, 1), (12, 1)] {
        t.extend(n.to_le_bytes());
        t.extend(d.to_le_bytes());
    }
    let mut block = b"Exif\0\0".to_vec();
    block.extend(t);
    block
}

/// A JPEG of `img` with an APP1 EXIF segment right after SOI.
fn jpeg_with_exif(img: &RgbImage, orientation: u16) -> Vec<u8> {
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 90)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            ExtendedColorType::Rgb8,
        )
        .unwrap();
    let exif = exif_block(orientation);
    let mut out = plain[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((exif.len() + 2) as u16).to_be_bytes());
    out.extend(exif);
    out.extend(&plain[2..]);
    out
}

/// A minimal ICC v2 display profile: sRGB's primaries with a linear
/// transfer curve, so a mid grey of 128 means linear 0.5 (sRGB 188).
fn linear_icc() -> Vec<u8> {
    let s15 = |v: f64| ((v * 65536.0).round() as i32).to_be_bytes();
    let xyz = |x: f64, y: f64, z: f64| {
        let mut t = b"XYZ \0\0\0\0".to_vec();
        for v in [x, y, z] {
            t.extend(s15(v));
        }
        t
    };
    let curv = b"curv\0\0\0\0\0\0\0\0".to_vec();
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curv.clone()),
        (b"gTRC", curv.clone()),
        (b"bTRC", curv),
    ];
    let mut offset = 128 + 4 + 12 * tags.len();
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let mut data = Vec::new();
    for (sig, body) in &tags {
        table.extend(*sig);
        table.extend((offset as u32).to_be_bytes());
        table.extend((body.len() as u32).to_be_bytes());
        data.extend(body);
        offset += body.len();
    }
    let mut h = vec![0u8; 128];
    h[0..4].copy_from_slice(&(offset as u32).to_be_bytes());
    h[8..12].copy_from_slice(&[2, 0x10, 0, 0]);
    h[12..16].copy_from_slice(b"mntr");
    h[16..20].copy_from_slice(b"RGB ");
    h[20..24].copy_from_slice(b"XYZ ");
    h[36..40].copy_from_slice(b"acsp");
    for (i, v) in [0.9642, 1.0, 0.8249].into_iter().enumerate() {
        h[68 + 4 * i..72 + 4 * i].copy_from_slice(&s15(v));
    }
    [h, table, data].concat()
}

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

/// Stored 400 × 300, left half red and right half blue: shown upright
/// (turned 90° clockwise) it is 300 × 400, red on top.
fn sideways_photo() -> RgbImage {
    RgbImage::from_fn(400, 300, |x, _| {
        if x < 200 {
            image::Rgb([220, 30, 30])
        } else {
            image::Rgb([30, 30, 220])
        }
    })
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
    let png = |img: &RgbImage| {
        let mut out = Vec::new();
        PngEncoder::new(&mut out)
            .write_image(
                img.as_raw(),
                img.width(),
                img.height(),
                ExtendedColorType::Rgb8,
            )
            .unwrap();
        out
    };
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
            .file_for(&planned2, "a/small-300w.webp")
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
