//! Syntax highlighting of fenced code blocks with syntect, into CSS classes.
//!
//! The syntaxes are the set bat ships (the `two-face` crate: syntect's own
//! plus TOML, TypeScript, Dockerfile, PowerShell, assembly, nginx, Apache
//! config, ...). They take a moment to load, so they are loaded on the first
//! fenced block that names a language, and never for a build without one.
//! A fence names a language by a file extension or a syntax name (`toml`,
//! `TypeScript`), or by one of the usual short names in [`ALIASES`]; a shell
//! session (`console`) highlights the commands after each prompt and leaves
//! their output plain. Classes are prefixed `hl-`; the theme's
//! `css/highlight.css` styles them.

use std::sync::OnceLock;

use pulldown_cmark_escape::escape_html;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The opening of every code block's `<pre>`, without its `>` (a
/// `data-lang` may follow). The block scrolls sideways rather than wrapping
/// (the theme gives it `white-space: pre; overflow-x: auto`), so it takes
/// keyboard focus and has a name, as a scrolling region must (WCAG 2.1.1).
pub const PRE_OPEN: &str = "<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"";

/// Languages that mean "no highlighting" and never warn.
const PLAIN: &[&str] = &["text", "txt", "plain", "plaintext", "none", "nohighlight"];

/// Fence names that are neither a file extension nor a syntax name of the
/// set, and the extension they stand for.
const ALIASES: &[(&str, &str)] = &[
    ("shell", "sh"),
    ("shellscript", "sh"),
    ("javascript", "js"),
    ("node", "js"),
    ("docker", "dockerfile"),
    ("containerfile", "dockerfile"),
    ("powershell", "ps1"),
    ("pwsh", "ps1"),
    ("posh", "ps1"),
    ("x86asm", "asm"),
    ("x86", "asm"),
    ("assembly", "asm"),
    ("apache", "htaccess"),
    ("apacheconf", "htaccess"),
    ("nginxconf", "nginx.conf"),
    ("postgresql", "sql"),
    ("postgres", "sql"),
    ("mysql", "sql"),
    ("sqlite", "sql"),
    ("plsql", "sql"),
    ("udiff", "diff"),
    ("jsonc", "json"),
    ("json5", "json"),
    ("csharp", "cs"),
    ("golang", "go"),
    ("objc", "m"),
    ("python3", "py"),
    ("batch", "bat"),
    ("dotenv", ".env"),
    ("elisp", "el"),
    ("emacs-lisp", "el"),
    ("hcl", "tf"),
];

/// Fence names of a shell session, and the syntax of its commands.
const SESSIONS: &[(&str, &str)] = &[
    ("console", "sh"),
    ("shell-session", "sh"),
    ("shellsession", "sh"),
    ("sh-session", "sh"),
    ("bash-session", "sh"),
    ("terminal", "sh"),
    ("pwsh-session", "ps1"),
    ("powershell-session", "ps1"),
    ("ps1con", "ps1"),
];

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
        let lang = lang.to_ascii_lowercase();
        if lang.is_empty() || PLAIN.contains(&lang.as_str()) {
            return Highlighted::Plain;
        }
        let set = self.syntaxes.get_or_init(two_face::syntax::extra_newlines);
        let session = SESSIONS.iter().find(|(name, _)| *name == lang);
        let token = match session {
            Some((_, commands)) => commands,
            None => ALIASES
                .iter()
                .find(|(name, _)| *name == lang)
                .map_or(lang.as_str(), |(_, ext)| ext),
        };
        let Some(syntax) = set.find_syntax_by_token(token) else {
            return Highlighted::UnknownLanguage;
        };
        let html = match session {
            Some(_) => highlight_session(set, syntax, code),
            None => highlight_lines(set, syntax, code),
        };
        html.map_or(Highlighted::Plain, Highlighted::Html)
    }
}

/// Classed HTML of whole lines in one syntax; `None` if syntect fails.
fn highlight_lines(set: &SyntaxSet, syntax: &SyntaxReference, code: &str) -> Option<String> {
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// A shell session: each prompt (`$ `, `# `, `PS C:\> `, ...) in a span of
/// its own, the command after it (and the lines it continues on with a `\`)
/// highlighted, every other line (the output) plain.
fn highlight_session(set: &SyntaxSet, commands: &SyntaxReference, code: &str) -> Option<String> {
    let mut html = String::with_capacity(code.len() * 2);
    let mut command: Option<ClassedHTMLGenerator> = None;
    let mut continues = false;
    for line in LinesWithEndings::from(code) {
        let prompt = prompt_len(line);
        match (&mut command, prompt) {
            (Some(generator), None) if continues => {
                generator
                    .parse_html_for_line_which_includes_newline(line)
                    .ok()?;
            }
            _ => {
                if let Some(generator) = command.take() {
                    html.push_str(&generator.finalize());
                }
                let Some(n) = prompt else {
                    html.push_str("<span class=\"hl-output\">");
                    let _ = escape_html(&mut html, line);
                    html.push_str("</span>");
                    continue;
                };
                html.push_str("<span class=\"hl-prompt\">");
                let _ = escape_html(&mut html, &line[..n]);
                html.push_str("</span>");
                let mut generator =
                    ClassedHTMLGenerator::new_with_class_style(commands, set, CLASS_STYLE);
                generator
                    .parse_html_for_line_which_includes_newline(&line[n..])
                    .ok()?;
                command = Some(generator);
            }
        }
        continues = line.trim_end().ends_with('\\');
    }
    if let Some(generator) = command {
        html.push_str(&generator.finalize());
    }
    Some(html)
}

/// The length of the prompt that starts a session's line, if it has one:
/// `$ `, `% `, `# `, `> ` or `❯ ` alone or after a prefix naming a user,
/// host or folder (`dana@laptop:~/site$ `, `C:\Users\dana> `), each perhaps
/// after a `(venv) `; or PowerShell's `PS C:\path> `.
pub fn prompt_len(line: &str) -> Option<usize> {
    let body = line.trim_end_matches(['\n', '\r']);
    let mut start = 0;
    if body.starts_with('(') {
        start = body.find(") ").map(|i| i + 2)?;
    }
    let powershell = body[start..].starts_with("PS ");
    if powershell {
        start += 3;
    }
    let rest = &body[start..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let mark = rest[..end].chars().next_back()?;
    let prefix = &rest[..end - mark.len_utf8()];
    let names_a_place = match mark {
        '$' | '#' | '%' => prefix.contains(['@', ':', '~', '/']),
        '>' => powershell || prefix.contains(":\\") || prefix.contains(":/"),
        '❯' => true,
        _ => return None,
    };
    // `$` alone on a line is a prompt with no command; `$5` or `#tag` is not one.
    let after = &rest[end..];
    let ends = after.is_empty() || after.starts_with(' ');
    (ends && (prefix.is_empty() || names_a_place))
        .then(|| start + end + usize::from(after.starts_with(' ')))
}

#[cfg(test)]
mod tests;
