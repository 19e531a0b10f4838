//! Typed, serializable views handed to templates.
//!
//! Each struct here is what a template sees under a fixed name; the theme
//! documentation (`themes/clinic/README.md`) lists them. Views hold display-ready
//! values (formatted dates, URLs that already include the site's base path,
//! rendered HTML) so templates stay free of lookups and logic.

mod pictures;
mod posts;
pub mod present;
mod site;

use std::sync::Arc;

use serde::Serialize;

use crate::markdown::Rendered;

/// A link to a page of the site: `url` is root-relative and includes the base path.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// Site-wide values, inserted once into Tera's global context as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    /// Absolute base URL without a trailing slash, e.g. `https://example.org/blog`.
    pub base_url: String,
    /// Root-relative URL of the home page, e.g. `/blog/`.
    pub home_url: String,
    /// Root-relative URL prefix for theme and site static files, e.g. `/blog/`.
    pub static_url: String,
    pub feed_url: String,
    pub authors_url: String,
    pub clinics_url: String,
    pub categories_url: String,
    pub search_url: String,
    /// The therapist finder, when enabled in site.yaml.
    pub finder: Option<Link>,
    pub phone: Option<Phone>,
    pub email: Option<String>,
    pub nav: Vec<Link>,
    pub callouts: Vec<CalloutView>,
    /// site.yaml's `disclaimer`, rendered Markdown (empty when there is none):
    /// shown at the end of every article by `partials/disclaimer.html`.
    pub disclaimer: String,
    /// The disclaimer's language when it is not the page's (a translation
    /// without its own shows the default language's).
    pub disclaimer_lang: Option<String>,
    pub extra: serde_yaml::Value,
    /// Year of the build, for the footer.
    pub year: i32,
    pub generator: String,
}

/// A phone number as written, and as a `tel:` URL.
#[derive(Debug, Clone, Serialize)]
pub struct Phone {
    pub display: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CalloutView {
    pub title: String,
    /// Rendered Markdown.
    pub body: String,
    pub url: String,
    pub label: String,
}

/// What every page has, inserted as `meta`.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// Which template family rendered this page: `home`, `post`, `authors`,
    /// `author`, `clinics`, `clinic`, `categories`, `category`, `tag`, `page`, `finder`,
    /// `search`, `404`.
    pub kind: &'static str,
    /// The page's own title (without the site name).
    pub title: String,
    /// For `<meta name="description">`.
    pub description: String,
    /// Root-relative URL of this page.
    pub url: String,
    /// Absolute URL of this page.
    pub permalink: String,
    /// Root-relative URL of the nav entry this page belongs to, for `aria-current`.
    pub section_url: String,
    /// The picture for link previews (OpenGraph, Twitter cards), with an absolute URL.
    pub image: Option<Image>,
    /// schema.org JSON-LD for `<script type="application/ld+json">`, escaped for
    /// that place: print it with `| safe`. Empty when the page has none.
    pub json_ld: String,
    /// The page's own Atom feed (author and category pages), for `<link rel="alternate">`.
    pub feed: Option<Link>,
    /// On a site in several languages, one entry per language, this page's
    /// first, for the language switcher and `hreflang` links; empty otherwise.
    pub alternates: Vec<Alternate>,
    /// The absolute URL for `hreflang="x-default"` (the page in the site's
    /// default language, else its first version), when the page has a
    /// version in another language; `None` otherwise (then print no
    /// `hreflang` links at all).
    pub x_default: Option<String>,
}

/// The page in one of the site's languages.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// The language's tag, for `hreflang` and `lang`.
    pub lang: String,
    /// The language's name in itself ("Español"), for the switcher.
    pub name: String,
    /// Root-relative URL: the page in that language, or that language's
    /// home page when the page has no version in it.
    pub url: String,
    /// Absolute URL of the same.
    pub permalink: String,
    /// Whether this is the page's own language.
    pub current: bool,
    /// Whether the page has a version in that language (else `url` is its home page).
    pub translated: bool,
}

/// A date as ISO 8601 (for `<time datetime>`) and for people ("May 2, 2024").
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub display: String,
}

