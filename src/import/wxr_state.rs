//! Where the streaming reader is in a WXR document, and which fields it
//! keeps: the parts of the channel, authors, items, their categories, two
//! meta keys and comments. Commenter e-mail, URL and IP address fall through
//! the field match and are never stored.

use quick_xml::events::BytesStart;

use super::wxr::{
    Author, CHECK_HELP, Comment, Export, Item, JOINED_HELP, MAX_TEXT_BYTES, ReadError, Term,
};

/// Where in the document the parser is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Rss,
    Channel,
    Author,
    Item,
    Comment,
    Postmeta,
    Category,
    /// A field whose text is kept (its name is in `Parser::field`).
    Field,
    Other,
}

#[derive(Default)]
pub(super) struct Parser {
    stack: Vec<(Tag, usize)>,
    /// The element whose text is being collected, e.g. `wp:post_id`.
    field: Vec<u8>,
    text: String,
    export: Export,
    saw_rss: bool,
    saw_channel: bool,
    author: Author,
    item: Item,
    comment: Comment,
    meta: (String, String),
    term: Term,
}

impl Parser {
    fn parent(&self) -> Option<Tag> {
        self.stack.last().map(|(t, _)| *t)
    }

    /// An element starts: `name` with WordPress's prefixes, `e` for its
    /// attributes. An error has its message and what to do.
    pub(super) fn start(
        &mut self,
        name: &[u8],
        e: &BytesStart,
        line: usize,
    ) -> Result<(), (String, &'static str)> {
        let tag = match (self.parent(), name) {
            (None, _) if self.saw_rss => {
                return Err((
                    format!(
                        "the export goes on after its closing </rss>, with <{}>: two exports joined into one file?",
                        String::from_utf8_lossy(name)
                    ),
                    JOINED_HELP,
                ));
            }
            (None, b"rss") => {
                self.saw_rss = true;
                Tag::Rss
            }
            (None, _) => {
                return Err((
                    format!(
                        "this is not a WordPress export: it starts with <{}> instead of <rss>",
                        String::from_utf8_lossy(name)
                    ),
                    CHECK_HELP,
                ));
            }
            (Some(Tag::Rss), b"channel") => {
                self.saw_channel = true;
                Tag::Channel
            }
            (Some(Tag::Channel), b"wp:author") => {
                self.author = Author::default();
                Tag::Author
            }
            (Some(Tag::Channel), b"item") => {
                self.item = Item {
                    line,
                    ..Item::default()
                };
                Tag::Item
            }
            (Some(Tag::Item), b"wp:comment") => {
                self.comment = Comment::default();
                Tag::Comment
            }
            (Some(Tag::Item), b"wp:postmeta") => {
                self.meta = Default::default();
                Tag::Postmeta
            }
            (Some(Tag::Item), b"category") => {
                self.term = Term::default();
                for attr in e.attributes().flatten() {
                    let value = attr
                        .unescape_value()
                        .map_err(|e| {
                            (
                                format!("a category attribute is malformed: {e}"),
                                CHECK_HELP,
                            )
                        })?
                        .into_owned();
                    match attr.key.as_ref() {
                        b"domain" => self.term.domain = value,
                        b"nicename" => self.term.nicename = value,
                        _ => {}
                    }
                }
                Tag::Category
            }
            (Some(Tag::Channel | Tag::Author | Tag::Item | Tag::Comment | Tag::Postmeta), _) => {
                Tag::Field
            }
            _ => Tag::Other,
        };
        if tag == Tag::Field || tag == Tag::Category {
            self.field.clear();
            self.field.extend_from_slice(name);
            self.text.clear();
        }
        self.stack.push((tag, line));
        Ok(())
    }

    pub(super) fn text(&mut self, t: &str) -> Result<(), String> {
        if matches!(self.parent(), Some(Tag::Field | Tag::Category)) {
            if self.text.len() + t.len() > MAX_TEXT_BYTES {
                return Err("one element is larger than 64 MiB".into());
            }
            self.text.push_str(t);
        }
        Ok(())
    }

    pub(super) fn end(&mut self) -> Result<(), String> {
        let Some((tag, _)) = self.stack.pop() else {
            return Err("a closing tag has no opening tag".into());
        };
        match tag {
            Tag::Field => {
                let text = std::mem::take(&mut self.text);
                self.field(text);
            }
            Tag::Category => {
                self.term.name = std::mem::take(&mut self.text);
                self.item.terms.push(std::mem::take(&mut self.term));
            }
            Tag::Author => self.export.authors.push(std::mem::take(&mut self.author)),
            Tag::Item => self.export.items.push(std::mem::take(&mut self.item)),
            Tag::Comment => self.item.comments.push(std::mem::take(&mut self.comment)),
            Tag::Postmeta => {
                let (key, value) = std::mem::take(&mut self.meta);
                match key.as_str() {
                    "_thumbnail_id" => self.item.thumbnail_id = value,
                    "_wp_attachment_image_alt" => self.item.image_alt = value,
                    _ => {}
                }
            }
            Tag::Rss | Tag::Channel | Tag::Other => {}
        }
        Ok(())
    }

