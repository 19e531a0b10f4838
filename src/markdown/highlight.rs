//! Syntax highlighting of fenced code blocks with syntect, into CSS classes.
//!
//! The syntax definitions take a moment to load, so they are loaded on the
//! first fenced block that names a language, and never for a build without one.
//! Classes are prefixed `hl-`; the theme's `css/highlight.css` styles them.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The opening of every code block's `<pre>`, without its `>` (a
/// `data-lang` may follow). The block scrolls sideways rather than wrapping
/// (the theme gives it `white-space: pre; overflow-x: auto`), so it takes
/// keyboard focus and has a name, as a scrolling region must (WCAG 2.1.1).
pub const PRE_OPEN: &str = "<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"Code\"";

/// Languages that mean "no highlighting" and never warn.
const PLAIN: &[&str] = &["text", "txt", "plain", "plaintext", "none"];

/// Lazily loaded syntax definitions, shared by all threads of a build.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

/// The result of highlighting one block.
pub enum Highlighted {
    Html(String),
    /// The language is not known; the block is shown as plain text.
    UnknownLanguage,
    Plain,
}

impl Highlighter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the syntax set has been loaded (for tests of laziness).
    pub fn is_loaded(&self) -> bool {
        self.syntaxes.get().is_some()
    }

    /// Highlighted inner HTML of `code` (without `<pre>`), for a fence's language.
    pub fn highlight(&self, lang: &str, code: &str) -> Highlighted {
        if lang.is_empty() || PLAIN.contains(&lang.to_ascii_lowercase().as_str()) {
            return Highlighted::Plain;
        }
        let set = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
        let Some(syntax) = set
            .find_syntax_by_token(lang)
            .or_else(|| set.find_syntax_by_token(&lang.to_ascii_lowercase()))
        else {
            return Highlighted::UnknownLanguage;
        };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return Highlighted::Plain;
            }
        }
        Highlighted::Html(generator.finalize())
    }
}
