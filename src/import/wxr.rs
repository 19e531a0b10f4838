//! Streaming reader of a WordPress export (WXR 1.1/1.2, an RSS 2.0 file).
//!
//! Reads the file once with quick-xml and keeps only what the import uses:
//! authors, and items with their categories, a few meta keys and comments.
//! Commenter e-mail, URL and IP address are read past and never stored.
//! Malformed XML, a truncated file, an entity WordPress never writes (custom
//! DTD entities are rejected, not expanded) and an oversized element are
//! errors naming the line.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use anyhow::Context;
use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::{QName, ResolveResult};

use super::wxr_guard::Guarded;
use super::wxr_state::Parser;

/// The largest single piece of markup (one CDATA section, one tag) read at once.
pub const MAX_EVENT_BYTES: u64 = 64 * 1024 * 1024;
/// The largest text of one element (several CDATA sections together).
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// A `wp:author` of the channel. The e-mail is never read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    pub login: String,
    pub display_name: String,
}

/// A `category` element of an item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    /// `category` or `post_tag` (others are ignored by the import).
    pub domain: String,
    pub nicename: String,
    /// As written: WordPress escapes `&` in term names, so it may hold `&amp;`.
    pub name: String,
}

/// A `wp:comment`. Author e-mail, URL and IP are not kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comment {
    pub id: String,
    pub author: String,
    pub date: String,
    pub date_gmt: String,
    pub content: String,
    pub approved: String,
    pub kind: String,
    pub parent: String,
}

/// An `item`: a post, page, attachment, menu entry, ...
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// 1-based line of the `<item>` tag.
    pub line: usize,
    pub title: String,
    pub link: String,
    pub creator: String,
    pub content: String,
    pub excerpt: String,
    pub id: String,
    pub date: String,
    pub date_gmt: String,
    pub modified: String,
    pub modified_gmt: String,
    pub name: String,
    pub status: String,
    pub post_type: String,
    pub parent: String,
    /// `wp:menu_order`: the order of an attachment in its post's gallery.
    pub menu_order: String,
    pub password: String,
    pub attachment_url: String,
    pub terms: Vec<Term>,
    /// `_thumbnail_id` (featured image) of a post.
    pub thumbnail_id: String,
    /// `_wp_attachment_image_alt` of an attachment.
    pub image_alt: String,
    pub comments: Vec<Comment>,
}

/// The parts of an export the import uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Export {
    pub title: String,
    /// The channel's `link`: the blog's address.
    pub link: String,
    pub base_site_url: String,
    pub base_blog_url: String,
    pub authors: Vec<Author>,
    pub items: Vec<Item>,
}

/// Why the export could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub line: usize,
    pub message: String,
    pub help: String,
}

/// Read and parse the export at `path`. I/O errors opening it are plain errors.
pub fn read_file(path: &Path) -> anyhow::Result<Result<Export, ReadError>> {
    let file = File::open(path).with_context(|| format!("could not read {}", path.display()))?;
    Ok(parse(BufReader::with_capacity(256 * 1024, file)))
}

