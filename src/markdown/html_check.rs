//! Checks the raw HTML that staff write into Markdown (posts, pages, bios,
//! clinic descriptions) the way a browser reads it, and says in plain words
//! what is wrong and on which line: end tags that close nothing (`</img>`,
//! a `</div>` too many), elements left open or closed in the wrong order,
//! tags written wrong, and attribute values browsers ignore
//! (`target="_href_"`).
//!
//! The raw HTML pieces of one document are put back on their own lines and
//! read by html5ever, the HTML5 parser htmd uses, with every parse error
//! reported (`exact_errors`). A small watcher between its tokenizer and its
//! tree builder sees which token each error comes from and keeps its own
//! list of open elements, to name the tags involved.

use std::cell::{Cell, RefCell};

use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use markup5ever_rcdom::{Handle, RcDom};

mod messages;
mod values;

/// Something wrong with a document's raw HTML, at a 0-based line of its Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// `</img>`: an end tag for an element that never has one.
    VoidEndTag {
        name: String,
    },
    /// `</div>` with no `<div>` open.
    StrayEndTag {
        name: String,
    },
    /// `</p>` after a block (`<div>`, `<ul>`, ...) ended the paragraph.
    ParagraphEnded {
        by: String,
    },
    /// `</b>` while `<i>`, opened inside the `<b>`, is still open.
    Misnested {
        closed: String,
        open: String,
    },
    /// `<div>` opened on this line and never closed.
    Unclosed {
        name: String,
    },
    /// `<div/>`: only empty elements close themselves.
    SelfClosing {
        name: String,
    },
    /// A start tag the parser moves or drops where it is (a link in a link,
    /// a `<div>` directly in a `<table>`, a second `<body>`).
    Misplaced {
        name: String,
        parent: Option<String>,
    },
    /// Text directly in a table, outside its cells.
    TextInTable {
        parent: String,
    },
    DuplicateAttribute,
    /// A stray `<`, a missing quote or space between attributes.
    BadSyntax,
    /// A tag or comment that runs to the end (a missing `>` or quote).
    Unfinished,
    /// Elements nested deeper than [`MAX_DEPTH`]: the rest is not checked.
    TooDeep,
    /// More problems than [`MAX_PROBLEMS`]: the rest is not checked.
    TooMany,
    /// An attribute value browsers ignore.
    BadValue {
        attr: String,
        value: String,
        why: &'static str,
        help: &'static str,
    },
}

/// Check the raw HTML pieces of one document: (0-based line, HTML), in order.
pub fn check<S: AsRef<str>>(pieces: &[(usize, S)]) -> Vec<Problem> {
    if pieces.is_empty() {
        return Vec::new();
    }
    // A document whose body starts on line 1, with each piece on its own line.
    let text = lay_out("<!DOCTYPE html><body>", pieces);
    let builder = TreeBuilder::new(
        RcDom::default(),
        TreeBuilderOpts {
            exact_errors: true,
            ..TreeBuilderOpts::default()
        },
    );
    let watch = Watch {
        builder,
        skip: Cell::new(2),
        open: RefCell::default(),
        closed_early: RefCell::default(),
        p_ended_by: RefCell::default(),
        table_text: Cell::new(false),
        stopped: Cell::new(false),
        problems: RefCell::default(),
        last_line: Cell::new(1),
    };
    let tokenizer = Tokenizer::new(
        watch,
        TokenizerOpts {
            exact_errors: true,
            ..TokenizerOpts::default()
        },
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(text));
    while let TokenizerResult::Script(_) = tokenizer.feed(&input) {}
    tokenizer.end();
    let mut problems = tokenizer.sink.problems.take();
    problems.dedup();
    problems
}

/// The raw HTML pieces of a document as one text after `prefix`, each piece
/// on its own line: (0-based line, HTML) pieces start on the 1-based line
/// `line + 1`, so a parser's line numbers lead back to the Markdown.
pub fn lay_out<S: AsRef<str>>(prefix: &str, pieces: &[(usize, S)]) -> String {
    let mut text = String::from(prefix);
    let mut line = 0;
    for (at, piece) in pieces {
        while line < *at {
            text.push('\n');
            line += 1;
        }
        let piece = piece.as_ref();
        text.push_str(piece);
        line += piece.matches('\n').count();
    }
    text
}

/// How deep elements may nest before the check stops (browsers flatten
/// deeper ones, and the parser's work grows with the square of the depth).
pub const MAX_DEPTH: usize = 500;
/// How many problems one document reports before the check stops.
pub const MAX_PROBLEMS: usize = 20;

