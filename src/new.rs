//! `gait new post|author|clinic`: start a content file with valid front matter.
//!
//! Never overwrites a file, and refuses an author or clinic that does not exist,
//! listing the ones that do.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::{NewCommand, NewNamedArgs, NewPostArgs};
use crate::content::slug_from_path;
use crate::diag::{Diagnostic, SiteErrors};
use crate::fsx;
use crate::slug::slugify;
use crate::suggest;

pub fn run(cmd: &NewCommand) -> Result<()> {
    let (path, text) = match cmd {
        NewCommand::Post(args) => post(args, chrono::Local::now().date_naive())?,
        NewCommand::Author(args) => named(args, "authors", author_text)?,
        NewCommand::Clinic(args) => named(args, "clinics", clinic_text)?,
    };
    fsx::write(&path, text)?;
    crate::diag::say(format_args!("Wrote {}", path.display()));
    Ok(())
}

/// A YAML scalar for any text, quoted when needed.
fn scalar(s: &str) -> String {
    serde_yaml::to_string(s)
        .map(|y| y.trim_end().to_string())
        .unwrap_or_else(|_| format!("{s:?}"))
}

fn fail(file: impl Into<PathBuf>, msg: String, help: String) -> anyhow::Error {
    SiteErrors::single(Diagnostic::error(file, msg).with_help(help)).into()
}

/// Slugs of the `.md` files in `content/<folder>`.
pub fn known_slugs(root: &Path, folder: &str) -> Vec<String> {
    let mut slugs: Vec<String> = std::fs::read_dir(root.join("content").join(folder))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .map(|p| slug_from_path(&p))
                .collect()
        })
        .unwrap_or_default();
    slugs.sort();
    slugs
}

fn require_known(root: &Path, folder: &str, what: &str, slug: &str) -> Result<()> {
    let known = known_slugs(root, folder);
    if known.iter().any(|k| k == slug) {
        return Ok(());
    }
    let refs: Vec<&str> = known.iter().map(String::as_str).collect();
    Err(fail(
        Path::new("content").join(folder),
        format!("there is no {what} `{slug}`"),
        format!(
            "{}; create one with `gait new {what} \"Name\"`",
            suggest::help_for(slug, &refs, &format!("{what}s"))
        ),
    ))
}

fn target(root: &Path, folder: &str, name: &str) -> Result<PathBuf> {
    // A long title gives a file name cut at a word, which the build accepts.
    let slug = crate::safe_path::shorten_slug(&slugify(name));
    if slug.is_empty() {
        return Err(fail(
            Path::new("content").join(folder),
            format!("`{name}` gives an empty file name"),
            "use a name with plain letters or digits".into(),
        ));
    }
    let path = root.join("content").join(folder).join(format!("{slug}.md"));
    let bundle = root
        .join("content")
        .join(folder)
        .join(&slug)
        .join("index.md");
    if path.exists() || bundle.exists() {
        let existing = if path.exists() { path } else { bundle };
        return Err(fail(
            existing
                .strip_prefix(root)
                .unwrap_or(&existing)
                .to_path_buf(),
            "this file already exists; gait new never overwrites".into(),
            "choose another title, or edit the existing file".into(),
        ));
    }
    Ok(path)
}

fn post(args: &NewPostArgs, today: chrono::NaiveDate) -> Result<(PathBuf, String)> {
    require_known(&args.root, "authors", "author", &args.author)?;
    if let Some(clinic) = &args.clinic {
        require_known(&args.root, "clinics", "clinic", clinic)?;
    }
    let path = target(&args.root, "posts", &args.title)?;
    Ok((path, post_text(args, today)))
}

pub fn post_text(args: &NewPostArgs, today: chrono::NaiveDate) -> String {
    let mut fm = format!(
        "---\ntitle: {}\ndate: {}\nauthor: {}\n",
        scalar(&args.title),
        today.format("%Y-%m-%d"),
        args.author
    );
    if let Some(c) = &args.clinic {
        fm.push_str(&format!("clinic: {c}\n"));
    }
    let cats: Vec<String> = args.categories.iter().map(|c| scalar(c)).collect();
    fm.push_str(&format!("categories: [{}]\n", cats.join(", ")));
    fm.push_str("tags: []\nsummary: \"\"\ndraft: true\n---\n\n");
    fm.push_str(
        "Write the post here in Markdown. Start with the question a patient asks,\n\
         explain it plainly, and end with what to do next (a home exercise, or how to book).\n\n\
         ## A heading\n\n1. A numbered step.\n2. Another step.\n\n\
         Remove `draft: true` above when the post is ready to publish.\n",
    );
    fm
}

fn named(args: &NewNamedArgs, folder: &str, text: fn(&str) -> String) -> Result<(PathBuf, String)> {
    let path = target(&args.root, folder, &args.name)?;
    Ok((path, text(&args.name)))
}

fn author_text(name: &str) -> String {
    format!(
        "---\nname: {}\ncredentials: \"\"        # e.g. DPT, PRPC\nrole: Physical therapist\n# clinic: the clinic's file name, e.g. austin\nspecialties: []\nlanguages: [English]\nvirtual: false\naccepting_patients: true\n# photo: /images/team/file.jpg\n# photo_alt: Portrait of {}\n---\n\nA few sentences about {} for patients: training, interests, and what a first visit is like.\n",
        scalar(name),
        name,
        name
    )
}

fn clinic_text(name: &str) -> String {
    format!(
        "---\nname: {}\naddress: \"\"\ncity: \"City\"          # required: change it\nstate: \"ST\"           # required: two-letter state code\nzip: \"00000\"\nphone: \"\"\nhours:\n  - Mon–Fri 8:00–18:00\nvirtual: false\n---\n\nDescribe the clinic: parking, access, and what to bring to a first visit.\n",
        scalar(name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_front_matter_is_valid() {
        let args = NewPostArgs {
            title: "Men's health: a start".into(),
            author: "jo".into(),
            clinic: Some("austin".into()),
            categories: vec!["Men's Health".into(), "Pelvic Pain".into()],
            root: PathBuf::from("."),
        };
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let text = post_text(&args, day);
        let doc = crate::content::post::parse(
            Path::new("content/posts/mens-health-a-start.md"),
            &text,
            None,
        )
        .unwrap();
        assert_eq!(doc.title, "Men's health: a start");
        assert_eq!(doc.date.day(), "2026-11-29");
        assert!(doc.draft);
        assert_eq!(doc.categories, ["Men's Health", "Pelvic Pain"]);
        assert_eq!(doc.clinic.as_deref(), Some("austin"));
    }

    #[test]
    fn author_and_clinic_templates_parse() {
        let a = crate::content::author::parse(
            Path::new("content/authors/ana-diaz.md"),
            &author_text("Ana Díaz: PT"),
        )
        .unwrap();
        assert_eq!(a.name, "Ana Díaz: PT");
        let c = crate::content::clinic::parse(
            Path::new("content/clinics/x.md"),
            &clinic_text("North #2"),
        )
        .unwrap();
        assert_eq!(c.name, "North #2");
    }
}