    /// Store the text of a field element, by its parent. Blanks and line
    /// breaks around a single value (an address, an id, a status), which
    /// hand-edited and re-indented exports have, are dropped.
    fn field(&mut self, text: String) {
        let name = self.field.as_slice();
        let keeps_blanks = matches!(
            name,
            b"content:encoded" | b"excerpt:encoded" | b"wp:comment_content"
        );
        let text = match text.trim() {
            trimmed if !keeps_blanks && trimmed.len() != text.len() => trimmed.to_string(),
            _ => text,
        };
        match self.parent() {
            Some(Tag::Channel) => match name {
                b"title" => self.export.title = text,
                b"link" => self.export.link = text,
                b"wp:base_site_url" => self.export.base_site_url = text,
                b"wp:base_blog_url" => self.export.base_blog_url = text,
                _ => {}
            },
            Some(Tag::Author) => match name {
                b"wp:author_login" => self.author.login = text,
                b"wp:author_display_name" => self.author.display_name = text,
                _ => {}
            },
            Some(Tag::Item) => {
                let it = &mut self.item;
                match name {
                    b"title" => it.title = text,
                    b"link" => it.link = text,
                    b"dc:creator" => it.creator = text,
                    b"content:encoded" => it.content = text,
                    b"excerpt:encoded" => it.excerpt = text,
                    b"wp:post_id" => it.id = text,
                    b"wp:post_date" => it.date = text,
                    b"wp:post_date_gmt" => it.date_gmt = text,
                    b"wp:post_modified" => it.modified = text,
                    b"wp:post_modified_gmt" => it.modified_gmt = text,
                    b"wp:post_name" => it.name = text,
                    b"wp:status" => it.status = text,
                    b"wp:post_type" => it.post_type = text,
                    b"wp:post_parent" => it.parent = text,
                    b"wp:menu_order" => it.menu_order = text,
                    b"wp:post_password" => it.password = text,
                    b"wp:attachment_url" => it.attachment_url = text,
                    _ => {}
                }
            }
            Some(Tag::Comment) => {
                let c = &mut self.comment;
                // Never kept: comment_author_email, comment_author_url, comment_author_IP.
                match name {
                    b"wp:comment_id" => c.id = text,
                    b"wp:comment_author" => c.author = text,
                    b"wp:comment_date" => c.date = text,
                    b"wp:comment_date_gmt" => c.date_gmt = text,
                    b"wp:comment_content" => c.content = text,
                    b"wp:comment_approved" => c.approved = text,
                    b"wp:comment_type" => c.kind = text,
                    b"wp:comment_parent" => c.parent = text,
                    _ => {}
                }
            }
            Some(Tag::Postmeta) => match name {
                b"wp:meta_key" => self.meta.0 = text,
                b"wp:meta_value" => self.meta.1 = text,
                _ => {}
            },
            _ => {}
        }
    }

    pub(super) fn finish(self, line: usize) -> Result<Export, ReadError> {
        let open = self.stack.iter().rev().find(|(t, _)| {
            matches!(
                t,
                Tag::Item | Tag::Comment | Tag::Author | Tag::Channel | Tag::Rss
            )
        });
        if let Some((tag, opened)) = open.or(self.stack.last()) {
            let what = match tag {
                Tag::Item => "an <item>".to_string(),
                Tag::Comment => "a <wp:comment>".to_string(),
                Tag::Channel => "the <channel>".to_string(),
                Tag::Rss => "the <rss> element".to_string(),
                Tag::Author => "a <wp:author>".to_string(),
                _ => "an element".to_string(),
            };
            return Err(ReadError {
                line,
                message: format!(
                    "the export ends in the middle of {what} opened at line {opened}: the file is truncated"
                ),
                help: CHECK_HELP.into(),
            });
        }
        if !self.saw_rss || !self.saw_channel {
            return Err(ReadError {
                line,
                message: "this is not a WordPress export: there is no <rss><channel>".into(),
                help: "export the site from WordPress with Tools → Export → All content".into(),
            });
        }
        Ok(self.export)
    }
}
