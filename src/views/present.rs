//! Turning the resolved site and its rendered Markdown into template views,
//! as a list of steps: the cards of clinics, authors and terms (each built
//! once and shared by every page that shows it), the posts, then the
//! people's, places' and standalone pages' own views.

use std::sync::Arc;

use chrono::Datelike;

use super::posts::{Refs, post_views};
pub use super::posts::{ViewCache, ViewKey};
use super::site::site_view;
pub use super::site::{date_view, phone};
use crate::i18n::{Lang, Text};
use crate::images::PictureSet;
use crate::markdown::Rendered;
use crate::model::{Site, Term};
use crate::urls::{self, Urls};
use crate::views::*;

/// Rendered Markdown of every document of the site, by model index.
pub struct Bodies {
    /// Shared so a preview server can keep unchanged posts between rebuilds.
    pub posts: Vec<std::sync::Arc<Rendered>>,
    /// Posts whose Markdown could not be read again to be rendered (they
    /// changed during the build): each an error naming the file.
    pub unread: Vec<crate::diag::Diagnostic>,
    pub authors: Vec<Rendered>,
    pub clinics: Vec<Rendered>,
    /// Per language, per author: the translated bio (`None` where there is
    /// none, and for the default language).
    pub author_texts: Vec<Vec<Option<Rendered>>>,
    /// Per language, per clinic: the translated description.
    pub clinic_texts: Vec<Vec<Option<Rendered>>>,
    pub pages: Vec<Rendered>,
    /// Per post, per comment (same order as the model).
    pub comments: Vec<Vec<String>>,
    /// Per language, the callouts' bodies.
    pub callouts: Vec<Vec<String>>,
    /// Per language, the finder's intro.
    pub finder_intro: Vec<String>,
    /// Per language, site.yaml's `disclaimer` (see [`Config::disclaimer_in`]).
    pub disclaimer: Vec<String>,
}

/// Views shared between pages.
pub struct Views {
    /// Per language: the `site` value of its pages.
    pub sites: Vec<SiteView>,
    /// Per language, per clinic.
    pub clinics: Vec<Vec<ClinicView>>,
    /// Per language, per author.
    pub authors: Vec<Vec<AuthorView>>,
    pub categories: Vec<TermRef>,
    pub tags: Vec<TermRef>,
    pub posts: Vec<Arc<PostView>>,
    /// Each post's card, serialized once for every listing that shows it.
    pub summaries: Vec<Arc<Shared<PostSummary>>>,
    pub pages: Vec<PageView>,
}

impl Views {
    pub fn summary(&self, i: usize) -> &Shared<PostSummary> {
        &self.summaries[i]
    }
    pub fn summaries<'a>(
        &'a self,
        idx: &'a [usize],
    ) -> impl Iterator<Item = &'a Shared<PostSummary>> + 'a {
        idx.iter().map(|&i| self.summary(i))
    }
}

/// The people and places of one language, as cards and as pages.
struct People {
    author_refs: Vec<AuthorRef>,
    clinic_refs: Vec<ClinicRef>,
    author_cards: Vec<Card<AuthorRef>>,
    clinic_cards: Vec<Card<ClinicRef>>,
}

fn people(site: &Site, lang: Lang, pictures: &PictureSet) -> People {
    let clinic_refs = clinic_refs(site, lang);
    let author_refs = author_refs(site, &clinic_refs, lang, pictures);
    People {
        author_cards: cards(&author_refs),
        clinic_cards: cards(&clinic_refs),
        author_refs,
        clinic_refs,
    }
}

/// What views show besides the model and the rendered Markdown.
pub struct Shown<'a> {
    /// The theme's text, by language.
    pub texts: &'a [Text],
    /// The build's pictures, for `srcset`s and sizes.
    pub pictures: &'a PictureSet,
}