/// Parse an export from any reader (tests use byte slices).
pub fn parse<R: Read>(source: BufReader<R>) -> Result<Export, ReadError> {
    let mut reader = NsReader::from_reader(Guarded::new(source));
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    let mut parser = Parser::default();
    let mut buf = Vec::with_capacity(64 * 1024);
    loop {
        buf.clear();
        reader.get_mut().reset();
        // Errors point at the start of the markup being read (an unclosed
        // CDATA section is reported where it opens).
        let event_line = reader.get_ref().line;
        let (prefix, event) = match reader.read_resolved_event_into(&mut buf) {
            Ok((ns, e)) => (wordpress_prefix(&ns), e),
            Err(e) => return Err(xml_error(event_line, &e)),
        };
        let line = reader.get_ref().line;
        let at = |message: String, help: &str| ReadError {
            line,
            message,
            help: help.to_string(),
        };
        match event {
            // A tag is named where it starts (`<rss` spans lines).
            Event::Start(e) => parser
                .start(&wordpress_name(prefix, e.name()), &e, event_line)
                .map_err(|(m, help)| ReadError {
                    line: event_line,
                    ..at(m, help)
                })?,
            Event::Empty(e) => {
                parser
                    .start(&wordpress_name(prefix, e.name()), &e, event_line)
                    .map_err(|(m, help)| ReadError {
                        line: event_line,
                        ..at(m, help)
                    })?;
                parser.end().map_err(|m| at(m, CHECK_HELP))?;
            }
            Event::End(_) => parser.end().map_err(|m| at(m, CHECK_HELP))?,
            Event::Text(t) => {
                let text = t.xml10_content().map_err(|_| not_utf8(event_line, &t))?;
                parser.text(&text).map_err(|m| at(m, SIZE_HELP))?;
            }
            Event::CData(t) => {
                let text = t.decode().map_err(|_| not_utf8(event_line, &t))?;
                parser.text(&text).map_err(|m| at(m, SIZE_HELP))?;
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|_| at(NOT_UTF8.into(), UTF8_HELP))?;
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match predefined(&name) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(at(
                                format!("the entity `&{name};` is not defined"),
                                ENTITY_HELP,
                            ));
                        }
                    },
                    Err(e) => return Err(at(format!("`&{name};`: {e}"), CHECK_HELP)),
                };
                parser.text(&ch).map_err(|m| at(m, SIZE_HELP))?;
            }
            Event::DocType(d) => {
                if String::from_utf8_lossy(&d).contains("<!ENTITY") {
                    // Named where the DOCTYPE starts, not where it ends.
                    return Err(ReadError {
                        line: event_line,
                        message: "the export declares its own entities in a DOCTYPE".into(),
                        help: ENTITY_HELP.into(),
                    });
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    parser.finish(reader.get_ref().last_line())
}

pub(super) const CHECK_HELP: &str = "the file is not a complete WordPress export: export it again from Tools → Export, and check that the download finished";
const NOT_UTF8: &str = "this line of the export is not UTF-8 text";
const UTF8_HELP: &str =
    "WordPress exports are UTF-8; export the file again rather than converting it";
const SIZE_HELP: &str = "one element of the export is larger than 64 MiB: remove it in WordPress (often an image pasted into a post as data) and export again";
const ENTITY_HELP: &str = "WordPress exports only use &amp; &lt; &gt; &quot; &apos; and numeric references; this file was changed after export";
const AMP_HELP: &str = "WordPress writes a lone & as &amp;: this file was changed after export; write &amp; there, or export again";
pub(super) const JOINED_HELP: &str =
    "import each export file on its own: split this one where the second <rss> starts";

/// The prefix WordPress gives a namespace (`wp`, `content`, `excerpt`,
/// `dc`), whatever prefix the file declares for it; any WXR version's
/// namespace is WordPress's. `None` for other and undeclared namespaces.
fn wordpress_prefix(ns: &ResolveResult<'_>) -> Option<&'static [u8]> {
    let ResolveResult::Bound(ns) = ns else {
        return None;
    };
    let uri = ns.as_ref();
    let wordpress = uri.starts_with(b"http://wordpress.org/export/");
    match uri {
        b"http://purl.org/rss/1.0/modules/content/" => Some(b"content"),
        b"http://purl.org/dc/elements/1.1/" => Some(b"dc"),
        _ if wordpress && uri.ends_with(b"/excerpt/") => Some(b"excerpt"),
        _ if wordpress => Some(b"wp"),
        _ => None,
    }
}

/// An element's name with WordPress's prefix for its namespace, or as written.
fn wordpress_name<'a>(prefix: Option<&[u8]>, name: QName<'a>) -> std::borrow::Cow<'a, [u8]> {
    match prefix {
        Some(p) => [p, b":", name.local_name().into_inner()].concat().into(),
        None => name.into_inner().into(),
    }
}

fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

/// Text that is not UTF-8, named at the line of its first bad byte (the
/// text starts on line `start`).
fn not_utf8(start: usize, bytes: &[u8]) -> ReadError {
    let good = std::str::from_utf8(bytes)
        .err()
        .map_or(bytes.len(), |e| e.valid_up_to());
    ReadError {
        line: start + bytes[..good].iter().filter(|&&b| b == b'\n').count(),
        message: NOT_UTF8.into(),
        help: UTF8_HELP.into(),
    }
}

