//! Quick scans of a document's text that spare the Markdown parser work:
//! whether it can hold an `h1` at all, its word count, and line numbers.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};

use super::parser_options;

pub(super) fn has_h1(md: &str) -> bool {
    might_have_h1(md)
        && Parser::new_ext(md, parser_options()).any(|e| {
            matches!(
                e,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                })
            )
        })
}

/// Whether `md` can hold a level-1 heading, from its text alone: a lone `#`
/// followed by a blank or a line end (an ATX heading, perhaps inside a quote
/// or a list), or a line whose last non-blank character is `=` (a setext
/// underline). Never false for a document with one, and false for most
/// posts, which then need no second parse to find out.
pub(super) fn might_have_h1(md: &str) -> bool {
    let b = md.as_bytes();
    let atx = b.iter().enumerate().any(|(i, &c)| {
        c == b'#'
            && (i == 0 || b[i - 1] != b'#')
            && matches!(
                b.get(i + 1),
                None | Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
            )
    });
    atx || md.lines().any(|l| l.trim_end().ends_with('='))
}

/// The number of words in `text`, as `text.split_whitespace().count()`
/// counts them, with a quicker path for ASCII text (most of it).
pub(super) fn count_words(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        // The ASCII characters that `char::is_whitespace` accepts.
        let blank = matches!(b, b'\t'..=b'\r' | b' ');
        words += usize::from(!blank && !in_word);
        in_word = !blank;
    }
    words
}

/// Byte offsets of the line ends of a text, to turn offsets into 0-based lines.
pub(super) struct LineIndex(Vec<usize>);

impl LineIndex {
    pub(super) fn new(text: &str) -> Self {
        LineIndex(text.match_indices('\n').map(|(i, _)| i).collect())
    }
    pub(super) fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset)
    }
}