/// Build every shared view, in every language. With a cache, unchanged
/// posts' views are reused.
pub fn present(
    site: &Site,
    bodies: &Bodies,
    shown: &Shown<'_>,
    now: chrono::DateTime<chrono::Utc>,
    cache: Option<(&mut ViewCache, ViewKey<'_>)>,
) -> Views {
    let langs = &site.config.languages;
    let Shown { texts, pictures } = *shown;
    let people: Vec<People> = langs.all().map(|l| people(site, l, pictures)).collect();
    let categories = term_refs(site, &site.categories, urls::category);
    let tags = term_refs(site, &site.tags, urls::tag);
    let (category_cards, tag_cards) = (cards(&categories), cards(&tags));
    let refs: Vec<Refs<'_>> = people
        .iter()
        .map(|p| Refs {
            authors: &p.author_cards,
            clinics: &p.clinic_cards,
            categories: &category_cards,
            tags: &tag_cards,
            pictures,
        })
        .collect();
    let (posts, summaries) = post_views(site, bodies, &refs, texts, cache);
    let sites = langs
        .all()
        .map(|l| site_view(&site.config, bodies, now.year(), l, &texts[l.index()]))
        .collect();
    let (mut authors, mut clinics) = (Vec::new(), Vec::new());
    for (l, p) in langs.all().zip(people) {
        authors.push(author_views(site, p.author_refs, bodies, l));
        clinics.push(clinic_views(site, p.clinic_refs, bodies, l));
    }
    Views {
        sites,
        authors,
        clinics,
        categories,
        tags,
        posts,
        summaries,
        pages: page_views(site, bodies),
    }
}

/// Views serialized once each, to be shared.
fn cards<T: Clone + serde::Serialize>(v: &[T]) -> Vec<Card<T>> {
    v.iter()
        .cloned()
        .map(|x| Arc::new(Shared::new(x)))
        .collect()
}

/// The root-relative URL of site path `path` in `lang`.
fn url_in(site: &Site, lang: Lang, path: &str) -> String {
    let u: &Urls = &site.config.urls;
    match lang {
        Lang::DEFAULT => u.url(path),
        l => u.url(&format!("{}{path}", site.config.languages.prefix(l))),
    }
}

fn clinic_refs(site: &Site, lang: Lang) -> Vec<ClinicRef> {
    site.clinics
        .iter()
        .map(|c| ClinicRef {
            name: c
                .text(lang)
                .and_then(|t| t.name.clone())
                .unwrap_or_else(|| c.doc.name.clone()),
            slug: c.doc.slug.clone(),
            city: c.doc.city.clone(),
            state: c.doc.state.clone(),
            url: url_in(site, lang, &urls::clinic(&c.doc.slug)),
            phone: c.doc.phone.as_deref().map(phone),
        })
        .collect()
}

fn author_refs(
    site: &Site,
    clinics: &[ClinicRef],
    lang: Lang,
    pictures: &PictureSet,
) -> Vec<AuthorRef> {
    let u = &site.config.urls;
    site.authors
        .iter()
        .map(|a| {
            let t = a.text(lang);
            let pick = |ours: Option<&Vec<String>>, original: &Vec<String>| {
                ours.unwrap_or(original).clone()
            };
            AuthorRef {
                name: a.doc.name.clone(),
                slug: a.doc.slug.clone(),
                credentials: a.doc.credentials.clone(),
                role: t
                    .and_then(|t| t.role.clone())
                    .or_else(|| a.doc.role.clone()),
                url: url_in(site, lang, &urls::author(&a.doc.slug)),
                photo: a.doc.photo.as_ref().map(|p| {
                    let alt = t
                        .and_then(|t| t.photo_alt.as_deref())
                        .or(a.doc.photo_alt.as_deref())
                        .unwrap_or_default();
                    super::pictures::image(u, pictures, &urls::author(&a.doc.slug), p, alt)
                }),
                clinic: a.clinic.map(|c| clinics[c].clone()),
                specialties: pick(t.and_then(|t| t.specialties.as_ref()), &a.doc.specialties),
                languages: pick(t.and_then(|t| t.languages.as_ref()), &a.doc.languages),
                virtual_visits: a.doc.virtual_visits,
                accepting_patients: a.doc.accepting_patients,
            }
        })
        .collect()
}

fn term_refs(site: &Site, terms: &[Term], path: fn(&str) -> String) -> Vec<TermRef> {
    terms
        .iter()
        .map(|t| TermRef {
            name: t.name.clone(),
            slug: t.slug.clone(),
            url: url_in(site, t.lang, &path(&t.slug)),
            count: t.posts.len(),
        })
        .collect()
}

/// A translated body, or the original's with its language (for a `lang`
/// attribute) when there is none.
fn body_in<'a>(
    site: &Site,
    lang: Lang,
    translated: Option<&'a Rendered>,
    original: &'a Rendered,
) -> (&'a Rendered, Option<String>) {
    match translated {
        Some(r) => (r, None),
        None if lang == Lang::DEFAULT || original.html.is_empty() => (original, None),
        None => (original, Some(site.config.language.clone())),
    }
}

