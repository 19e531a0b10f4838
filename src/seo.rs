//! Search-engine markup: schema.org JSON-LD built from the template views.
//!
//! Every page with breadcrumbs gets a `BreadcrumbList`; articles a
//! `BlogPosting` (authors as `Person` with their credentials, the clinic as
//! publisher; `article.rs`) and, when medically reviewed, a `MedicalWebPage`;
//! bios a `Person` with their NPI and licenses; clinic pages a
//! `MedicalClinic` and `Physiotherapy` with its full address, coordinates
//! and opening hours (`medical.rs`), and the home page the `WebSite` and its
//! `Organization`. Nodes refer to each other by stable `@id`s: the page's
//! permalink plus `#article`, `#person`, `#clinic`, `#organization`.
//!
//! Each node is a typed struct borrowing from the views, serialized straight
//! into the page's one `<script type="application/ld+json">` body (a string
//! for templates to print with `| safe`), escaped as it is written
//! (`script.rs`) so no text can end the script element early. The fields of
//! every struct are in the byte order of their JSON names, as JSON-LD has
//! always been written here (tested below). A blank text, an absent value
//! or an empty list is left out.

mod article;
mod medical;
mod script;

pub use article::{Translation, article};
pub use medical::{clinic, reviewed_page};
pub use script::escape_for_script;
use serde::Serialize;

use crate::views::{AuthorRef, AuthorView, ClinicRef, Image, Link, SiteView};

/// One node of a page's `@graph`.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Node<'a> {
    Article(Box<article::Article<'a>>),
    ReviewedPage(Box<medical::ReviewedPage<'a>>),
    Person(Box<Person<'a>>),
    Clinic(Box<medical::Clinic<'a>>),
    WebSite(Box<WebSite<'a>>),
    Organization(Box<Organization<'a>>),
    Breadcrumbs(BreadcrumbList<'a>),
}

/// The whole JSON-LD document.
#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: &'a [Node<'a>],
}

/// The page's JSON-LD: `nodes` plus a `BreadcrumbList` of `crumbs` (when
/// there are any), in one `@graph`. Empty when there is nothing to say.
pub fn json_ld<'a>(site: &SiteView, crumbs: &'a [Link], mut nodes: Vec<Node<'a>>) -> String {
    if let Some(b) = breadcrumb_list(site, crumbs) {
        nodes.push(Node::Breadcrumbs(b));
    }
    if nodes.is_empty() {
        return String::new();
    }
    let doc = Document {
        context: "https://schema.org",
        graph: &nodes,
    };
    let mut out = Vec::with_capacity(4096);
    match script::write(&mut out, &doc) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// `s` unless it is blank (a blank text is left out).
fn text(s: &str) -> Option<&str> {
    (!s.trim().is_empty()).then_some(s)
}

/// The text of `s` unless it is absent or blank.
fn opt_text(s: &Option<String>) -> Option<&str> {
    s.as_deref().and_then(text)
}

fn is_empty<T>(list: &&[T]) -> bool {
    list.is_empty()
}

/// `https://example.org` for a site at `https://example.org/blog`.
fn origin(site: &SiteView) -> &str {
    let path = site.home_url.trim_end_matches('/');
    site.base_url.strip_suffix(path).unwrap_or(&site.base_url)
}

/// An absolute URL for a root-relative one (`/blog/posts/x/`); others as they are.
pub fn absolute(site: &SiteView, url: &str) -> String {
    if url.starts_with('/') && !url.starts_with("//") {
        format!("{}{url}", origin(site))
    } else {
        url.to_string()
    }
}

/// The absolute address of `url` on page `permalink`: root-relative and
/// relative addresses (a post folder's own `hero.jpg`) are resolved.
fn absolute_url(permalink: &str, url: &str) -> String {
    url::Url::parse(permalink)
        .and_then(|base| base.join(url))
        .map(|u| u.to_string())
        .unwrap_or_else(|_| url.to_string())
}

/// The picture of page `permalink` for link previews, with an absolute
/// URL: the site's own pictures by their copy of at most 1200 pixels with
/// its size, others as they are (root-relative and relative addresses, a
/// post folder's own `hero.svg`, resolved).
pub fn absolute_image(permalink: &str, img: &Image) -> Image {
    let og = img.picture.as_ref().and_then(|p| p.og.as_ref());
    let (url, width, height) = match og {
        Some(f) => (&f.url, Some(f.width), Some(f.height)),
        None => (&img.url, img.width, img.height),
    };
    Image {
        url: absolute_url(permalink, url),
        alt: img.alt.clone(),
        width,
        height,
        picture: None,
    }
}

fn home(site: &SiteView) -> String {
    format!("{}/", site.base_url)
}

fn organization_id(site: &SiteView) -> String {
    format!("{}#organization", home(site))
}

/// A reference to a node by its `@id`.
#[derive(Serialize)]
struct IdRef {
    #[serde(rename = "@id")]
    id: String,
}

/// A reference by `@id` that also names what it refers to.
#[derive(Serialize)]
struct NamedRef<'a> {
    #[serde(rename = "@id")]
    id: String,
    name: &'a str,
}

#[derive(Serialize)]
struct ImageObject {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
}

/// The clinic (the site's owner) as publisher.
#[derive(Serialize)]
pub struct Organization<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<ImageObject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<&'a str>,
    url: String,
}

fn organization(site: &SiteView) -> Organization<'_> {
    let logo = site.extra.get("logo").and_then(|v| v.as_str()).map(|logo| {
        let path = format!("{}{}", site.static_url, logo.trim_start_matches('/'));
        ImageObject {
            kind: "ImageObject",
            url: absolute(site, &path),
        }
    });
    Organization {
        id: organization_id(site),
        kind: "Organization",
        email: opt_text(&site.email),
        logo,
        name: text(&site.title),
        telephone: site.phone.as_ref().and_then(|p| text(&p.display)),
        url: home(site),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebSite<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    potential_action: SearchAction,
    publisher: IdRef,
    url: String,
}

#[derive(Serialize)]
struct SearchAction {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "query-input")]
    query_input: &'static str,
    target: EntryPoint,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EntryPoint {
    #[serde(rename = "@type")]
    kind: &'static str,
    url_template: String,
}

/// The home page: the `WebSite` (with its search) and the `Organization`.
pub fn website(site: &SiteView) -> Vec<Node<'_>> {
    // The site in this language: its own home page (`/es/`).
    let lang_home = absolute(site, &site.home_url);
    let search = absolute(site, &site.search_url);
    let web_site = WebSite {
        id: format!("{lang_home}#website"),
        kind: "WebSite",
        description: text(&site.description),
        in_language: text(&site.language),
        name: text(&site.title),
        potential_action: SearchAction {
            kind: "SearchAction",
            query_input: "required name=search_term_string",
            target: EntryPoint {
                kind: "EntryPoint",
                url_template: format!("{search}?q={{search_term_string}}"),
            },
        },
        publisher: IdRef {
            id: organization_id(site),
        },
        url: lang_home,
    };
    vec![
        Node::WebSite(Box::new(web_site)),
        Node::Organization(Box::new(organization(site))),
    ]
}

#[derive(Serialize)]
struct Credential<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// `DPT, PRPC` → two `EducationalOccupationalCredential`s.
fn credentials(text: Option<&str>) -> Vec<Credential<'_>> {
    text.unwrap_or("")
        .split([',', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|name| Credential {
            kind: "EducationalOccupationalCredential",
            name,
        })
        .collect()
}

fn person_id(site: &SiteView, author_url: &str) -> String {
    format!("{}#person", absolute(site, author_url))
}

/// A clinic where a person works or an article comes from.
#[derive(Serialize)]
struct ClinicLink<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

fn clinic_ref<'a>(site: &SiteView, c: &'a ClinicRef) -> ClinicLink<'a> {
    let url = absolute(site, &c.url);
    ClinicLink {
        id: format!("{url}#clinic"),
        kind: "MedicalClinic",
        name: &c.name,
        url,
    }
}

