//! An article's JSON-LD: a `BlogPosting` by its authors (as `Person`s with
//! their credentials), published by the clinic, linked to its translations.

use serde::Serialize;

use super::{
    ClinicLink, IdRef, Node, Organization, PersonRef, absolute_url, clinic_ref, organization,
    person_ref, text,
};
use crate::views::{PostView, SiteView};

/// A translation of an article, for its structured data.
#[derive(Debug, Clone)]
pub struct Translation {
    /// Whether it is the original (the site's default language's version).
    pub original: bool,
    /// Its absolute address.
    pub permalink: String,
}

/// A `BlogPosting`; fields in the byte order of their names.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Article<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    article_section: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<PersonRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<[String; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    main_entity_of_page: &'a str,
    publisher: Organization<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_organization: Option<ClinicLink<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translation_of_work: Option<IdRef>,
    url: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    work_translation: Vec<IdRef>,
}

/// An article: `BlogPosting`. A translation points at its original
/// (`translationOfWork`); the original lists its translations (`workTranslation`).
pub fn article<'a>(
    site: &'a SiteView,
    post: &'a PostView,
    permalink: &'a str,
    translations: &[Translation],
) -> Node<'a> {
    let s = &post.summary;
    let id = |t: &Translation| IdRef {
        id: format!("{}#article", t.permalink),
    };
    let (translation_of_work, work_translation) = match translations.iter().find(|t| t.original) {
        Some(original) => (Some(id(original)), Vec::new()),
        None => (None, translations.iter().map(id).collect()),
    };
    Node::Article(Box::new(Article {
        id: format!("{permalink}#article"),
        kind: "BlogPosting",
        article_section: s.categories.iter().map(|c| c.name.as_str()).collect(),
        author: s.authors.iter().map(|a| person_ref(site, a)).collect(),
        date_modified: text(&post.updated.as_ref().unwrap_or(&s.date).iso),
        date_published: text(&s.date.iso),
        description: text(&s.summary),
        headline: text(&s.title),
        image: s
            .image
            .as_ref()
            .map(|img| [absolute_url(permalink, &img.url)]),
        in_language: text(&site.language),
        keywords: post.tags.iter().map(|t| t.name.as_str()).collect(),
        main_entity_of_page: permalink,
        publisher: organization(site),
        source_organization: s.clinic.as_ref().map(|c| clinic_ref(site, c)),
        translation_of_work,
        url: permalink,
        work_translation,
    }))
}
