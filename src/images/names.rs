//! Which files a picture becomes, and where they go on the site: a pure
//! function of the picture's site path, its probe and the settings.
//!
//! For `posts/knee/brace.jpg`, 3000 px wide, with widths 480, 960 and 1600:
//! `brace-480w.webp`, `brace-960w.webp`, `brace-1600w.webp`, the fallbacks
//! `brace-480w.jpg` and `brace-960w.jpg`, the widest fallback at the
//! picture's own address `brace.jpg` (so links to it keep working, at 1600 px
//! and without metadata), and `brace-og.jpg` at 1200 px for social previews.

use super::probe::{Format, Probe};
use super::settings::{OG_WIDTH, Settings};

/// What a published file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A WebP candidate of `<source srcset>`.
    Webp,
    /// A candidate of `<img srcset>` in the picture's own format.
    Fallback,
    /// The `og:image` picture (may be the same file as a fallback).
    Og,
    /// Published once at its own size: an animated GIF or WebP, re-encoded.
    Animated,
    /// Copied as is: SVG.
    Copy,
}

/// One published file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Variant {
    /// Path on the site, without a leading slash: `posts/knee/brace-480w.webp`.
    pub site_path: String,
    /// Its file name in the picture's cache entry (`480.webp`); empty for [`Role::Copy`].
    pub file: String,
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub role: Role,
}

/// The widths a picture `original` pixels wide is published in: every
/// configured width below its own, and its own width when a configured
/// width reaches it. Never wider than the original; never empty.
pub fn widths_for(original: u32, configured: &[u32]) -> Vec<u32> {
    let mut widths: Vec<u32> = configured
        .iter()
        .copied()
        .filter(|w| *w < original)
        .collect();
    if configured.iter().any(|w| *w >= original) || widths.is_empty() {
        widths.push(original);
    }
    widths
}

/// Height at `width` keeping the aspect ratio, at least 1 pixel.
pub fn height_at(probe: &Probe, width: u32) -> u32 {
    let h = (u64::from(probe.height) * u64::from(width) + u64::from(probe.width) / 2)
        / u64::from(probe.width.max(1));
    (h as u32).max(1)
}

/// Every file a picture becomes. `stem` is the base of the variants' names
/// (normally the file name without its extension; see [`super::engine`]).
pub fn variants(site_path: &str, stem: &str, probe: &Probe, settings: &Settings) -> Vec<Variant> {
    let dir = site_path.rsplit_once('/').map_or("", |(d, _)| d);
    let at = |name: String| {
        if dir.is_empty() {
            name
        } else {
            format!("{dir}/{name}")
        }
    };
    let one = |role, file: &str| Variant {
        site_path: site_path.to_string(),
        file: file.to_string(),
        width: probe.width,
        height: probe.height,
        format: probe.format,
        role,
    };
    if probe.format == Format::Svg {
        return vec![one(Role::Copy, "")];
    }
    if probe.animated {
        return vec![one(Role::Animated, &format!("anim.{}", probe.format.ext()))];
    }
    let widths = widths_for(probe.width, &settings.widths);
    let widest = widths.last().copied().unwrap_or(probe.width);
    let fallback = probe.format;
    let mut out = Vec::new();
    for &w in &widths {
        let height = height_at(probe, w);
        let ext = fallback.ext();
        if fallback != Format::Webp {
            out.push(Variant {
                site_path: at(format!("{stem}-{w}w.webp")),
                file: format!("{w}.webp"),
                width: w,
                height,
                format: Format::Webp,
                role: Role::Webp,
            });
        }
        out.push(Variant {
            site_path: if w == widest {
                site_path.to_string()
            } else {
                at(format!("{stem}-{w}w.{ext}"))
            },
            file: format!("{w}.{ext}"),
            width: w,
            height,
            format: fallback,
            role: Role::Fallback,
        });
    }
    let og_width = probe.width.min(OG_WIDTH);
    let og_format = if probe.alpha {
        Format::Png
    } else {
        Format::Jpeg
    };
    let same = out
        .iter()
        .find(|v| v.role == Role::Fallback && v.width == og_width && v.format == og_format)
        .cloned();
    out.push(match same {
        Some(v) => Variant {
            role: Role::Og,
            ..v
        },
        None => Variant {
            site_path: at(format!("{stem}-og.{}", og_format.ext())),
            file: format!("og.{}", og_format.ext()),
            width: og_width,
            height: height_at(probe, og_width),
            format: og_format,
            role: Role::Og,
        },
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(format: Format, width: u32, height: u32) -> Probe {
        Probe {
            format,
            width,
            height,
            alpha: format == Format::Png,
            animated: false,
            bytes: 1,
        }
    }

    #[test]
    fn widths_table() {
        let c = [480, 960, 1600];
        let cases: [(u32, &[u32]); 6] = [
            (3000, &[480, 960, 1600]),
            (1600, &[480, 960, 1600]),
            (1200, &[480, 960, 1200]),
            (480, &[480]),
            (300, &[300]),
            (1, &[1]),
        ];
        for (original, want) in cases {
            assert_eq!(widths_for(original, &c), want, "{original}");
        }
        assert_eq!(widths_for(3000, &[480]), [480]);
    }

    fn names(vs: &[Variant]) -> Vec<String> {
        vs.iter()
            .map(|v| {
                format!(
                    "{} {}x{} {:?} {}",
                    v.site_path, v.width, v.height, v.role, v.file
                )
            })
            .collect()
    }

    #[test]
    fn jpeg_variants() {
        let vs = variants(
            "posts/k/brace.jpg",
            "brace",
            &probe(Format::Jpeg, 3000, 2000),
            &Settings::default(),
        );
        assert_eq!(
            names(&vs),
            [
                "posts/k/brace-480w.webp 480x320 Webp 480.webp",
                "posts/k/brace-480w.jpg 480x320 Fallback 480.jpg",
                "posts/k/brace-960w.webp 960x640 Webp 960.webp",
                "posts/k/brace-960w.jpg 960x640 Fallback 960.jpg",
                "posts/k/brace-1600w.webp 1600x1067 Webp 1600.webp",
                "posts/k/brace.jpg 1600x1067 Fallback 1600.jpg",
                "posts/k/brace-og.jpg 1200x800 Og og.jpg",
            ]
        );
    }

    #[test]
    fn small_png_webp_and_special_cases() {
        let s = Settings::default();
        let vs = variants("a/dot.png", "dot", &probe(Format::Png, 300, 200), &s);
        assert_eq!(
            names(&vs),
            [
                "a/dot-300w.webp 300x200 Webp 300.webp",
                "a/dot.png 300x200 Fallback 300.png",
                "a/dot.png 300x200 Og 300.png",
            ]
        );
        let vs = variants("w.webp", "w", &probe(Format::Webp, 1000, 10), &s);
        assert_eq!(
            names(&vs),
            [
                "w-480w.webp 480x5 Fallback 480.webp",
                "w-960w.webp 960x10 Fallback 960.webp",
                "w.webp 1000x10 Fallback 1000.webp",
                "w-og.jpg 1000x10 Og og.jpg",
            ]
        );
        let mut anim = probe(Format::Gif, 50, 40);
        anim.animated = true;
        assert_eq!(
            names(&variants("x/a.gif", "a", &anim, &s)),
            ["x/a.gif 50x40 Animated anim.gif"]
        );
        let svg = probe(Format::Svg, 0, 0);
        assert_eq!(
            names(&variants("x/a.svg", "a", &svg, &s)),
            ["x/a.svg 0x0 Copy "]
        );
    }
}