/// A `Person` as a byline shows them: in a `BlogPosting` or a clinic's staff.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PersonRef<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    has_credential: Vec<Credential<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    url: String,
}

fn person_ref<'a>(site: &SiteView, a: &'a AuthorRef) -> PersonRef<'a> {
    PersonRef {
        id: person_id(site, &a.url),
        kind: "Person",
        has_credential: credentials(a.credentials.as_deref()),
        job_title: opt_text(&a.role),
        name: text(&a.name),
        url: absolute(site, &a.url),
    }
}

/// A bio page's `Person`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Person<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    has_credential: Vec<Credential<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    honorific_suffix: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    identifier: Vec<medical::PropertyValue<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "is_empty")]
    knows_about: &'a [String],
    #[serde(skip_serializing_if = "is_empty")]
    knows_language: &'a [String],
    main_entity_of_page: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    works_for: Option<ClinicLink<'a>>,
}

/// A bio page: `Person`.
pub fn person<'a>(site: &SiteView, a: &'a AuthorView, permalink: &'a str) -> Node<'a> {
    let c = &a.card;
    let image = c.photo.as_ref().map(|p| absolute_url(permalink, &p.url));
    Node::Person(Box::new(Person {
        id: format!("{permalink}#person"),
        kind: "Person",
        has_credential: credentials(c.credentials.as_deref()),
        honorific_suffix: opt_text(&c.credentials),
        identifier: medical::identifiers(a),
        image: image.filter(|u| text(u).is_some()),
        job_title: opt_text(&c.role),
        knows_about: &c.specialties,
        knows_language: &c.languages,
        main_entity_of_page: permalink,
        name: text(&c.name),
        url: permalink,
        works_for: c.clinic.as_ref().map(|cl| clinic_ref(site, cl)),
    }))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BreadcrumbList<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    item_list_element: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    item: String,
    name: &'a str,
    position: usize,
}

/// `BreadcrumbList` of a page's trail.
fn breadcrumb_list<'a>(site: &SiteView, crumbs: &'a [Link]) -> Option<BreadcrumbList<'a>> {
    if crumbs.is_empty() {
        return None;
    }
    let items = crumbs
        .iter()
        .enumerate()
        .map(|(i, c)| ListItem {
            kind: "ListItem",
            item: absolute(site, &c.url),
            name: &c.title,
            position: i + 1,
        })
        .collect();
    Some(BreadcrumbList {
        kind: "BreadcrumbList",
        item_list_element: items,
    })
}
