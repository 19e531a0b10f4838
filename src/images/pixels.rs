//! Pixels of one picture: decoded, turned upright by its EXIF orientation,
//! converted to sRGB by its ICC profile, and resized. Nothing of the source
//! file but its pixels survives this step, so no metadata can reach an output.

use std::io::Cursor;

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageDecoder, ImageReader};

/// Upright 8-bit pixels in sRGB: RGB, or RGBA when the picture has alpha.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    /// Row-major, 3 or 4 bytes a pixel.
    pub data: Vec<u8>,
}

/// Decode a still picture into upright sRGB pixels.
pub fn decode(bytes: &[u8]) -> Result<Pixels, String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    // A profile that cannot be read is treated as none (sRGB), as browsers do.
    let icc = decoder.icc_profile().ok().flatten();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    let alpha = img.color().has_alpha();
    let (width, height) = (img.width(), img.height());
    let mut data = if alpha {
        img.into_rgba8().into_raw()
    } else {
        img.into_rgb8().into_raw()
    };
    if let Some(icc) = icc {
        to_srgb(&icc, alpha, &mut data);
    }
    Ok(Pixels {
        width,
        height,
        alpha,
        data,
    })
}

/// Convert pixels from the colour space of an ICC profile to sRGB, in place.
/// A profile qcms cannot use (a grey or CMYK one on RGB pixels, a broken
/// one) leaves the pixels as they are.
pub fn to_srgb(icc: &[u8], alpha: bool, data: &mut [u8]) {
    let Some(input) = qcms::Profile::new_from_slice(icc, false) else {
        return;
    };
    if input.is_sRGB() {
        return;
    }
    let mut output = qcms::Profile::new_sRGB();
    output.precache_output_transform();
    let kind = if alpha {
        qcms::DataType::RGBA8
    } else {
        qcms::DataType::RGB8
    };
    if let Some(t) = qcms::Transform::new(&input, &output, kind, qcms::Intent::default()) {
        t.apply(data);
    }
}

impl Pixels {
    fn pixel_type(&self) -> PixelType {
        if self.alpha {
            PixelType::U8x4
        } else {
            PixelType::U8x3
        }
    }

    /// A copy `width` pixels wide and `height` high (Lanczos3, alpha
    /// premultiplied while resizing). The same size returns a plain copy.
    pub fn resized(&self, width: u32, height: u32) -> Result<Pixels, String> {
        if (width, height) == (self.width, self.height) {
            return Ok(Pixels {
                data: self.data.clone(),
                ..*self
            });
        }
        let src = fast_image_resize::images::ImageRef::new(
            self.width,
            self.height,
            &self.data,
            self.pixel_type(),
        )
        .map_err(|e| e.to_string())?;
        let mut dst = Image::new(width, height, self.pixel_type());
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        Resizer::new()
            .resize(&src, &mut dst, &options)
            .map_err(|e| e.to_string())?;
        Ok(Pixels {
            width,
            height,
            alpha: self.alpha,
            data: dst.into_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resize_keeps_colour_and_size() {
        let p = Pixels {
            width: 40,
            height: 20,
            alpha: false,
            data: [200u8, 100, 50].repeat(800),
        };
        let r = p.resized(10, 5).unwrap();
        assert_eq!((r.width, r.height, r.data.len()), (10, 5, 150));
        assert!(r.data.chunks(3).all(|c| c == [200, 100, 50]));
    }
}
