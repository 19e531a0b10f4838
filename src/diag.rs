//! Diagnostics: errors and warnings about a site, each naming a file and line.
//!
//! Loading and rendering collect every problem they find into [`Diagnostics`]
//! instead of stopping at the first, so one build reports every broken file.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    pub message: String,
    /// The offending line of the file, shown under the message.
    pub snippet: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            snippet: None,
            help: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    pub fn at_column(mut self, column: Option<usize>) -> Self {
        self.column = column;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attach the text of `self.line` from `source` (the whole file) as the snippet.
    pub fn with_snippet_from(mut self, source: &str) -> Self {
        if let Some(line) = self.line {
            self.snippet = source
                .lines()
                .nth(line.saturating_sub(1))
                .map(|l| l.trim_end().to_string());
        }
        self
    }

    /// Point at a top-level `key:` of a whole YAML file (site.yaml), when the
    /// diagnostic has no line yet.
    pub fn locate_key(mut self, text: &str, key: &str) -> Self {
        if self.line.is_none()
            && let Some(line) = crate::yaml::key_line(text, key)
        {
            self.line = Some(line);
            self = self.with_snippet_from(text);
        }
        self
    }

    /// The same problem in a draft that a normal build leaves out: a
    /// warning that says so (building with `--drafts`, and `gait check`,
    /// report it as an error).
    pub fn in_draft(mut self) -> Self {
        self.severity = Severity::Warning;
        let note =
            "this post is a draft, so the site is built without it; fix it before you publish";
        self.help = Some(match self.help {
            Some(h) => format!("{h}; {note}"),
            None => note.to_string(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, as far as known.
    pub fn location(&self) -> String {
        let mut out = self.file.display().to_string();
        if let Some(line) = self.line {
            out.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                out.push_str(&format!(":{col}"));
            }
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let location = self.location();
        write!(
            f,
            "{label}: {}: {}",
            visible(&location),
            visible(&cut(&self.message, MAX_SHOWN))
        )?;
        if let (Some(line), Some(snippet)) = (self.line, &self.snippet) {
            write!(f, "\n  {line:>4} | {}", visible(&cut(snippet, MAX_SHOWN)))?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", visible(help))?;
        }
        Ok(())
    }
}

/// The most characters of a message or a line shown (a value of megabytes
/// on one line would flood the terminal).
const MAX_SHOWN: usize = 1000;

/// `s`, cut after `max` characters with ` …`.
fn cut(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{} …", &s[..i]).into(),
        None => s.into(),
    }
}

/// Control characters from a file (a NUL, a terminal escape) written as
/// `\u{1b}`, so a hostile file cannot hide text or drive the terminal.
fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return s.into();
    }
    s.chars()
        .map(|c| match c {
            '\n' | '\t' => c.to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect::<String>()
        .into()
}

/// Every diagnostic of one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Show paths relative to the site root.
    pub fn relativize(&mut self, root: &Path) {
        for d in &mut self.items {
            if let Ok(rel) = d.file.strip_prefix(root) {
                d.file = rel.to_path_buf();
            }
        }
    }

    /// Sort by file then line so output is stable whatever the thread order.
    pub fn sort(&mut self) {
        self.items
            .sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
        self.items.dedup();
    }

    /// Turn into an error when any diagnostic is an error; warnings are kept either way.
    pub fn into_result(mut self) -> Result<Diagnostics, SiteErrors> {
        self.sort();
        if self.has_errors() {
            Err(SiteErrors(self))
        } else {
            Ok(self)
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// The site has errors: the build stops and reports all of them (exit status 1).
#[derive(Debug)]
pub struct SiteErrors(pub Diagnostics);

impl SiteErrors {
    pub fn single(d: Diagnostic) -> Self {
        SiteErrors(std::iter::once(d).collect())
    }
}

impl fmt::Display for SiteErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors: Vec<_> = self.0.errors().collect();
        let mut files: Vec<&Path> = errors.iter().map(|d| d.file.as_path()).collect();
        files.sort();
        files.dedup();
        for d in &errors {
            writeln!(f, "{d}")?;
        }
        write!(
            f,
            "{} {} in {} {}",
            errors.len(),
            plural(errors.len(), "error", "errors"),
            files.len(),
            plural(files.len(), "file", "files"),
        )
    }
}

impl std::error::Error for SiteErrors {}

pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The line a successful build prints, the same for `gait build` and each
/// rebuild of `gait serve`: "Built 12 posts, 77 pages in 46 ms". `rendered`
/// is how many of the pages a rebuild rendered; when it reused some, it says
/// so: "Built 12 posts, 77 pages in 9 ms (3 pages rendered, 74 reused)".
pub fn build_summary(
    posts: usize,
    pages: usize,
    rendered: Option<usize>,
    elapsed: std::time::Duration,
) -> String {
    let mut line = format!(
        "Built {posts} {}, {pages} {} in {} ms",
        plural(posts, "post", "posts"),
        plural(pages, "page", "pages"),
        elapsed.as_millis()
    );
    if let Some(rendered) = rendered.filter(|&r| r < pages) {
        line.push_str(&format!(
            " ({rendered} {} rendered, {} reused)",
            plural(rendered, "page", "pages"),
            pages - rendered
        ));
    }
    line
}

/// Print a line to standard output, ignoring a closed pipe (`gait build | head`):
/// a reader that stopped listening is no reason to fail, let alone to panic
/// as `println!` does.
pub fn say(line: impl std::fmt::Display) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_with_line_snippet_and_help() {
        let d = Diagnostic::error("content/posts/a.md", "unknown key `titel`")
            .at_line(Some(2))
            .at_column(Some(1))
            .with_snippet_from("---\ntitel: Hi\n---\n")
            .with_help("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "error: content/posts/a.md:2:1: unknown key `titel`\n     2 | titel: Hi\n  help: did you mean `title`?"
        );
    }

    #[test]
    fn build_summaries_have_plurals_and_say_what_was_reused() {
        let ms = std::time::Duration::from_millis;
        let cases = [
            ((12, 77, None, 46), "Built 12 posts, 77 pages in 46 ms"),
            ((1, 1, None, 3), "Built 1 post, 1 page in 3 ms"),
            ((0, 2, None, 0), "Built 0 posts, 2 pages in 0 ms"),
            (
                (12, 77, Some(77), 120),
                "Built 12 posts, 77 pages in 120 ms",
            ),
            (
                (1, 77, Some(3), 9),
                "Built 1 post, 77 pages in 9 ms (3 pages rendered, 74 reused)",
            ),
            (
                (2, 40, Some(1), 5),
                "Built 2 posts, 40 pages in 5 ms (1 page rendered, 39 reused)",
            ),
            (
                (2, 40, Some(0), 5),
                "Built 2 posts, 40 pages in 5 ms (0 pages rendered, 40 reused)",
            ),
        ];
        for ((posts, pages, rendered, t), want) in cases {
            assert_eq!(build_summary(posts, pages, rendered, ms(t)), want);
        }
    }

    #[test]
    fn site_errors_count_files() {
        let ds: Diagnostics = [
            Diagnostic::error("a.md", "x"),
            Diagnostic::error("a.md", "y"),
            Diagnostic::error("b.md", "z"),
            Diagnostic::warning("c.md", "w"),
        ]
        .into_iter()
        .collect();
        let err = ds.into_result().unwrap_err();
        assert!(err.to_string().ends_with("3 errors in 2 files"));
    }
}