/// A category or tag as shown on a post or in an index.
#[derive(Debug, Clone, Serialize)]
pub struct TermRef {
    pub name: String,
    pub slug: String,
    pub url: String,
    /// Number of posts with this term.
    pub count: usize,
}

/// An author as shown in a byline or a card.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorRef {
    pub name: String,
    pub slug: String,
    pub credentials: Option<String>,
    pub role: Option<String>,
    pub url: String,
    pub photo: Option<Image>,
    pub clinic: Option<ClinicRef>,
    pub specialties: Vec<String>,
    pub languages: Vec<String>,
    pub virtual_visits: bool,
    pub accepting_patients: Option<bool>,
}

/// A clinic as shown in a byline or a card.
#[derive(Debug, Clone, Serialize)]
pub struct ClinicRef {
    pub name: String,
    pub slug: String,
    pub city: String,
    pub state: String,
    pub url: String,
    pub phone: Option<Phone>,
}

/// A picture: a post's `image`, an author's `photo`, `meta.image`.
#[derive(Debug, Clone, Serialize)]
pub struct Image {
    /// Root-relative (with the base path), or as written for a picture
    /// elsewhere. For the site's own JPEG, PNG, WebP and GIF pictures, the
    /// picture's address, which holds its widest published file.
    pub url: String,
    pub alt: String,
    /// The size of `url` in pixels, when known (not for SVG or pictures
    /// elsewhere): print both, so the page does not shift as it loads.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Every published width of the picture, for `srcset`: `None` for SVG,
    /// animations and pictures from elsewhere (print `url` alone).
    pub picture: Option<PictureView>,
}

/// The published widths of one of the site's pictures, as `srcset` lists.
#[derive(Debug, Clone, Serialize)]
pub struct PictureView {
    /// WebP candidates for `<source type="image/webp" srcset>`, narrowest
    /// first: `/a-480w.webp 480w, /a-960w.webp 960w`. Empty when the picture
    /// is itself a WebP (then `srcset` lists WebP files).
    pub webp_srcset: String,
    /// Candidates in the picture's own format, for `<img srcset>`.
    pub srcset: String,
    /// The copy for link previews (at most 1200 pixels wide), which
    /// `meta.image` gives pages.
    #[serde(skip)]
    pub og: Option<ImageFile>,
}

/// One published file of a picture.
#[derive(Debug, Clone, Serialize)]
pub struct ImageFile {
    /// Root-relative, with the base path.
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// A post in a listing (home, archives, bios, clinic pages, related posts).
#[derive(Debug, Clone, Serialize)]
pub struct PostSummary {
    pub title: String,
    pub slug: String,
    pub url: String,
    pub date: DateView,
    /// Plain text.
    pub summary: String,
    pub authors: Vec<Card<AuthorRef>>,
    pub clinic: Option<Card<ClinicRef>>,
    pub categories: Vec<Card<TermRef>>,
    pub reading_minutes: usize,
    pub image: Option<Image>,
    pub draft: bool,
}

/// The article page's post, inserted as `post`.
#[derive(Debug, Clone, Serialize)]
pub struct PostView {
    #[serde(flatten)]
    pub summary: PostSummary,
    pub updated: Option<DateView>,
    /// The day of the medical review (`last_reviewed`); the reviewer is the
    /// page's `review.by`.
    pub last_reviewed: Option<DateView>,
    pub tags: Vec<Card<TermRef>>,
    /// Rendered Markdown body, shared with the Markdown step (not copied).
    pub content: HtmlRef,
    /// The body has a click-to-play video (the page needs `js/video.js`).
    pub has_video: bool,
    pub extra: serde_yaml::Value,
}

/// A post's medical review as the article shows it: "Medically reviewed
/// by Name, Credentials · date".
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView<'a> {
    pub by: &'a AuthorRef,
    pub date: &'a DateView,
}

/// One comment with its replies.
#[derive(Debug, Clone, Serialize)]
pub struct CommentView {
    pub id: String,
    pub author: String,
    pub date: DateView,
    /// Rendered Markdown, raw HTML escaped.
    pub body: String,
    pub replies: Vec<CommentView>,
}

