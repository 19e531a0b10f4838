//! Encoding pixels into the published formats. Every encoder here writes
//! pixels and the few header fields a format needs, never metadata: no EXIF,
//! XMP, ICC profile or text chunks (pixels are already sRGB, the web's default).
//!
//! - WebP: libwebp, lossy, with alpha compressed for transparent pictures.
//! - JPEG: MozJPEG (trellis quantisation, progressive): on photos less than
//!   half the size of the `image` crate's baseline encoder at the same quality.
//! - PNG: the `png` encoder at its best compression with adaptive filters.
//! - GIF: the `gif` encoder with NeuQuant palettes.

use std::io::Cursor;

use image::codecs::gif::{GifEncoder, Repeat};
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{AnimationDecoder, ExtendedColorType, ImageEncoder};

use super::pixels::Pixels;
use super::probe::Format;

/// Encode still pixels in `format` at `quality` (1–100, for the lossy formats).
pub fn encode(p: &Pixels, format: Format, quality: u8) -> Result<Vec<u8>, String> {
    match format {
        Format::Webp => webp(p, quality),
        Format::Jpeg => jpeg(p, quality),
        Format::Png => png(p),
        Format::Gif => gif(p),
        Format::Svg => Err("SVG is copied, not encoded".into()),
    }
}

fn webp(p: &Pixels, quality: u8) -> Result<Vec<u8>, String> {
    let encoder = if p.alpha {
        webp::Encoder::from_rgba(&p.data, p.width, p.height)
    } else {
        webp::Encoder::from_rgb(&p.data, p.width, p.height)
    };
    let mut config =
        webp::WebPConfig::new().map_err(|()| "libwebp could not be set up".to_string())?;
    config.quality = f32::from(quality);
    // Method 2 of 0–6: on photos it is 3 times faster than the default 4
    // for files 2–3% larger (BENCHMARKS.md, "Pictures").
    config.method = 2;
    config.alpha_compression = 1;
    encoder
        .encode_advanced(&config)
        .map(|m| m.to_vec())
        .map_err(|e| format!("WebP encoding failed: {e:?}"))
}

fn jpeg(p: &Pixels, quality: u8) -> Result<Vec<u8>, String> {
    let rgb;
    let data = if p.alpha {
        // JPEG has no alpha: flatten onto white.
        rgb = flatten(&p.data);
        &rgb
    } else {
        &p.data
    };
    let (width, height) = (p.width as usize, p.height as usize);
    // MozJPEG reports errors by unwinding.
    std::panic::catch_unwind(|| -> std::io::Result<Vec<u8>> {
        let mut c = mozjpeg::Compress::new(mozjpeg::ColorSpace::JCS_RGB);
        c.set_size(width, height);
        c.set_quality(f32::from(quality));
        c.set_progressive_mode();
        // Trying several scan scripts doubles the time and saved 0.3% on photos.
        c.set_optimize_scans(false);
        let mut started = c.start_compress(Vec::new())?;
        started.write_scanlines(data)?;
        started.finish()
    })
    .map_err(|_| "JPEG encoding failed".to_string())?
    .map_err(|e| format!("JPEG encoding failed: {e}"))
}

/// RGBA onto a white background, as RGB.
fn flatten(rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rgba.len() / 4 * 3);
    for px in rgba.chunks_exact(4) {
        let a = u16::from(px[3]);
        for &c in &px[..3] {
            out.push(((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    out
}

fn png(p: &Pixels) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let color = if p.alpha {
        ExtendedColorType::Rgba8
    } else {
        ExtendedColorType::Rgb8
    };
    PngEncoder::new_with_quality(&mut out, CompressionType::Best, FilterType::Adaptive)
        .write_image(&p.data, p.width, p.height, color)
        .map_err(|e| format!("PNG encoding failed: {e}"))?;
    Ok(out)
}

fn gif(p: &Pixels) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let color = if p.alpha {
        ExtendedColorType::Rgba8
    } else {
        ExtendedColorType::Rgb8
    };
    GifEncoder::new_with_speed(&mut out, 10)
        .encode(&p.data, p.width, p.height, color)
        .map_err(|e| format!("GIF encoding failed: {e}"))?;
    Ok(out)
}

/// Re-encode an animated GIF or WebP frame by frame, at its own size:
/// the frames and their timing survive, comments and metadata do not.
pub fn animation(bytes: &[u8], format: Format, quality: u8) -> Result<Vec<u8>, String> {
    let frames = match format {
        Format::Gif => image::codecs::gif::GifDecoder::new(Cursor::new(bytes))
            .and_then(|d| d.into_frames().collect_frames()),
        Format::Webp => image::codecs::webp::WebPDecoder::new(Cursor::new(bytes))
            .and_then(|d| d.into_frames().collect_frames()),
        _ => return Err("only GIF and WebP pictures are animated".into()),
    }
    .map_err(|e| e.to_string())?;
    match format {
        Format::Gif => {
            let mut out = Vec::new();
            {
                let mut enc = GifEncoder::new_with_speed(&mut out, 10);
                enc.set_repeat(Repeat::Infinite)
                    .map_err(|e| e.to_string())?;
                enc.encode_frames(frames).map_err(|e| e.to_string())?;
            }
            Ok(out)
        }
        _ => animated_webp(&frames, quality),
    }
}

fn animated_webp(frames: &[image::Frame], quality: u8) -> Result<Vec<u8>, String> {
    let first = frames.first().ok_or("the animation has no frames")?;
    let (width, height) = first.buffer().dimensions();
    let mut config =
        webp::WebPConfig::new().map_err(|()| "libwebp could not be set up".to_string())?;
    config.quality = f32::from(quality);
    let mut enc = webp::AnimEncoder::new(width, height, &config);
    enc.set_loop_count(0);
    let mut at_ms = 0i32;
    for f in frames {
        let b = f.buffer();
        if b.dimensions() != (width, height) {
            return Err("the frames of the animation differ in size".into());
        }
        enc.add_frame(webp::AnimFrame::from_rgba(b.as_raw(), width, height, at_ms));
        let (num, den) = f.delay().numer_denom_ms();
        at_ms = at_ms.saturating_add((num / den.max(1)) as i32);
    }
    enc.try_encode()
        .map(|m| m.to_vec())
        .map_err(|e| format!("WebP encoding failed: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flatten_onto_white() {
        assert_eq!(
            flatten(&[0, 0, 0, 0, 10, 20, 30, 255, 0, 0, 0, 128]),
            [255, 255, 255, 10, 20, 30, 127, 127, 127]
        );
    }

    #[test]
    fn every_format_decodes_back() {
        let p = Pixels {
            width: 8,
            height: 6,
            alpha: false,
            data: [120u8, 130, 140].repeat(48),
        };
        for format in [Format::Webp, Format::Jpeg, Format::Png, Format::Gif] {
            let bytes = encode(&p, format, 80).unwrap();
            let img = image::load_from_memory(&bytes).unwrap();
            assert_eq!((img.width(), img.height()), (8, 6), "{format:?}");
        }
    }
}