/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out: never reported as left open.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "rb", "rt", "rtc", "rp", "tr", "td", "th",
    "thead", "tbody", "tfoot", "colgroup", "caption",
];

/// Start tags that close an open `<p>`.
#[rustfmt::skip]
const CLOSES_P: &[&str] = &[
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "search",
    "section", "summary", "table", "ul",
];

/// Elements an implied `</p>` does not look past.
const SCOPE: &[&str] = &[
    "table", "td", "th", "caption", "button", "marquee", "object", "template", "svg", "math",
];

/// Sits between html5ever's tokenizer and tree builder: passes every token
/// on, and turns the errors the tree builder reports for it into problems.
struct Watch {
    builder: TreeBuilder<Handle, RcDom>,
    /// Tokens of the document's own start, not checked.
    skip: Cell<usize>,
    /// Open elements as written: (name, 0-based line).
    open: RefCell<Vec<(String, usize)>>,
    /// Elements closed by a misnested end tag (their own end tag is no
    /// second problem), and the block that last ended a `<p>`.
    closed_early: RefCell<Vec<String>>,
    p_ended_by: RefCell<Option<String>>,
    /// Text went into a table outside its cells; the parser says so at the next tag.
    table_text: Cell<bool>,
    problems: RefCell<Vec<Problem>>,
    /// 1-based line of the last token.
    last_line: Cell<u64>,
    /// The check stopped (too deep, too many problems): tokens are no longer parsed.
    stopped: Cell<bool>,
}

