//! `gait import wordpress`: a WordPress WXR export into posts, pages, authors
//! and comments.
//!
//! Runs in two halves so a bad export writes nothing: first read, plan and
//! convert everything in memory (and check every file parses with gait's own
//! readers), then write. A malformed export is a [`SiteErrors`] naming the
//! export's line, which `main` prints before exiting with status 1.

use std::path::Path;

use anyhow::{Result, bail};

use super::assemble::assemble;
use super::files::self_check;
use super::media::Uploads;
use super::plan::{SiteInfo, plan};
use super::{download, report, write, wxr};
use crate::cli::ImportWordpressArgs;
use crate::config::{self, Config, Overrides};
use crate::diag::{Diagnostic, SiteErrors};

pub fn run(args: &ImportWordpressArgs) -> Result<()> {
    let root = &args.root;
    let info = site_info(root)?;
    let uploads = match &args.uploads {
        Some(dir) if !dir.is_dir() => bail!("--uploads {}: there is no such folder", dir.display()),
        Some(dir) => Some(Uploads::new(dir.clone())),
        None => None,
    };
    let export = match wxr::read_file(&args.export)? {
        Ok(export) => export,
        Err(e) => {
            let d = Diagnostic::error(&args.export, e.message)
                .at_line(Some(e.line))
                .with_help(e.help);
            return Err(SiteErrors::single(d).into());
        }
    };
    let plan = plan(&export, &info);
    let (uploads, fetched) = match args.download_media {
        true => {
            let (u, f) = download::run(&export, &plan, root);
            (Some(u), Some(f))
        }
        false => (uploads, None),
    };
    let assembled = assemble(&export, &plan, uploads.as_ref(), root);
    // A post gait would refuse to read (an image pasted into it as data, say)
    // stops the import before anything is written.
    let too_big: Vec<Diagnostic> = assembled
        .files
        .iter()
        .filter_map(|f| match &f.content {
            super::files::Content::Text(t) if t.len() as u64 > crate::safe_path::MAX_CONTENT_BYTES => Some(
                Diagnostic::error(
                    &f.path,
                    format!(
                        "this file would be {}; gait reads content files of up to {}",
                        crate::safe_path::megabytes(t.len() as u64),
                        crate::safe_path::megabytes(crate::safe_path::MAX_CONTENT_BYTES)
                    ),
                )
                .with_help("shorten it in WordPress (a picture pasted into the text as data is the usual cause), export again and import again"),
            ),
            _ => None,
        })
        .collect();
    if !too_big.is_empty() {
        return Err(SiteErrors(too_big.into_iter().collect()).into());
    }
    let problems = self_check(&assembled.files);
    if !problems.is_empty() {
        let mut ds: crate::diag::Diagnostics = problems.into_iter().collect();
        ds.push(
            Diagnostic::error(
                &args.export,
                "the import produced files gait cannot read: this is a bug in gait",
            )
            .with_help(
                "nothing was written; please report it with the export (or the item named above)",
            ),
        );
        return Err(SiteErrors(ds).into());
    }
    let outcome = write::write(root, &assembled.files, args.force)?;
    // A closed pipe (`gait import ... | head`) is not an error.
    let _ = std::io::Write::write_all(
        &mut std::io::stdout().lock(),
        (fetched.map(|f| download::report(&f)).unwrap_or_default()
            + &report::render(&args.export, root, &plan, &assembled, &outcome))
            .as_bytes(),
    );
    Ok(())
}

/// The site's base path and the addresses gait itself uses, from `site.yaml`.
fn site_info(root: &Path) -> Result<SiteInfo> {
    let file = root.join(config::FILE_NAME);
    if !file.is_file() {
        bail!(
            "{} is not a gait site (it has no {}): create one first with `gait init {}`",
            root.display(),
            config::FILE_NAME,
            root.display()
        );
    }
    let text = crate::fsx::read_to_string(&file)?;
    // A site.yaml with errors still lets the import run; `gait build` reports them.
    let parsed: Option<Config> = Config::parse(&text, &Overrides::default()).ok();
    let mut reserved: Vec<String> = [
        "posts",
        "authors",
        "clinics",
        "categories",
        "tags",
        "search",
        "page",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for file in ["feed.xml", "sitemap.xml", "robots.txt", "404.html"] {
        reserved.push(file.to_string());
    }
    let mut base_path = String::new();
    if let Some(c) = &parsed {
        base_path = c.urls.base_path().to_string();
        if let Some(f) = &c.finder {
            reserved.push(f.path.trim_matches('/').to_string());
        }
    } else {
        reserved.push("find-a-therapist".into());
    }
    Ok(SiteInfo {
        base_path,
        reserved,
    })
}