fn author_views(
    site: &Site,
    cards: Vec<AuthorRef>,
    bodies: &Bodies,
    lang: Lang,
) -> Vec<AuthorView> {
    let texts = &bodies.author_texts[lang.index()];
    site.authors
        .iter()
        .zip(cards)
        .zip(&bodies.authors)
        .zip(texts)
        .map(|(((a, card), bio), text)| {
            let (bio, bio_lang) = body_in(site, lang, text.as_ref(), bio);
            AuthorView {
                card,
                pronouns: a
                    .text(lang)
                    .and_then(|t| t.pronouns.clone())
                    .or_else(|| a.doc.pronouns.clone()),
                telehealth_states: a.doc.telehealth_states.clone(),
                booking_url: a.doc.booking_url.clone(),
                npi: a.doc.npi.clone(),
                licenses: a
                    .doc
                    .licenses
                    .iter()
                    .map(|l| LicenseView {
                        state: l.state.clone(),
                        number: l.number.clone(),
                    })
                    .collect(),
                bio: bio.html.clone(),
                has_video: !bio.videos.is_empty(),
                bio_lang,
                extra: a
                    .text(lang)
                    .and_then(|t| t.extra.clone())
                    .unwrap_or_else(|| a.doc.extra.clone()),
            }
        })
        .collect()
}

fn clinic_views(
    site: &Site,
    cards: Vec<ClinicRef>,
    bodies: &Bodies,
    lang: Lang,
) -> Vec<ClinicView> {
    let texts = &bodies.clinic_texts[lang.index()];
    site.clinics
        .iter()
        .zip(cards)
        .zip(&bodies.clinics)
        .zip(texts)
        .map(|(((c, card), desc), text)| {
            let (description, description_lang) = body_in(site, lang, text.as_ref(), desc);
            let t = c.text(lang);
            ClinicView {
                map_url: map_url(&c.doc),
                card,
                address: c.doc.address.clone(),
                zip: c.doc.zip.clone(),
                email: c.doc.email.clone(),
                lat: c.doc.lat,
                lon: c.doc.lon,
                hours: t
                    .and_then(|t| t.hours.clone())
                    .unwrap_or_else(|| c.doc.hours.clone()),
                opening_hours: c.doc.hours.clone(),
                virtual_visits: c.doc.virtual_visits,
                booking_url: c.doc.booking_url.clone(),
                insurance: c.doc.insurance.clone(),
                accepting_new_patients: c.doc.accepting_new_patients,
                description: description.html.clone(),
                has_video: !description.videos.is_empty(),
                description_lang,
                extra: t
                    .and_then(|t| t.extra.clone())
                    .unwrap_or_else(|| c.doc.extra.clone()),
            }
        })
        .collect()
}

fn page_views(site: &Site, bodies: &Bodies) -> Vec<PageView> {
    site.pages
        .iter()
        .zip(&bodies.pages)
        .map(|(p, body)| PageView {
            title: p.title.clone(),
            slug: p.slug.clone(),
            url: url_in(site, p.lang, &urls::page(&p.slug)),
            summary: p
                .summary
                .clone()
                .unwrap_or_else(|| body.first_paragraph.clone()),
            content: body.html.clone(),
            has_video: !body.videos.is_empty(),
            extra: p.extra.clone(),
        })
        .collect()
}

/// An OpenStreetMap search for the clinic's address.
fn map_url(c: &crate::content::clinic::ClinicDoc) -> Option<String> {
    let mut query = Vec::new();
    query.extend(c.address.clone());
    query.push(c.city.clone());
    query.push(c.state.clone());
    query.extend(c.zip.clone());
    let q = query.join(", ");
    let encoded: String = url::form_urlencoded::byte_serialize(q.as_bytes()).collect();
    Some(format!(
        "https://www.openstreetmap.org/search?query={encoded}"
    ))
}
