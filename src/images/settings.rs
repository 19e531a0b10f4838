//! The `images:` section of site.yaml: the raw section as written, and the
//! checked [`Settings`] the picture engine works from.

use std::path::Path;

use serde::Deserialize;

use crate::diag::Diagnostic;

/// Default widths of the published variants, in pixels.
pub const DEFAULT_WIDTHS: [u32; 3] = [480, 960, 1600];
/// Default quality of lossy encodings (WebP and JPEG), 1 to 100.
pub const DEFAULT_QUALITY: u8 = 80;
/// Width of the picture made for `og:image` (social previews).
pub const OG_WIDTH: u32 = 1200;
/// The narrowest and widest width a site may ask for.
const WIDTH_RANGE: (u32, u32) = (16, 8192);

/// `images:` exactly as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImages {
    pub widths: Option<Vec<u32>>,
    pub quality: Option<u8>,
    pub avif: Option<bool>,
}

/// Checked picture settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Settings {
    /// Ascending, without repeats.
    pub widths: Vec<u32>,
    pub quality: u8,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            widths: DEFAULT_WIDTHS.to_vec(),
            quality: DEFAULT_QUALITY,
        }
    }
}

impl Settings {
    /// Check the section; `text` is the whole of site.yaml, for line numbers.
    pub fn check(
        raw: Option<RawImages>,
        file: &Path,
        text: &str,
    ) -> Result<Settings, Vec<Diagnostic>> {
        let Some(raw) = raw else {
            return Ok(Settings::default());
        };
        let err = |key: &str, msg: String, help: &str| {
            Diagnostic::error(file, msg)
                .at_line(sub_key_line(text, key))
                .with_snippet_from(text)
                .with_help(help)
        };
        let mut errors = Vec::new();
        let mut widths = raw.widths.unwrap_or_else(|| DEFAULT_WIDTHS.to_vec());
        if widths.is_empty() {
            errors.push(err(
                "widths",
                "`images.widths` is empty".into(),
                "list at least one width in pixels, e.g. `widths: [480, 960, 1600]`",
            ));
        }
        if let Some(w) = widths
            .iter()
            .find(|w| !(WIDTH_RANGE.0..=WIDTH_RANGE.1).contains(*w))
        {
            errors.push(err(
                "widths",
                format!(
                    "`images.widths` has {w}; widths must be from {} to {} pixels",
                    WIDTH_RANGE.0, WIDTH_RANGE.1
                ),
                "use widths like `[480, 960, 1600]`",
            ));
        }
        let quality = raw.quality.unwrap_or(DEFAULT_QUALITY);
        if !(1..=100).contains(&quality) {
            errors.push(err(
                "quality",
                format!("`images.quality` is {quality}; it must be from 1 to 100"),
                "80 is a good balance of size and sharpness",
            ));
        }
        if raw.avif == Some(true) {
            errors.push(err(
                "avif",
                "`images.avif: true` asks for AVIF pictures, which this version of gait cannot make".into(),
                "remove the line: every picture is published as WebP with a JPEG or PNG fallback",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        widths.sort_unstable();
        widths.dedup();
        Ok(Settings { widths, quality })
    }

    /// A short stable text that changes whenever the output of the engine
    /// would: part of every cache key.
    pub fn cache_tag(&self) -> String {
        let widths: Vec<String> = self.widths.iter().map(u32::to_string).collect();
        format!("v1;w={};q={};og={OG_WIDTH}", widths.join(","), self.quality)
    }
}

/// The 1-based line of `key:` inside the top-level `images:` block, or of
/// `images:` itself when the key is written inline (`images: {quality: 0}`).
fn sub_key_line(text: &str, key: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| {
        l.strip_prefix("images")
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })?;
    let inside = lines[start + 1..]
        .iter()
        .take_while(|l| {
            l.trim().is_empty() || l.starts_with([' ', '\t']) || l.trim_start().starts_with('#')
        })
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        });
    Some(inside.map_or(start + 1, |i| start + i + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(yaml: &str) -> Result<Settings, Vec<Diagnostic>> {
        let text = format!("title: C\nbase_url: https://x.org\n{yaml}");
        let raw: RawImages = match crate::yaml::from_str::<serde_yaml::Value>(&text, 1) {
            Ok(v) => serde_yaml::from_value(v["images"].clone()).unwrap_or_default(),
            Err(_) => RawImages::default(),
        };
        Settings::check(Some(raw), Path::new("site.yaml"), &text)
    }

    #[test]
    fn defaults_and_sorting() {
        assert_eq!(
            Settings::check(None, Path::new("site.yaml"), "").unwrap(),
            Settings::default()
        );
        let s = check("images:\n  widths: [960, 480, 960]\n  quality: 70\n").unwrap();
        assert_eq!(s.widths, vec![480, 960]);
        assert_eq!(s.quality, 70);
        assert_eq!(s.cache_tag(), "v1;w=480,960;q=70;og=1200");
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            (
                "images:\n  widths: []\n",
                "error: site.yaml:4: `images.widths` is empty\n     4 |   widths: []\n  help: list at least one width in pixels, e.g. `widths: [480, 960, 1600]`",
            ),
            (
                "images:\n  # sizes\n  widths: [480, 9000]\n",
                "error: site.yaml:5: `images.widths` has 9000; widths must be from 16 to 8192 pixels\n     5 |   widths: [480, 9000]\n  help: use widths like `[480, 960, 1600]`",
            ),
            (
                "images: {quality: 0}\n",
                "error: site.yaml:3: `images.quality` is 0; it must be from 1 to 100\n     3 | images: {quality: 0}\n  help: 80 is a good balance of size and sharpness",
            ),
            (
                "images:\n  widths: [480]\n  avif: true\n",
                "error: site.yaml:5: `images.avif: true` asks for AVIF pictures, which this version of gait cannot make\n     5 |   avif: true\n  help: remove the line: every picture is published as WebP with a JPEG or PNG fallback",
            ),
        ];
        for (yaml, want) in cases {
            let errs = check(yaml).unwrap_err();
            assert_eq!(errs[0].to_string(), want, "{yaml}");
        }
    }
}
