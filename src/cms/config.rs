//! The Decap CMS `config.yml`, generated from the key table (`keys.rs`).
//!
//! Pure: [`render`] turns a site's facts into the file's text. The views are
//! typed structs serialized with serde; the `backend` block is text, so that
//! `gait cms init --force` can put back the user's own block as written.

use serde::Serialize;

use super::fields::{Field, field};
use super::keys::Collection;

/// Where config.yml lives, relative to the site.
pub const FILE: &str = "static/admin/config.yml";
/// The admin page beside it.
pub const INDEX: &str = "static/admin/index.html";
/// Where uploaded pictures go, and the address they get on the site.
pub const MEDIA_FOLDER: &str = "static/images/uploads";
pub const PUBLIC_FOLDER: &str = "/images/uploads";
/// The field of the referrals file that holds the list (Decap cannot edit a
/// file that is only a list).
pub const REFERRALS_FIELD: &str = "referrals";

/// What the config needs to know about the site.
#[derive(Debug, Clone, Default)]
pub struct SiteFacts {
    pub base_url: String,
    /// Tags the posts use, most used first (offered in the tags hint).
    pub tags: Vec<String>,
}

/// The `backend` block for GitHub.
pub fn github_backend(repo: &str, branch: &str) -> String {
    format!("backend:\n  name: github\n  repo: {repo}\n  branch: {branch}\n")
}

const HEADER: &str = "\
# Decap CMS settings, written by `gait cms init` from gait's content model
# (docs/editing-in-the-browser.md). `gait check` reports where this file and
# the model disagree; `gait cms init --force` writes it again and keeps the
# `backend` and `local_backend` settings below.
";

/// The whole config.yml: `backend` (and `local_backend`) as given, then the rest.
pub fn render(site: &SiteFacts, backend: &str, local_backend: &str) -> String {
    let rest = Config {
        site_url: &site.base_url,
        display_url: &site.base_url,
        media_folder: MEDIA_FOLDER,
        public_folder: PUBLIC_FOLDER,
        slug: SlugOptions {
            encoding: "ascii",
            clean_accents: true,
            sanitize_replacement: "-",
        },
        collections: Collection::ALL
            .iter()
            .map(|&c| collection(c, site))
            .collect(),
    };
    let body = serde_yaml::to_string(&rest).unwrap_or_default();
    format!("{HEADER}{backend}{local_backend}{body}")
}

#[derive(Serialize)]
struct Config<'a> {
    site_url: &'a str,
    display_url: &'a str,
    media_folder: &'static str,
    public_folder: &'static str,
    slug: SlugOptions,
    collections: Vec<CollectionView>,
}

#[derive(Serialize)]
struct SlugOptions {
    encoding: &'static str,
    clean_accents: bool,
    sanitize_replacement: &'static str,
}

#[derive(Serialize, Default)]
struct CollectionView {
    name: &'static str,
    label: &'static str,
    label_singular: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    folder: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    create: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extension: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier_field: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slug: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    preview_path: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sortable_fields: Vec<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    files: Vec<FileView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<Field>,
}

#[derive(Serialize)]
struct FileView {
    name: &'static str,
    label: &'static str,
    file: &'static str,
    fields: Vec<Field>,
}

fn collection(c: Collection, site: &SiteFacts) -> CollectionView {
    let mut fields: Vec<Field> = c.keys().iter().filter_map(|k| field(k, site)).collect();
    if let Some(label) = c.body_label() {
        fields.push(Field {
            label: label.into(),
            name: "body".into(),
            widget: "markdown",
            required: Some(false),
            ..Field::default()
        });
    }
    let folder = |folder, label, singular| CollectionView {
        name: c.name(),
        label,
        label_singular: singular,
        folder: Some(folder),
        create: Some(true),
        extension: Some("md"),
        format: Some("yaml-frontmatter"),
        slug: Some("{{slug}}"),
        fields: Vec::new(),
        ..CollectionView::default()
    };
    let view = match c {
        Collection::Posts => CollectionView {
            summary: Some("{{title}} ({{date}})"),
            preview_path: Some("posts/{{slug}}/"),
            sortable_fields: vec!["date", "title"],
            ..folder("content/posts", "Posts", "Post")
        },
        Collection::Pages => CollectionView {
            preview_path: Some("{{slug}}/"),
            ..folder("content/pages", "Pages", "Page")
        },
        Collection::Authors => CollectionView {
            identifier_field: Some("name"),
            preview_path: Some("authors/{{slug}}/"),
            ..folder("content/authors", "Team", "Team member")
        },
        Collection::Clinics => CollectionView {
            identifier_field: Some("name"),
            preview_path: Some("clinics/{{slug}}/"),
            ..folder("content/clinics", "Clinics", "Clinic")
        },
        Collection::Referrals => {
            return CollectionView {
                name: c.name(),
                label: "Referrals",
                label_singular: "Referral list",
                description: Some(
                    "Therapists outside the clinic whom you refer patients to. They appear in the therapist finder.",
                ),
                files: vec![FileView {
                    name: c.name(),
                    label: "Therapists we refer to",
                    file: crate::content::referrals::FILE,
                    fields: vec![Field {
                        label: "Therapists".into(),
                        name: REFERRALS_FIELD.into(),
                        widget: "list",
                        required: Some(false),
                        label_singular: Some("therapist"),
                        summary: Some("{{fields.name}}, {{fields.city}} {{fields.state}}"),
                        fields,
                        ..Field::default()
                    }],
                }],
                ..CollectionView::default()
            };
        }
    };
    CollectionView { fields, ..view }
}

/// Facts of a made-up site, for tests.
#[cfg(test)]
pub fn test_facts() -> SiteFacts {
    SiteFacts {
        base_url: "https://clinic.example".into(),
        tags: vec!["running".into(), "postpartum".into()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_keeps_the_backend_text_and_parses() {
        let text = render(
            &test_facts(),
            "backend:\n  name: git-gateway # mine\n",
            "local_backend: true\n",
        );
        assert!(text.contains("\nbackend:\n  name: git-gateway # mine\nlocal_backend: true\nsite_url: https://clinic.example\n"));
        let doc = crate::cms::located::parse(&text).unwrap();
        let names: Vec<&str> = doc
            .get("collections")
            .unwrap()
            .items()
            .iter()
            .filter_map(|c| c.str_of("name"))
            .collect();
        assert_eq!(names, ["posts", "pages", "authors", "clinics", "referrals"]);
    }
}
