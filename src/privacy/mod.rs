//! Requests to other sites: every address a page would load from another
//! host as soon as it opens (scripts, embedded pages, stylesheets, fonts,
//! pictures, video and sound, plug-in objects), found in HTML.
//!
//! A health site has a privacy duty: a tracker or an embed on a page where
//! patients read about a condition tells its owner who read what. Staff can
//! paste one into a post without anyone noticing, so the build looks for
//! them ([`find`]) in each document's raw HTML and pictures and in the
//! theme's templates, and reports each host with its line unless site.yaml
//! allows it ([`Policy`]). [`Hosts`] collects the allowed hosts a site
//! loads by kind, for a Content-Security-Policy.
//!
//! The finder is a pure function over HTML: html5ever's tokenizer reads the
//! pieces (each at its line, as [`crate::markdown::html_check`] lays them
//! out), and a small sink looks at every start tag's attributes, at CSS
//! `url()` in `style` attributes and `<style>` elements, and at addresses
//! written in inline scripts.

mod hosts;
mod scan;
#[cfg(test)]
mod tests;

pub use hosts::Hosts;

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use serde::Serialize;

/// What a request loads, which decides the CSP directive that governs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Script,
    Frame,
    Img,
    Style,
    Font,
    Media,
    /// `<object>` and `<embed>`.
    Object,
    /// `<link rel="preconnect">` and the like: a connection, nothing shown.
    Connect,
}

impl Kind {
    /// What a page does with it, for messages: "loads a script from".
    pub fn loads(self) -> &'static str {
        match self {
            Kind::Script => "loads a script from",
            Kind::Frame => "embeds a page from",
            Kind::Img => "loads a picture from",
            Kind::Style => "loads a stylesheet from",
            Kind::Font => "loads a font from",
            Kind::Media => "loads a video or sound from",
            Kind::Object => "embeds an object from",
            Kind::Connect => "opens a connection to",
        }
    }

    /// What is loaded, as a plural: "scripts".
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Script => "scripts",
            Kind::Frame => "embedded pages",
            Kind::Img => "pictures",
            Kind::Style => "stylesheets",
            Kind::Font => "fonts",
            Kind::Media => "video and sound",
            Kind::Object => "embedded objects",
            Kind::Connect => "connections",
        }
    }

    /// The Content-Security-Policy directive that allows it, if one does.
    pub fn directive(self) -> Option<&'static str> {
        match self {
            Kind::Script => Some("script-src"),
            Kind::Frame => Some("frame-src"),
            Kind::Img => Some("img-src"),
            Kind::Style => Some("style-src"),
            Kind::Font => Some("font-src"),
            Kind::Media => Some("media-src"),
            Kind::Object => Some("object-src"),
            Kind::Connect => None,
        }
    }
}

/// A request to another host, at a 0-based line of the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub line: usize,
    pub kind: Kind,
    /// Lower case, as browsers compare it.
    pub host: String,
}

/// Every request to another host in the raw HTML pieces of a document:
/// (0-based line, HTML), in order. Requests are reported at the line where
/// their tag ends.
pub fn find<S: AsRef<str>>(pieces: &[(usize, S)]) -> Vec<Request> {
    if pieces.is_empty() {
        return Vec::new();
    }
    let text = crate::markdown::html_check::lay_out("", pieces);
    find_in(&text, 0, 0)
}

/// Like [`find`], over one whole text (a template): lines are its own.
pub fn find_in_text(html: &str) -> Vec<Request> {
    find_in(html, 0, 0)
}

/// How deep `<iframe srcdoc>` documents are read inside each other.
const MAX_SRCDOC: usize = 3;

fn find_in(html: &str, first_line: usize, depth: usize) -> Vec<Request> {
    let sink = Finder {
        first_line,
        depth,
        raw: RefCell::default(),
        found: RefCell::default(),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.take()
}

/// The host of an address that leaves the page's site: an absolute `http:`
/// or `https:` URL or a protocol-relative `//host/...`, read as browsers
/// read it (tabs and newlines dropped, `\` as `/`). `None` for relative
/// addresses, `data:` and other schemes.
pub fn external_host(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let url = cleaned.trim_matches(|c: char| c <= ' ');
    let slashes = |s: &str| {
        s.starts_with("//") || s.starts_with("\\\\") || s.starts_with("/\\") || s.starts_with("\\/")
    };
    let absolute = if slashes(url) {
        format!("https:{url}")
    } else {
        let scheme = url.split(':').next().unwrap_or("").to_ascii_lowercase();
        if !(url.contains(':') && matches!(scheme.as_str(), "http" | "https")) {
            return None;
        }
        url.to_string()
    };
    let parsed = url::Url::parse(&absolute).ok()?;
    parsed.host_str().map(str::to_ascii_lowercase)
}

/// Which hosts a site may load from, from site.yaml.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// `third_party_allowed`: host names, or `*.example.org` for every host
    /// below `example.org`.
    pub allowed: Vec<String>,
    /// `privacy: strict`: a host not allowed is an error, not a warning.
    pub strict: bool,
}