impl TokenSink for Watch {
    type Handle = Handle;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<Handle> {
        if self.skip.get() > 0 {
            self.skip.set(self.skip.get() - 1);
            return self.builder.process_token(token, line);
        }
        if self.stopped.get() {
            return TokenSinkResult::Continue;
        }
        let at = usize::try_from(line.saturating_sub(1)).unwrap_or(usize::MAX);
        let seen = Seen::of(&token);
        if let Token::TagToken(tag) = &token
            && tag.kind == TagKind::StartTag
        {
            for (attr, value, why, help) in values::bad_values(tag) {
                self.report(
                    at,
                    ProblemKind::BadValue {
                        attr,
                        value,
                        why,
                        help,
                    },
                );
            }
        }
        if let Token::ParseError(message) = &token {
            let kind = match message.as_ref() {
                "Duplicate attribute" => ProblemKind::DuplicateAttribute,
                "Unexpected EOF" => ProblemKind::Unfinished,
                _ => ProblemKind::BadSyntax,
            };
            let at = match kind {
                // Found at the end of the text: say where the last good token was.
                ProblemKind::Unfinished => self.last_line.get().saturating_sub(1) as usize,
                _ => at,
            };
            self.report(at, kind);
            return self.builder.process_token(token, line);
        }
        self.last_line.set(line);
        let errors = self.builder.sink.errors.borrow().len();
        let result = self.builder.process_token(token, line);
        let failed = self.builder.sink.errors.borrow().len() > errors;
        self.follow(&seen, at, failed);
        if self.open.borrow().len() > MAX_DEPTH && !self.stopped.get() {
            self.report(at, ProblemKind::TooDeep);
            self.stopped.set(true);
        }
        result
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// What the watcher needs of a token once the tree builder has it.
enum Seen {
    Start { name: String, self_closing: bool },
    EndTag { name: String },
    Text { blank: bool },
    End,
    Other,
}

impl Seen {
    fn of(token: &Token) -> Seen {
        match token {
            Token::TagToken(Tag {
                kind,
                name,
                self_closing,
                ..
            }) => match kind {
                TagKind::StartTag => Seen::Start {
                    name: name.to_string(),
                    self_closing: *self_closing,
                },
                TagKind::EndTag => Seen::EndTag {
                    name: name.to_string(),
                },
            },
            Token::CharacterTokens(t) => Seen::Text {
                blank: t.chars().all(|c| c.is_ascii_whitespace()),
            },
            Token::NullCharacterToken => Seen::Text { blank: false },
            Token::EOFToken => Seen::End,
            _ => Seen::Other,
        }
    }
}

impl Watch {
    fn report(&self, line: usize, kind: ProblemKind) {
        let mut problems = self.problems.borrow_mut();
        if self.stopped.get() {
            return;
        }
        if problems.len() + 1 == MAX_PROBLEMS {
            problems.push(Problem {
                line,
                kind: ProblemKind::TooMany,
            });
            self.stopped.set(true);
            return;
        }
        problems.push(Problem { line, kind });
    }

    /// Keep the list of open elements, and explain an error of the tree builder.
    fn follow(&self, seen: &Seen, at: usize, failed: bool) {
        if failed && self.table_text.replace(false) {
            let parent = self.table_parent().unwrap_or_else(|| "table".into());
            self.report(at, ProblemKind::TextInTable { parent });
            return self.follow(seen, at, false);
        }
        match seen {
            Seen::Start { name, self_closing } => self.start(name, *self_closing, at, failed),
            Seen::End => {
                if failed {
                    for (name, line) in self.open.take() {
                        if !OPTIONAL_END.contains(&name.as_str()) {
                            self.report(line, ProblemKind::Unclosed { name });
                        }
                    }
                }
            }
            Seen::EndTag { name } => {
                if let Some(kind) = self.end_tag(name)
                    && failed
                {
                    self.report(at, kind);
                }
            }
            Seen::Text { blank } => {
                if !blank && self.table_parent().is_some() {
                    self.table_text.set(true);
                }
            }
            Seen::Other => {}
        }
    }

    /// The innermost open element if it is a table or a part of one that holds rows.
    fn table_parent(&self) -> Option<String> {
        let open = self.open.borrow();
        let (top, _) = open.last()?;
        matches!(top.as_str(), "table" | "thead" | "tbody" | "tfoot" | "tr").then(|| top.clone())
    }

    fn start(&self, name: &str, self_closing: bool, at: usize, failed: bool) {
        let mut open = self.open.borrow_mut();
        let foreign = open.iter().any(|(n, _)| n == "svg" || n == "math");
        let parent = open.last().map(|(n, _)| n.clone());
        if CLOSES_P.contains(&name) && close_p(&mut open) {
            *self.p_ended_by.borrow_mut() = Some(name.to_string());
        }
        let closes_same = match name {
            "li" | "dt" | "dd" | "option" => &[name][..],
            "td" | "th" => &["td", "th"][..],
            "tr" => &["tr", "td", "th"][..],
            _ => &[],
        };
        while open
            .last()
            .is_some_and(|(top, _)| closes_same.contains(&top.as_str()))
        {
            open.pop();
        }
        let void = VOID.contains(&name) || (foreign && self_closing);
        if failed {
            let kind = if self_closing && !void {
                ProblemKind::SelfClosing {
                    name: name.to_string(),
                }
            } else {
                ProblemKind::Misplaced {
                    name: name.to_string(),
                    parent,
                }
            };
            self.report(at, kind);
            if self_closing {
                return;
            }
        }
        if !void {
            open.push((name.to_string(), at));
        }
    }

    /// Follow an end tag; what is wrong with it if the parser says something is.
    fn end_tag(&self, name: &str) -> Option<ProblemKind> {
        let mut open = self.open.borrow_mut();
        while open
            .last()
            .is_some_and(|(top, _)| top != name && OPTIONAL_END.contains(&top.as_str()))
        {
            open.pop();
        }
        let name = name.to_string();
        if VOID.contains(&name.as_str()) {
            return Some(ProblemKind::VoidEndTag { name });
        }
        let Some(i) = open.iter().rposition(|(n, _)| *n == name) else {
            let mut early = self.closed_early.borrow_mut();
            if let Some(j) = early.iter().rposition(|n| *n == name) {
                early.remove(j);
                return None;
            }
            if name == "p"
                && let Some(by) = self.p_ended_by.take()
            {
                return Some(ProblemKind::ParagraphEnded { by });
            }
            return Some(ProblemKind::StrayEndTag { name });
        };
        let inside: Vec<String> = open.drain(i..).skip(1).map(|(n, _)| n).collect();
        let first = inside
            .iter()
            .find(|n| !OPTIONAL_END.contains(&n.as_str()))?
            .clone();
        self.closed_early.borrow_mut().extend(inside);
        Some(ProblemKind::Misnested {
            closed: name,
            open: first,
        })
    }
}

/// An implied `</p>`: close the innermost open `<p>` within scope, if any.
fn close_p(open: &mut Vec<(String, usize)>) -> bool {
    for i in (0..open.len()).rev() {
        let name = open[i].0.as_str();
        if name == "p" {
            open.truncate(i);
            return true;
        }
        if SCOPE.contains(&name) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests;
