//! `gait check`'s warnings about pictures: files too heavy or too large to
//! be worth publishing, and pictures nothing on the site uses.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::probe::{Format, Probe};
use crate::diag::Diagnostic;
use crate::safe_path::megabytes;

/// Pictures heavier than this slow builds and fill repositories.
pub const MAX_BYTES: u64 = 5 * 1024 * 1024;
/// Wider or taller than this is more than any screen shows.
pub const MAX_PIXELS: u32 = 4000;
/// Animated GIFs are published whole: heavier than this hurts readers on phones.
pub const MAX_ANIMATED_GIF_BYTES: u64 = 2 * 1024 * 1024;

/// Warnings for `pictures` (site-relative file and probe, for every picture
/// in `content/` and `static/`) given the pictures something references
/// (`references`, site-relative files).
pub fn warnings(pictures: &[(PathBuf, Probe)], references: &HashSet<PathBuf>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (file, probe) in pictures {
        out.extend(size_warning(file, probe));
        if !references.contains(file) {
            out.push(
                Diagnostic::warning(file, "nothing on the site uses this picture").with_help(
                    "show it in a post or page (`![what it shows](name.jpg)`), or delete it",
                ),
            );
        }
    }
    out
}

fn size_warning(file: &Path, p: &Probe) -> Option<Diagnostic> {
    let smaller =
        "save a smaller copy (4,000 pixels wide is plenty): gait makes the sizes readers download";
    if p.animated && p.format == Format::Gif && p.bytes > MAX_ANIMATED_GIF_BYTES {
        return Some(
            Diagnostic::warning(
                file,
                format!(
                    "this animated GIF is {}; readers on phones download all of it (at most {} is advised)",
                    megabytes(p.bytes),
                    megabytes(MAX_ANIMATED_GIF_BYTES)
                ),
            )
            .with_help("use fewer frames or a smaller size, or a short video instead"),
        );
    }
    if p.bytes > MAX_BYTES {
        return Some(
            Diagnostic::warning(
                file,
                format!(
                    "this picture is {}; pictures over {} slow down every fresh build",
                    megabytes(p.bytes),
                    megabytes(MAX_BYTES)
                ),
            )
            .with_help(smaller),
        );
    }
    if p.width > MAX_PIXELS || p.height > MAX_PIXELS {
        return Some(
            Diagnostic::warning(
                file,
                format!(
                    "this picture is {} × {} pixels, more than the {MAX_PIXELS} any screen needs",
                    p.width, p.height
                ),
            )
            .with_help(smaller),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(format: Format, width: u32, height: u32, animated: bool, bytes: u64) -> Probe {
        Probe {
            format,
            width,
            height,
            alpha: false,
            animated,
            bytes,
        }
    }

    #[test]
    fn warnings_table() {
        let mb = 1024 * 1024;
        let cases = [
            (probe(Format::Jpeg, 3000, 2000, false, 2 * mb), None),
            (
                probe(Format::Jpeg, 3000, 2000, false, 6 * mb),
                Some(
                    "warning: a.jpg: this picture is 6 MB; pictures over 5 MB slow down every fresh build\n  help: save a smaller copy (4,000 pixels wide is plenty): gait makes the sizes readers download",
                ),
            ),
            (
                probe(Format::Png, 2000, 4001, false, mb),
                Some(
                    "warning: a.jpg: this picture is 2000 × 4001 pixels, more than the 4000 any screen needs\n  help: save a smaller copy (4,000 pixels wide is plenty): gait makes the sizes readers download",
                ),
            ),
            (
                probe(Format::Gif, 400, 300, true, 3 * mb + mb / 2),
                Some(
                    "warning: a.jpg: this animated GIF is 3.5 MB; readers on phones download all of it (at most 2 MB is advised)\n  help: use fewer frames or a smaller size, or a short video instead",
                ),
            ),
            (probe(Format::Gif, 400, 300, false, 3 * mb), None),
        ];
        let refs: HashSet<PathBuf> = [PathBuf::from("a.jpg")].into();
        for (p, want) in cases {
            let got: Vec<String> = warnings(&[(PathBuf::from("a.jpg"), p)], &refs)
                .iter()
                .map(ToString::to_string)
                .collect();
            assert_eq!(got, want.into_iter().collect::<Vec<_>>(), "{p:?}");
        }
    }

    #[test]
    fn unreferenced_pictures() {
        let pics = [
            (
                PathBuf::from("content/posts/a/used.jpg"),
                probe(Format::Jpeg, 10, 10, false, 10),
            ),
            (
                PathBuf::from("static/images/old.png"),
                probe(Format::Png, 10, 10, false, 10),
            ),
        ];
        let refs: HashSet<PathBuf> = [PathBuf::from("content/posts/a/used.jpg")].into();
        let got: Vec<String> = warnings(&pics, &refs)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            got,
            [
                "warning: static/images/old.png: nothing on the site uses this picture\n  help: show it in a post or page (`![what it shows](name.jpg)`), or delete it"
            ]
        );
    }
}
