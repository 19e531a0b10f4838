//! `gait check`: load and render the whole site in memory, write nothing,
//! and report every problem with its file and line.

use std::path::Path;

use anyhow::Result;

use crate::diag::plural;
use crate::i18n::Languages;
use crate::model::LeftOut;
use crate::model::TranslationStatus;
use crate::pipeline::{self, BuildOptions};

/// Check the site at `root`; with `translations`, also report how far each
/// translation is.
pub fn run(root: &Path, translations: bool) -> Result<()> {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        base_url: None,
        drafts: true,
        future: true,
        fingerprint_assets: true,
    };
    let cms = crate::cms::check::run(root);
    let report =
        pipeline::check(&opts).map_err(|e| crate::cms::check::with_site_errors(e, &cms))?;
    crate::cms::check::into_result(cms)?;

    for w in report.warnings.warnings() {
        eprintln!("{w}");
    }
    let warnings = report.warnings.warnings().count();
    let among = match report.left_out {
        LeftOut {
            drafts: 0,
            scheduled: 0,
        } => String::new(),
        LeftOut { drafts, scheduled } => {
            format!(
                " ({drafts} {}, {scheduled} scheduled)",
                plural(drafts, "draft", "drafts")
            )
        }
    };
    crate::diag::say(format_args!(
        "Checked {} {}{among} and {} pages: no errors{}",
        report.posts,
        crate::diag::plural(report.posts, "post", "posts"),
        report.pages,
        if warnings > 0 {
            format!(
                ", {warnings} {}",
                crate::diag::plural(warnings, "warning", "warnings")
            )
        } else {
            String::new()
        }
    ));
    for line in report.third_parties.summary() {
        crate::diag::say(line);
    }
    if translations {
        let langs = crate::config::Config::languages_at(root);
        crate::diag::say(translations_report(&report.translations, &langs));
    }
    Ok(())
}
/// `gait check --translations`: for each translation, the default
/// language's posts it lacks and its posts older than their original.
pub fn translations_report(all: &[TranslationStatus], langs: &Languages) -> String {
    use std::fmt::Write;
    let plural = crate::diag::plural;
    if all.is_empty() {
        return format!(
            "Translations: the site has one language ({}); add others under `translations:` in site.yaml",
            langs.listed()
        );
    }
    let mut out = String::from(
        "Translations (a translation is older than its original when its `updated`, or its `date` without one, comes first):",
    );
    for s in all {
        let code = langs.code(s.lang);
        match s.missing.len() {
            0 => {
                let _ = write!(out, "\n  {code}: every post has a translation");
            }
            n => {
                let _ = write!(
                    out,
                    "\n  {code}: {n} {} no translation:",
                    plural(n, "post has", "posts have")
                );
                for f in &s.missing {
                    let _ = write!(out, "\n    {}", f.display());
                }
            }
        }
        match s.older.len() {
            0 => {
                let _ = write!(out, "\n  {code}: no translation is older than its original");
            }
            n => {
                let _ = write!(
                    out,
                    "\n  {code}: {n} {} older than {}:",
                    plural(n, "translation is", "translations are"),
                    plural(n, "its original", "their originals")
                );
                for o in &s.older {
                    let _ = write!(
                        out,
                        "\n    {} ({}) is older than {} ({})",
                        o.translation.display(),
                        o.translation_date.day(),
                        o.original.display(),
                        o.original_date.day()
                    );
                }
            }
        }
    }
    out
}