fn xml_error(line: usize, e: &quick_xml::Error) -> ReadError {
    if let quick_xml::Error::Io(io) = e
        && io.kind() == io::ErrorKind::InvalidData
        && io.to_string().contains("larger than")
    {
        return ReadError {
            line,
            message: io.to_string(),
            help: SIZE_HELP.into(),
        };
    }
    if let quick_xml::Error::IllFormed(quick_xml::errors::IllFormedError::UnclosedReference) = e {
        return ReadError {
            line,
            message:
                "the export is not valid XML: a `&` here does not start an entity such as `&amp;`"
                    .into(),
            help: AMP_HELP.into(),
        };
    }
    if let quick_xml::Error::Encoding(_) = e {
        return ReadError {
            line,
            message: NOT_UTF8.into(),
            help: UTF8_HELP.into(),
        };
    }
    ReadError {
        line,
        message: format!("the export is not valid XML: {e}"),
        help: CHECK_HELP.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Export, ReadError> {
        parse(BufReader::new(s.as_bytes()))
    }

    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n";

    #[test]
    fn reads_items_comments_and_terms_without_emails() {
        let xml = format!(
            "{HEAD}<wp:author><wp:author_login><![CDATA[jo]]></wp:author_login><wp:author_email>jo@x.org</wp:author_email><wp:author_display_name><![CDATA[Jo &amp; Co]]></wp:author_display_name></wp:author>\n<item><title>A &amp; B &#8217;</title><wp:post_id>7</wp:post_id><content:encoded><![CDATA[one]]]]><![CDATA[>two]]></content:encoded><category domain=\"category\" nicename=\"m-h\"><![CDATA[Men's &amp; Health]]></category><wp:post_name/>\n<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author_email>a@b.c</wp:comment_author_email><wp:comment_author_IP>10.0.0.1</wp:comment_author_IP><wp:comment_content>Hi</wp:comment_content></wp:comment><wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>9</wp:meta_value></wp:postmeta></item>\n</channel></rss>\n"
        );
        let e = parse_str(&xml).unwrap();
        assert_eq!(e.authors[0].display_name, "Jo &amp; Co");
        let it = &e.items[0];
        assert_eq!(it.line, 5);
        assert_eq!(it.title, "A & B \u{2019}");
        assert_eq!(it.content, "one]]>two");
        assert_eq!(it.terms[0].name, "Men's &amp; Health");
        assert_eq!(it.terms[0].nicename, "m-h");
        assert_eq!(it.thumbnail_id, "9");
        assert_eq!(it.comments[0].id, "3");
        assert!(!format!("{e:?}").contains("a@b.c") && !format!("{e:?}").contains("10.0.0.1"));
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            (
                format!("{HEAD}<item><title>x</title>\n<wp:post_id>1"),
                5,
                "the export ends in the middle of an <item> opened at line 4: the file is truncated",
            ),
            (
                format!("{HEAD}<item>\n<title>x</titel>\n</item></channel></rss>"),
                5,
                "the export is not valid XML",
            ),
            (
                format!("{HEAD}<item>\n<title>&xxe;</title></item></channel></rss>"),
                5,
                "the entity `&xxe;` is not defined",
            ),
            (
                "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"aaaa\">]>\n<rss/>"
                    .to_string(),
                2,
                "the export declares its own entities in a DOCTYPE",
            ),
            (
                "<html>\n</html>".to_string(),
                1,
                "this is not a WordPress export: it starts with <html> instead of <rss>",
            ),
            (
                "<rss>\n</rss>\n".to_string(),
                2,
                "this is not a WordPress export: there is no <rss><channel>",
            ),
            (
                format!("{HEAD}<item>\n<content:encoded><![CDATA[never\nclosed\n"),
                5,
                "the export is not valid XML: syntax error: CDATA not closed",
            ),
        ];
        for (xml, line, msg) in cases {
            let err = parse_str(&xml).unwrap_err();
            assert_eq!(err.line, line, "{xml}: {err:?}");
            assert!(err.message.starts_with(msg), "{xml}: {err:?}");
        }
    }

    #[test]
    fn an_unterminated_cdata_section_stops_at_the_limit() {
        let big = "x".repeat(1024 * 1024);
        let mut xml = format!("{HEAD}<item><content:encoded><![CDATA[");
        while (xml.len() as u64) < MAX_EVENT_BYTES + 2 * 1024 * 1024 {
            xml.push_str(&big);
        }
        let err = parse_str(&xml).unwrap_err();
        assert_eq!(err.message, "one element is larger than 64 MiB");
    }
}