impl Policy {
    /// Whether `host` is in `third_party_allowed`.
    pub fn allows(&self, host: &str) -> bool {
        self.allowed.iter().any(|p| host_matches(host, p))
    }
}

/// `host` is `pattern`, or below it when the pattern is `*.domain`.
pub fn host_matches(host: &str, pattern: &str) -> bool {
    let pattern = pattern.trim().to_ascii_lowercase();
    match pattern.strip_prefix("*.") {
        Some(domain) => host
            .strip_suffix(domain)
            .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.')),
        None => host == pattern,
    }
}

/// Whether `pattern` can be a `third_party_allowed` entry: a host name
/// (letters, digits, `-`, dots), optionally after `*.`.
pub fn is_host_pattern(pattern: &str) -> bool {
    let host = pattern.strip_prefix("*.").unwrap_or(pattern);
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// Text being read inside `<style>` or an inline `<script>`: its pieces,
/// each with its offset in `text` and its 0-based line.
#[derive(Default)]
struct Raw {
    kind: Option<RawText>,
    text: String,
    lines: Vec<(usize, usize)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum RawText {
    Style,
    Script,
    /// Text that loads nothing (a `<textarea>`, a JSON-LD script).
    Inert,
}

/// Watches the tokens of one text for addresses of other hosts.
struct Finder {
    first_line: usize,
    depth: usize,
    raw: RefCell<Raw>,
    found: RefCell<Vec<Request>>,
}

impl TokenSink for Finder {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let at = self.first_line + usize::try_from(line.saturating_sub(1)).unwrap_or(usize::MAX);
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => return self.start(&tag, at),
            Token::TagToken(_) => self.end_raw(),
            Token::CharacterTokens(t) => {
                let mut raw = self.raw.borrow_mut();
                if raw.kind.is_some() {
                    let offset = raw.text.len();
                    raw.lines
                        .push((offset, at.saturating_sub(t.matches('\n').count())));
                    raw.text.push_str(&t);
                }
            }
            Token::EOFToken => self.end_raw(),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl Finder {
    fn push(&self, at: usize, kind: Kind, url: &str) {
        if let Some(host) = external_host(url) {
            self.found.borrow_mut().push(Request {
                line: at,
                kind,
                host,
            });
        }
    }

    /// A start tag: its addresses, and the state its text is read in.
    fn start(&self, tag: &Tag, at: usize) -> TokenSinkResult<()> {
        let element = tag.name.as_ref();
        for (kind, url) in scan::tag_addresses(tag) {
            self.push(at, kind, &url);
        }
        if let Some(doc) = scan::attr(tag, "srcdoc").filter(|_| element == "iframe")
            && self.depth < MAX_SRCDOC
        {
            let inner = find_in(doc, at, self.depth + 1);
            self.found.borrow_mut().extend(inner);
        }
        let (raw, state) = match element {
            "style" => (RawText::Style, RawKind::Rawtext),
            "script" if scan::is_inline_code(tag) => (RawText::Script, RawKind::ScriptData),
            "script" => (RawText::Inert, RawKind::ScriptData),
            "textarea" | "title" => (RawText::Inert, RawKind::Rcdata),
            "xmp" | "iframe" | "noembed" | "noframes" => (RawText::Inert, RawKind::Rawtext),
            _ => return TokenSinkResult::Continue,
        };
        if tag.self_closing && element != "script" {
            return TokenSinkResult::Continue;
        }
        *self.raw.borrow_mut() = Raw {
            kind: Some(raw),
            ..Raw::default()
        };
        TokenSinkResult::RawData(state)
    }

    /// The end of `<style>` or a script: the addresses in its text.
    fn end_raw(&self) {
        let raw = self.raw.take();
        let line_of = |offset: usize| {
            let i = raw.lines.partition_point(|(o, _)| *o <= offset);
            let (start, line) = raw.lines[i.saturating_sub(1)];
            line + raw.text[start..offset].matches('\n').count()
        };
        let found = match raw.kind {
            Some(RawText::Style) => scan::stylesheet(&raw.text),
            Some(RawText::Script) => scan::script(&raw.text),
            _ => return,
        };
        for (offset, kind, url) in found {
            self.push(line_of(offset), kind, &url);
        }
    }
}
