//! What a picture is, read from its header without decoding its pixels:
//! its format, its size as a reader sees it (after EXIF orientation), whether
//! it has transparency and whether it is animated.

use std::io::Cursor;

use image::{AnimationDecoder, ImageDecoder, ImageFormat, ImageReader};

/// The picture formats gait publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Gif,
    Svg,
}

impl Format {
    /// The format a file name says it has, by its extension (any case).
    pub fn from_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "jpg" | "jpeg" => Format::Jpeg,
            "png" => Format::Png,
            "webp" => Format::Webp,
            "gif" => Format::Gif,
            "svg" => Format::Svg,
            _ => return None,
        })
    }

    /// The extension gait gives files it writes in this format.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Gif => "gif",
            Format::Svg => "svg",
        }
    }

    /// The format's name, for people.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Webp => "WebP",
            Format::Gif => "GIF",
            Format::Svg => "SVG",
        }
    }

    /// The media type, as in `<source type>`.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
            Format::Gif => "image/gif",
            Format::Svg => "image/svg+xml",
        }
    }
}

/// What a picture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Probe {
    pub format: Format,
    /// Upright size in pixels (EXIF orientation applied). 0 × 0 for SVG.
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pub animated: bool,
    /// Size of the source file in bytes.
    pub bytes: u64,
}

/// Read a picture's header. `name` is used only to recognise SVG.
pub fn probe(name: &str, bytes: &[u8]) -> Result<Probe, String> {
    let len = bytes.len() as u64;
    if Format::from_path(name) == Some(Format::Svg) {
        return Ok(Probe {
            format: Format::Svg,
            width: 0,
            height: 0,
            alpha: true,
            animated: false,
            bytes: len,
        });
    }
    let format = match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => Format::Jpeg,
        Ok(ImageFormat::Png) => Format::Png,
        Ok(ImageFormat::WebP) => Format::Webp,
        Ok(ImageFormat::Gif) => Format::Gif,
        Ok(other) => {
            return Err(format!(
                "it is a {} picture; gait publishes JPEG, PNG, WebP, GIF and SVG",
                other
                    .extensions_str()
                    .first()
                    .copied()
                    .unwrap_or("?")
                    .to_uppercase()
            ));
        }
        Err(_) => {
            return Err("it is not a picture gait can read (JPEG, PNG, WebP, GIF or SVG)".into());
        }
    };
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let (w, h) = decoder.dimensions();
    let alpha = decoder.color_type().has_alpha();
    let turned = decoder.orientation().is_ok_and(|o| {
        use image::metadata::Orientation::*;
        matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
    });
    let (width, height) = if turned { (h, w) } else { (w, h) };
    if width == 0 || height == 0 {
        return Err("the picture has no pixels".into());
    }
    Ok(Probe {
        format,
        width,
        height,
        alpha,
        animated: is_animated(format, bytes),
        bytes: len,
    })
}

/// Whether a GIF or WebP has more than one frame.
fn is_animated(format: Format, bytes: &[u8]) -> bool {
    match format {
        Format::Gif => image::codecs::gif::GifDecoder::new(Cursor::new(bytes))
            .map(|d| d.into_frames().take(2).count() > 1)
            .unwrap_or(false),
        Format::Webp => image::codecs::webp::WebPDecoder::new(Cursor::new(bytes))
            .map(|d| d.has_animation())
            .unwrap_or(false),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        let cases = [
            ("a/B.JPG", Some(Format::Jpeg)),
            ("x.jpeg", Some(Format::Jpeg)),
            ("x.png", Some(Format::Png)),
            ("x.webp", Some(Format::Webp)),
            ("x.gif", Some(Format::Gif)),
            ("x.svg", Some(Format::Svg)),
            ("x.pdf", None),
            ("jpg", None),
        ];
        for (name, want) in cases {
            assert_eq!(Format::from_path(name), want, "{name}");
        }
    }

    #[test]
    fn probe_reads_size_and_rejects_other_files() {
        let img = image::RgbImage::from_pixel(30, 20, image::Rgb([10, 20, 30]));
        let mut png = Vec::new();
        img.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let p = probe("x.png", &png).unwrap();
        assert_eq!(
            (p.format, p.width, p.height, p.alpha, p.animated),
            (Format::Png, 30, 20, false, false)
        );
        assert_eq!(
            probe("x.jpg", b"hello").unwrap_err(),
            "it is not a picture gait can read (JPEG, PNG, WebP, GIF or SVG)"
        );
        assert_eq!(probe("x.svg", b"<svg/>").unwrap().format, Format::Svg);
    }
}
