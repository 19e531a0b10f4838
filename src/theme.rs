//! Themes: where templates and theme static files come from.
//!
//! A site uses `themes/<name>/` from its own folder when present. The default
//! theme, `clinic`, is also built into the binary, so a site without a
//! `themes/` folder (a new site, the benchmark corpus) still builds. A site's
//! own `templates/` folder overrides theme templates of the same name.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diag::Diagnostic;
use crate::i18n::TextFile;

static BUILTIN_CLINIC: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/clinic");

pub const DEFAULT_THEME: &str = "clinic";

/// A template's text and the file it came from (for error messages).
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// Tera name, e.g. `post.html` or `partials/card.html`.
    pub name: String,
    pub text: String,
    /// Shown in errors: `themes/clinic/templates/post.html`, or `(built-in clinic theme)/post.html`.
    pub origin: PathBuf,
}

/// A static file of the theme.
#[derive(Debug, Clone)]
pub enum StaticSource {
    File(PathBuf),
    Builtin(&'static [u8]),
}

/// A file copied into the output as it is: a theme or site static file, or
/// a file beside a post in its folder.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path below the output root.
    pub rel: PathBuf,
    pub source: StaticSource,
}

impl StaticFile {
    /// The file it comes from, relative to the site at `root` where it is inside it.
    pub fn origin(&self, root: &Path) -> PathBuf {
        match &self.source {
            StaticSource::File(p) => p.strip_prefix(root).unwrap_or(p).to_path_buf(),
            StaticSource::Builtin(_) => Path::new("(built-in clinic theme)/static").join(&self.rel),
        }
    }
}

/// Everything a build takes from its theme and template overrides.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: Vec<TemplateSource>,
    pub static_files: Vec<StaticFile>,
    /// The theme's text in each language (`i18n/<code>.yaml`).
    pub texts: Vec<TextFile>,
    /// The site's own text (`i18n/<code>.yaml` in the site), which wins.
    pub site_texts: Vec<TextFile>,
    /// Links in the theme's or the site's template folders that were not followed.
    pub warnings: Vec<Diagnostic>,
}

