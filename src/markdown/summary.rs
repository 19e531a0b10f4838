//! A document's default summary: the plain text of its first paragraph that
//! has words of its own. A paragraph made only of pictures (and the links and
//! blanks around them) is passed over, and a picture's alt text counts only
//! between words of the paragraph's own (`Press the ![gear](g.svg) button`),
//! not before or after them, where it describes the picture rather than
//! carrying the sentence.

/// The summary, read as the walk meets the document's top-level paragraphs.
#[derive(Default)]
pub(super) struct FirstParagraph {
    /// The text so far, its spaces not yet tidied.
    text: String,
    /// A paragraph with words of its own was read: the summary is found.
    done: bool,
    /// Inside the paragraph being read for it.
    open: bool,
    /// That paragraph has had words of its own.
    own: bool,
    /// Alt text of pictures since the paragraph's last words of its own,
    /// kept only if more words follow.
    pending: String,
}

impl FirstParagraph {
    /// A paragraph starts (not one inside another).
    pub(super) fn start(&mut self) {
        if !self.done {
            self.open = true;
            self.own = false;
            self.text.clear();
            self.pending.clear();
        }
    }

    /// That paragraph ends: it is the summary if it had words of
    /// its own.
    pub(super) fn end(&mut self) {
        if self.open {
            self.open = false;
            self.done = self.own;
        }
    }

    /// Text of the paragraph; `in_picture` when it is a picture's alt text.
    pub(super) fn text(&mut self, t: &str, in_picture: bool) {
        if !self.open {
            return;
        }
        if in_picture {
            if self.own {
                self.pending.push_str(t);
            }
        } else if !t.trim().is_empty() {
            self.text.push_str(&self.pending);
            self.pending.clear();
            self.own = true;
            self.text.push_str(t);
        } else if self.own {
            self.pending.push_str(t);
        }
    }

    /// A line break in the paragraph.
    pub(super) fn space(&mut self, in_picture: bool) {
        self.text(" ", in_picture);
    }

    /// The summary with its spaces tidied, or empty when no paragraph had
    /// words of its own.
    pub(super) fn finish(self) -> String {
        match self.done {
            true => self.text.split_whitespace().collect::<Vec<_>>().join(" "),
            false => String::new(),
        }
    }
}
