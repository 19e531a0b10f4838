//! HTML that many pages share, rendered once per build and printed as is:
//! the site header and footer (once per nav state, not once per page) and
//! each post's card (once, not once per listing page that shows it).
//!
//! Both are rendered lazily by the first page that needs them, so an
//! incremental rebuild renders only what its changed pages show.

use std::collections::HashMap;
use std::sync::{OnceLock, PoisonError, RwLock};

use serde::Serialize;
use tera::Value;

use super::templates::Templates;
use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::views::{PostSummary, Shared};

/// The theme's partial for the site header, given `site` and `meta.section_url`.
pub const HEADER: &str = "partials/header.html";
/// The theme's partial for the site footer, given the same as the header.
pub const FOOTER: &str = "partials/footer.html";
/// The component that renders a post's card.
const POST_CARD: &str = "post_card";
/// How wide the picture of a card in a listing is shown (the theme's two columns).
const LISTING_SIZES: &str = "(min-width: 74rem) 35rem, (min-width: 52rem) 48vw, 100vw";
/// How wide the picture of a card in a row of three is shown.
const COMPACT_SIZES: &str =
    "(min-width: 74rem) 23rem, (min-width: 64rem) 31vw, (min-width: 52rem) 48vw, 100vw";

/// The header and footer of one nav state, inserted as `chrome` into every
/// page's context (both safe HTML): `{{ chrome.header }}`.
#[derive(Debug, Clone, Serialize)]
pub struct Chrome {
    pub header: Value,
    pub footer: Value,
}

/// What the header and footer partials see besides `site`.
#[derive(Serialize)]
struct ChromeContext<'a> {
    meta: SectionMeta<'a>,
}

#[derive(Serialize)]
struct SectionMeta<'a> {
    section_url: &'a str,
}

/// The arguments of the `post_card` component.
#[derive(Serialize)]
struct CardArgs<'a> {
    post: &'a Shared<PostSummary>,
    level: u8,
    sizes: &'static str,
}

/// How a post's card is shown.
#[derive(Debug, Clone, Copy)]
pub enum CardKind {
    /// In a listing (home, archives): `<post_card post={p} />`.
    Listing,
    /// In a row of three (related articles under a post, a person's or a
    /// clinic's newest articles): `<post_card post={p} level={3} sizes=COMPACT_SIZES />`.
    Related,
}

/// Shared HTML of one build.
pub struct Prerendered {
    /// Per language, by `meta.section_url`; `None` when the theme has no
    /// header and footer partials.
    chrome: Option<Vec<RwLock<HashMap<String, Chrome>>>>,
    /// Per post: its listing card and its related-article card.
    cards: Option<Vec<[OnceLock<Value>; 2]>>,
}

impl Prerendered {
    /// Room for the shared HTML of `posts` posts in `languages` languages,
    /// for what the templates provide.
    pub fn new(templates: &Templates, posts: usize, languages: usize) -> Prerendered {
        let chrome = (templates.has(HEADER) && templates.has(FOOTER)).then(|| {
            (0..languages)
                .map(|_| RwLock::new(HashMap::new()))
                .collect()
        });
        let cards = templates
            .has_component(POST_CARD)
            .then(|| (0..posts).map(|_| Default::default()).collect());
        Prerendered { chrome, cards }
    }

    /// The header and footer for a page in `lang` whose nav entry is
    /// `section_url`, from `templates` (the language's).
    pub fn chrome(
        &self,
        templates: &Templates,
        lang: Lang,
        section_url: &str,
    ) -> Result<Option<Chrome>, Diagnostic> {
        let Some(lock) = self.chrome.as_ref().and_then(|c| c.get(lang.index())) else {
            return Ok(None);
        };
        let known = lock.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(c) = known.get(section_url) {
            return Ok(Some(c.clone()));
        }
        drop(known);
        let context = ctx(&ChromeContext {
            meta: SectionMeta { section_url },
        })?;
        let part = |name: &str| -> Result<Value, Diagnostic> {
            Ok(safe(templates.render(name, &context)?))
        };
        let chrome = Chrome {
            header: part(HEADER)?,
            footer: part(FOOTER)?,
        };
        lock.write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(section_url.to_string(), chrome.clone());
        Ok(Some(chrome))
    }

    /// The card of post `i`, or `None` when the theme has no `post_card`.
    pub fn card(
        &self,
        templates: &Templates,
        i: usize,
        post: &Shared<PostSummary>,
        kind: CardKind,
    ) -> Result<Option<Value>, Diagnostic> {
        let Some(cell) = self.cards.as_ref().and_then(|c| c.get(i)) else {
            return Ok(None);
        };
        let (slot, args) = match kind {
            CardKind::Listing => (&cell[0], (2, LISTING_SIZES)),
            CardKind::Related => (&cell[1], (3, COMPACT_SIZES)),
        };
        if let Some(v) = slot.get() {
            return Ok(Some(v.clone()));
        }
        let context = ctx(&CardArgs {
            post,
            level: args.0,
            sizes: args.1,
        })?;
        let html = templates.render_component(POST_CARD, &context)?;
        Ok(Some(slot.get_or_init(|| safe(html)).clone()))
    }

    /// The cards of `posts` (post indices with their summaries and the
    /// templates of their language); empty when the theme has no `post_card`.
    pub fn cards<'a>(
        &self,
        posts: impl IntoIterator<Item = (usize, &'a Shared<PostSummary>, &'a Templates)>,
        kind: CardKind,
    ) -> Result<Vec<Value>, Diagnostic> {
        posts
            .into_iter()
            .filter_map(|(i, p, templates)| self.card(templates, i, p, kind).transpose())
            .collect()
    }
}

/// A Tera context from a typed view.
pub fn ctx<T: Serialize>(value: &T) -> Result<tera::Context, Diagnostic> {
    tera::Context::from_serialize(value)
        .map_err(|e| Diagnostic::error("templates", format!("could not prepare a page: {e}")))
}

fn safe(html: String) -> Value {
    Value::safe_string(&html)
}
