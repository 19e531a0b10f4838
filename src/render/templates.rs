//! The Tera engine for one build: the theme's templates (with the site's
//! overrides) and the site-wide `site` value in the global context, so that
//! the header and footer never recompute it per page.

use std::collections::HashMap;
use std::path::PathBuf;

use tera::{Context, ErrorKind, Tera};

use crate::diag::Diagnostic;
use crate::i18n::Text;
use crate::theme::Theme;
use crate::views::SiteView;

/// Tera's autoescaping, with the same output as Tera's own (`&`, `<`, `>`,
/// `"` and `'` replaced), but writing the runs between those characters in
/// one piece: Tera's writes every byte on its own, which cost a tenth of a
/// build's instructions.
pub(super) fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

fn utf8(out: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(out)
        .map_err(|e| Diagnostic::error("templates", format!("the page is not UTF-8: {e}")))
}

#[derive(Clone)]
pub struct Templates {
    tera: Tera,
    /// Template name → the file it came from and its text.
    origins: HashMap<String, (PathBuf, String)>,
}

impl Templates {
    /// Compile the theme's templates for pages in the language of `text`
    /// (its plain words written in); syntax errors name the file and line,
    /// and each of the `required` templates must be there.
    pub fn new<'r>(
        theme: &Theme,
        required: impl IntoIterator<Item = &'r str>,
        text: &Text,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let origins: HashMap<String, (PathBuf, String)> = theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), (t.origin.clone(), t.text.clone())))
            .collect();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        tera.set_escape_fn(escape_html);
        crate::filters::register(&mut tera);
        let inlined: Vec<(&str, std::borrow::Cow<'_, str>)> = theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), super::inline::inline_words(&t.text, text)))
            .collect();
        let sources = inlined.iter().map(|(name, src)| (*name, src.as_ref()));
        let mut templates = Templates { tera, origins };
        // Known when the templates compile; each build gives it its names.
        templates.set_assets(
            &crate::assets::Assets::default(),
            &crate::urls::Urls::root(),
        );
        if let Err(e) = templates.tera.add_raw_templates(sources) {
            return Err(vec![templates.diagnostic(&e)]);
        }
        let mut required: Vec<&str> = required.into_iter().collect();
        required.dedup();
        let missing: Vec<Diagnostic> = required
            .into_iter()
            .filter(|name| !templates.tera.contains_template(name))
            .map(|name| {
                Diagnostic::error(
                    PathBuf::from("templates").join(name),
                    format!("the theme has no template `{name}`"),
                )
                .with_help(
                    "add it to the theme's templates/ folder, or to the site's templates/ folder",
                )
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        Ok(templates)
    }

    /// Give templates `asset(path="css/style.css")`: the root-relative URL
    /// of a static file, under its fingerprinted name when it has one.
    pub fn set_assets(&mut self, assets: &crate::assets::Assets, urls: &crate::urls::Urls) {
        let assets = assets.clone();
        let urls = urls.clone();
        self.tera.register_function(
            "asset",
            move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
                let path: String = kwargs.must_get("path")?;
                let path = path.trim_start_matches('/');
                Ok(urls.url(assets.name(path)))
            },
        );
    }

    /// Set the site-wide `site` value every template sees.
    pub fn set_site(&mut self, site: &SiteView) {
        self.tera.global_context().insert("site", site);
    }

    /// Set `t`, the theme's text in the language of these templates' pages
    /// (components get it as the implicit argument `@t`).
    pub fn set_text(&mut self, t: &tera::Value) {
        self.tera.global_context().insert("t", t);
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    pub fn has_component(&self, name: &str) -> bool {
        self.tera.contains_component(name)
    }

    /// Render the component `name` with its arguments in `args`, escaping as in an HTML template.
    pub fn render_component(&self, name: &str, args: &Context) -> Result<String, Diagnostic> {
        let mut out = Vec::new();
        self.tera
            .render_component_to(name, args, None, true, &mut out)
            .map_err(|e| self.diagnostic(&e))?;
        utf8(out)
    }

    /// Render `name` with `context`; the error names the template file and line.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        let mut out = Vec::new();
        self.render_into(name, context, &mut out)?;
        utf8(out)
    }

    /// Render `name` into `out` (appended), reusing its buffer.
    pub fn render_into(
        &self,
        name: &str,
        context: &Context,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        self.tera
            .render_to(name, context, out)
            .map_err(|e| self.diagnostic(&e))
    }

    fn diagnostic(&self, err: &tera::Error) -> Diagnostic {
        match err.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let origin = self
                    .origins
                    .get(report.filename())
                    .map(|(p, _)| p.clone())
                    .unwrap_or_else(|| PathBuf::from(report.filename()));
                let line = report.span().start_line;
                let snippet = self
                    .source_line(report.filename(), line)
                    .unwrap_or_default();
                let mut d = Diagnostic::error(origin, report.message().to_string())
                    .at_line(Some(line))
                    .at_column(Some(report.span().start_col + 1))
                    .with_help(
                        "fix the template at this line; the Tera 2 syntax is described at keats.github.io/tera",
                    );
                if !snippet.is_empty() {
                    d.snippet = Some(snippet);
                }
                d
            }
            _ => {
                let mut msg = err.to_string();
                let mut source = std::error::Error::source(err);
                while let Some(s) = source {
                    msg.push_str(": ");
                    msg.push_str(&s.to_string());
                    source = s.source();
                }
                Diagnostic::error(PathBuf::from("templates"), msg)
                    .with_help("check the template names used in `extends` and `include`")
            }
        }
    }

    fn source_line(&self, name: &str, line: usize) -> Option<String> {
        let (_, text) = self.origins.get(name)?;
        text.lines()
            .nth(line.checked_sub(1)?)
            .map(|l| l.trim_end().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        escape_html(s, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_like_tera() {
        for s in [
            "",
            "plain",
            "<a href=\"x\">Tom & Jerry's</a>",
            "&&",
            "é<’>",
            "'",
        ] {
            let mut tera = Vec::new();
            tera::escape_html(s, &mut tera).unwrap();
            assert_eq!(escaped(s).as_bytes(), tera.as_slice(), "{s:?}");
        }
        assert_eq!(escaped("a<b>&\"'c"), "a&lt;b&gt;&amp;&quot;&#39;c");
    }
}
