//! Pictures for the tests, made in code: a phone photo with an EXIF block
//! (orientation, a camera name, a GPS position), a picture with a colour
//! profile, plain PNGs and GIFs. Shared by the integration tests and the
//! picture engine's own tests (`src/images/tests.rs`, by `#[path]`).
#![allow(dead_code)]

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, ImageEncoder, RgbImage};

/// A name only the test's EXIF block holds, to look for in every output.
pub const MARKER: &[u8] = b"Okafor-Private-Camera-7731";

/// An EXIF block (`Exif\0\0` + little-endian TIFF) with the orientation, a
/// camera make holding [`MARKER`] and a GPS position.
pub fn exif_block(orientation: u16) -> Vec<u8> {
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
pub fn jpeg_with_exif(img: &RgbImage, orientation: u16) -> Vec<u8> {
    let plain = jpeg(img);
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
pub fn linear_icc() -> Vec<u8> {
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

/// Stored 400 × 300, left half red and right half blue: shown upright
/// (turned 90° clockwise) it is 300 × 400, red on top.
pub fn sideways_photo() -> RgbImage {
    RgbImage::from_fn(400, 300, |x, _| {
        if x < 200 {
            image::Rgb([220, 30, 30])
        } else {
            image::Rgb([30, 30, 220])
        }
    })
}

/// A JPEG of `img`, without metadata.
pub fn jpeg(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// A PNG of `img`.
pub fn png(img: &RgbImage) -> Vec<u8> {
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
}

/// A picture that compresses like a photo: gradients with some texture.
pub fn photo(width: u32, height: u32, seed: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729) ^ seed.wrapping_mul(31)) % 23;
        image::Rgb([
            ((x * 255 / width.max(1)) as u8).saturating_add(n as u8),
            ((y * 255 / height.max(1)) as u8).saturating_add(n as u8),
            (120 + seed * 40 % 100) as u8,
        ])
    })
}

/// An animated GIF of `frames` frames, `width` × `height`.
pub fn animated_gif(width: u32, height: u32, frames: u32) -> Vec<u8> {
    let mut gif = Vec::new();
    {
        let mut enc = image::codecs::gif::GifEncoder::new(&mut gif);
        for i in 0..frames {
            let c = (i * 60 % 256) as u8;
            let frame =
                image::RgbaImage::from_pixel(width, height, image::Rgba([c, 0, 255 - c, 255]));
            enc.encode_frame(image::Frame::new(frame)).unwrap();
        }
    }
    gif
}

/// Whether `bytes` hold the test's private camera name or an EXIF block.
pub fn holds_metadata(bytes: &[u8]) -> bool {
    bytes.windows(MARKER.len()).any(|w| w == MARKER)
        || bytes.windows(6).any(|w| w == b"Exif\0\0")
        || exif::Reader::new()
            .read_from_container(&mut Cursor::new(bytes))
            .is_ok()
}