/// Load theme `name` for the site at `root`, then the site's overrides.
pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
    let dir = root.join("themes").join(name);
    let mut theme = if dir.is_dir() {
        from_folder(root, &dir)?
    } else if name == DEFAULT_THEME {
        builtin()
    } else {
        let mut known: Vec<String> = std::fs::read_dir(root.join("themes"))
            .map(|rd| {
                rd.flatten()
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        known.push(DEFAULT_THEME.to_string());
        known.sort();
        known.dedup();
        let refs: Vec<&str> = known.iter().map(String::as_str).collect();
        return Err(vec![
            Diagnostic::error(
                crate::config::FILE_NAME,
                format!("there is no theme `{name}`"),
            )
            .with_help(format!(
                "{}; a theme is a folder themes/<name>/ with templates/ inside",
                crate::suggest::help_for(name, &refs, "themes")
            )),
        ]);
    };
    theme.site_texts = texts_in(root, &root.join("i18n"), &mut theme.warnings)?;
    let overrides = root.join("templates");
    if overrides.is_dir() {
        for t in templates_in(root, &overrides, &mut theme.warnings)? {
            theme.templates.retain(|x| x.name != t.name);
            theme.templates.push(t);
        }
    }
    Ok(theme)
}

/// The built-in default theme.
pub fn builtin() -> Theme {
    let mut theme = Theme::default();
    let origin = Path::new("(built-in clinic theme)");
    collect_builtin(&BUILTIN_CLINIC, &mut |path, contents| {
        if let Ok(name) = path.strip_prefix("templates") {
            theme.templates.push(TemplateSource {
                name: name.to_string_lossy().replace('\\', "/"),
                text: String::from_utf8_lossy(contents).into_owned(),
                origin: origin.join(path),
            });
        } else if let Ok(rel) = path.strip_prefix("static") {
            theme.static_files.push(StaticFile {
                rel: rel.to_path_buf(),
                source: StaticSource::Builtin(contents),
            });
        } else if let Some(file) = builtin_text_file(path, contents) {
            theme.texts.push(file);
        }
    });
    theme
}

/// A text file of the built-in theme (`i18n/<code>.yaml`).
fn builtin_text_file(path: &Path, contents: &[u8]) -> Option<TextFile> {
    let name = path.strip_prefix("i18n").ok()?;
    let code = text_code(name)?;
    Some(TextFile {
        code,
        origin: Path::new("(built-in clinic theme)").join(path),
        text: String::from_utf8_lossy(contents).into_owned(),
    })
}

/// The built-in theme's text in `code` (`en`, `es`).
pub fn builtin_text(code: &str) -> Option<TextFile> {
    let path = Path::new("i18n").join(format!("{code}.yaml"));
    let file = BUILTIN_CLINIC.get_file(&path)?;
    builtin_text_file(&path, file.contents())
}

/// The language of a text file's name: `es.yaml` → `es`.
fn text_code(name: &Path) -> Option<String> {
    if name.components().count() != 1 {
        return None;
    }
    let ext = name.extension()?;
    if ext != "yaml" && ext != "yml" {
        return None;
    }
    let code = name.file_stem()?.to_string_lossy().into_owned();
    crate::i18n::tag::is_tag(&code).then_some(code)
}

/// The text files in `dir` (a theme's or the site's `i18n/`); a file that
/// cannot be read is an error.
fn texts_in(
    root: &Path,
    dir: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<TextFile>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (rel, path) in files_under(root, dir, warnings) {
        let origin = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let Some(code) = text_code(&rel) else {
            warnings.push(Diagnostic::warning(
                origin,
                "ignored: a text file is named after its language, like `es.yaml`",
            ));
            continue;
        };
        match crate::content::load::read_text(&path, &origin) {
            Ok(text) => out.push(TextFile { code, origin, text }),
            Err(ds) => errors.extend(ds),
        }
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    match errors.is_empty() {
        true => Ok(out),
        false => Err(errors),
    }
}

/// Every file of the built-in theme, for `gait init`.
pub fn builtin_files() -> Vec<(PathBuf, &'static [u8])> {
    let mut out = Vec::new();
    collect_builtin(&BUILTIN_CLINIC, &mut |path, contents| {
        out.push((path.to_path_buf(), contents))
    });
    out
}

fn collect_builtin(dir: &'static Dir<'static>, f: &mut dyn FnMut(&Path, &'static [u8])) {
    for file in dir.files() {
        f(file.path(), file.contents());
    }
    for sub in dir.dirs() {
        collect_builtin(sub, f);
    }
}

fn from_folder(root: &Path, dir: &Path) -> Result<Theme, Vec<Diagnostic>> {
    let templates_dir = dir.join("templates");
    if !templates_dir.is_dir() {
        return Err(vec![
            Diagnostic::error(
                dir.strip_prefix(root).unwrap_or(dir),
                "this theme has no templates/ folder",
            )
            .with_help("a theme needs themes/<name>/templates/ with at least base.html"),
        ]);
    }
    let mut warnings = Vec::new();
    let templates = templates_in(root, &templates_dir, &mut warnings)?;
    let texts = texts_in(root, &dir.join("i18n"), &mut warnings)?;
    let static_dir = dir.join("static");
    let static_files = files_under(root, &static_dir, &mut warnings)
        .into_iter()
        .map(|(rel, path)| StaticFile {
            rel,
            source: StaticSource::File(path),
        })
        .collect();
    Ok(Theme {
        templates,
        static_files,
        texts,
        site_texts: Vec::new(),
        warnings,
    })
}

fn templates_in(
    root: &Path,
    dir: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<TemplateSource>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (rel, path) in files_under(root, dir, warnings) {
        let origin = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        match std::fs::read_to_string(&path) {
            Ok(text) => out.push(TemplateSource {
                name: rel.to_string_lossy().replace('\\', "/"),
                text,
                origin,
            }),
            Err(e) => errors.push(Diagnostic::error(
                origin,
                format!("could not read the template: {e}"),
            )),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Files below `dir` of the site at `root`, as (relative path, full path).
/// Links are followed only to files inside the site; a warning for each
/// other link is added to `warnings` (see [`crate::safe_path`]).
pub fn files_under(
    root: &Path,
    dir: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, PathBuf)> {
    crate::safe_path::files_under(dir, root, &crate::content::load::is_ignored_name, warnings)
}