/// An author's bio page, inserted as `author`.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorView {
    #[serde(flatten)]
    pub card: AuthorRef,
    pub pronouns: Option<String>,
    pub telehealth_states: Vec<String>,
    pub booking_url: Option<String>,
    /// National Provider Identifier.
    pub npi: Option<String>,
    pub licenses: Vec<LicenseView>,
    /// Rendered Markdown bio.
    pub bio: String,
    /// The bio has a click-to-play video.
    pub has_video: bool,
    /// The language of `bio` when it is not the page's (a bio not yet
    /// translated), for a `lang` attribute; `None` otherwise.
    pub bio_lang: Option<String>,
    pub extra: serde_yaml::Value,
}

/// A state license, as a bio lists it.
#[derive(Debug, Clone, Serialize)]
pub struct LicenseView {
    /// Two capital letters.
    pub state: String,
    pub number: String,
}

/// A clinic page, inserted as `clinic`.
#[derive(Debug, Clone, Serialize)]
pub struct ClinicView {
    #[serde(flatten)]
    pub card: ClinicRef,
    pub address: Option<String>,
    pub zip: Option<String>,
    pub email: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// A map search link for the address (OpenStreetMap).
    pub map_url: Option<String>,
    pub hours: Vec<String>,
    /// The opening hours as the original file writes them, for structured data.
    #[serde(skip)]
    pub opening_hours: Vec<String>,
    pub virtual_visits: bool,
    pub booking_url: Option<String>,
    /// Insurance plans the clinic accepts.
    pub insurance: Vec<String>,
    /// Whether the clinic takes new patients; null when it does not say.
    pub accepting_new_patients: Option<bool>,
    /// Rendered Markdown description.
    pub description: String,
    /// The description has a click-to-play video.
    pub has_video: bool,
    /// The language of `description` when it is not the page's, as for
    /// [`AuthorView::bio_lang`].
    pub description_lang: Option<String>,
    pub extra: serde_yaml::Value,
}

/// A standalone page, inserted as `page`.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub title: String,
    pub slug: String,
    pub url: String,
    pub summary: String,
    pub content: String,
    /// The page has a click-to-play video.
    pub has_video: bool,
    pub extra: serde_yaml::Value,
}

/// Pagination of a listing, inserted as `paginator`.
#[derive(Debug, Clone, Serialize)]
pub struct Paginator {
    /// 1-based.
    pub current: usize,
    pub total_pages: usize,
    pub total_items: usize,
    pub first_url: String,
    pub last_url: String,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    /// The first and last pages and those around the current one.
    pub pages: Vec<PageNumber>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageNumber {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages were skipped between the previous entry and this one (show "…").
    pub gap_before: bool,
}

/// A view serialized once and shared by every page that shows it: Tera
/// clones the prepared value instead of serializing the view again.
#[derive(Debug, Clone)]
pub struct Shared<T> {
    view: T,
    value: tera::Value,
}

impl<T: Serialize> Shared<T> {
    pub fn new(view: T) -> Shared<T> {
        let value = tera::Value::from_serializable(&view);
        Shared { view, value }
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.view
    }
}

impl<T> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// An author, clinic or term card shared by every post that shows it,
/// serialized once: each post's own template value points at the same one.
pub type Card<T> = Arc<Shared<T>>;

/// Rendered HTML owned by the Markdown step, shown in a view without a
/// copy (read back when a single build set it aside, see [`crate::spill`]).
#[derive(Debug, Clone)]
pub struct HtmlRef(pub Arc<Rendered>);

impl HtmlRef {
    /// The HTML.
    pub fn text(&self) -> std::io::Result<std::borrow::Cow<'_, str>> {
        self.0.html_text()
    }
}

impl Serialize for HtmlRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.text().map_err(|e| {
            serde::ser::Error::custom(format!("could not read a post's HTML back: {e}"))
        })?;
        serializer.serialize_str(&text)
    }
}
