//! A post's Markdown set aside after loading: where it is in its file, and
//! reading it again, checked against the text the post was parsed from.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::PostDoc;
use crate::diag::Diagnostic;

/// Where a post's Markdown is in its file: the file as read (an absolute
/// path) and the byte where the Markdown starts in its normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub path: PathBuf,
    pub start: usize,
}

impl PostDoc {
    /// Let go of the Markdown, keeping where it is: `path` is the file as
    /// read and `text` the normalized text this post was parsed from. A
    /// single build holds only the front matter of each post until its
    /// Markdown is rendered, so that its memory does not grow with the
    /// posts' text. Does nothing unless the Markdown ends the text.
    pub fn set_text_aside(&mut self, path: &Path, text: &str) {
        if text.ends_with(self.body.as_str()) {
            let start = text.len() - self.body.len();
            self.set_aside = Some(SetAside {
                path: path.to_path_buf(),
                start,
            });
            self.body = String::new();
        }
    }

    /// The Markdown: held, or read again from the file, which must be as it
    /// was when the post was loaded (else an error naming it: that it
    /// changed, or why it cannot be read now).
    pub fn markdown(&self) -> Result<Cow<'_, str>, Diagnostic> {
        let Some(aside) = &self.set_aside else {
            return Ok(Cow::Borrowed(&self.body));
        };
        let changed = || {
            Diagnostic::error(
                &self.file,
                "the file changed while the site was being built",
            )
            .with_help("build again once it is saved")
        };
        // Gone or unreadable since: the reader's own error says so.
        let mut text = crate::content::load::read_text(&aside.path, &self.file)
            .map_err(|ds| ds.into_iter().next().unwrap_or_else(changed))?;
        if crate::fingerprint::of(&text) != self.version || !text.is_char_boundary(aside.start) {
            return Err(changed());
        }
        Ok(Cow::Owned(text.split_off(aside.start)))
    }
}
