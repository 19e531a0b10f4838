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
use crate::images::PictureSet;
use crate::markdown::Rendered;
use crate::model::{Site, Term};
use crate::urls::{self, Urls};
use crate::views::*;

/// Rendered Markdown of every document of the site, by model index.
pub struct Bodies {
    /// Shared so a preview server can keep unchanged posts between rebuilds.
    pub posts: Vec<std::sync::Arc<Rendered>>,
    pub authors: Vec<Rendered>,
    pub clinics: Vec<Rendered>,
    pub pages: Vec<Rendered>,
    /// Per post, per comment (same order as the model).
    pub comments: Vec<Vec<String>>,
    pub callouts: Vec<String>,
    /// The finder's intro.
    pub finder_intro: String,
}

/// Views shared between pages.
pub struct Views {
    pub site: SiteView,
    pub clinics: Vec<ClinicView>,
    pub authors: Vec<AuthorView>,
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

/// Build every shared view. With a cache, unchanged posts' views are reused.
pub fn present(
    site: &Site,
    bodies: &Bodies,
    pictures: &PictureSet,
    now: chrono::DateTime<chrono::Utc>,
    cache: Option<(&mut ViewCache, ViewKey<'_>)>,
) -> Views {
    let u = &site.config.urls;
    let clinic_refs = clinic_refs(site);
    let author_refs = author_refs(site, &clinic_refs, pictures);
    let categories = term_refs(u, &site.categories, urls::category);
    let tags = term_refs(u, &site.tags, urls::tag);
    let (author_cards, clinic_cards) = (cards(&author_refs), cards(&clinic_refs));
    let (category_cards, tag_cards) = (cards(&categories), cards(&tags));
    let refs = Refs {
        authors: &author_cards,
        clinics: &clinic_cards,
        categories: &category_cards,
        tags: &tag_cards,
        pictures,
    };
    let (posts, summaries) = post_views(site, bodies, &refs, cache);
    Views {
        site: site_view(&site.config, bodies, now.year()),
        authors: author_views(site, author_refs, bodies),
        clinics: clinic_views(site, clinic_refs, bodies),
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

fn clinic_refs(site: &Site) -> Vec<ClinicRef> {
    let u = &site.config.urls;
    site.clinics
        .iter()
        .map(|c| ClinicRef {
            name: c.doc.name.clone(),
            slug: c.doc.slug.clone(),
            city: c.doc.city.clone(),
            state: c.doc.state.clone(),
            url: u.url(&urls::clinic(&c.doc.slug)),
            phone: c.doc.phone.as_deref().map(phone),
        })
        .collect()
}

fn author_refs(site: &Site, clinics: &[ClinicRef], pictures: &PictureSet) -> Vec<AuthorRef> {
    let u = &site.config.urls;
    site.authors
        .iter()
        .map(|a| AuthorRef {
            name: a.doc.name.clone(),
            slug: a.doc.slug.clone(),
            credentials: a.doc.credentials.clone(),
            role: a.doc.role.clone(),
            url: u.url(&urls::author(&a.doc.slug)),
            photo: a.doc.photo.as_ref().map(|p| {
                let alt = a.doc.photo_alt.as_deref().unwrap_or_default();
                super::pictures::image(u, pictures, &urls::author(&a.doc.slug), p, alt)
            }),
            clinic: a.clinic.map(|c| clinics[c].clone()),
            specialties: a.doc.specialties.clone(),
            languages: a.doc.languages.clone(),
            virtual_visits: a.doc.virtual_visits,
            accepting_patients: a.doc.accepting_patients,
        })
        .collect()
}

fn term_refs(u: &Urls, terms: &[Term], path: fn(&str) -> String) -> Vec<TermRef> {
    terms
        .iter()
        .map(|t| TermRef {
            name: t.name.clone(),
            slug: t.slug.clone(),
            url: u.url(&path(&t.slug)),
            count: t.posts.len(),
        })
        .collect()
}

fn author_views(site: &Site, cards: Vec<AuthorRef>, bodies: &Bodies) -> Vec<AuthorView> {
    site.authors
        .iter()
        .zip(cards)
        .zip(&bodies.authors)
        .map(|((a, card), bio)| AuthorView {
            card,
            pronouns: a.doc.pronouns.clone(),
            telehealth_states: a.doc.telehealth_states.clone(),
            booking_url: a.doc.booking_url.clone(),
            bio: bio.html.clone(),
            extra: a.doc.extra.clone(),
        })
        .collect()
}

fn clinic_views(site: &Site, cards: Vec<ClinicRef>, bodies: &Bodies) -> Vec<ClinicView> {
    site.clinics
        .iter()
        .zip(cards)
        .zip(&bodies.clinics)
        .map(|((c, card), desc)| ClinicView {
            map_url: map_url(&c.doc),
            card,
            address: c.doc.address.clone(),
            zip: c.doc.zip.clone(),
            email: c.doc.email.clone(),
            lat: c.doc.lat,
            lon: c.doc.lon,
            hours: c.doc.hours.clone(),
            virtual_visits: c.doc.virtual_visits,
            booking_url: c.doc.booking_url.clone(),
            description: desc.html.clone(),
            extra: c.doc.extra.clone(),
        })
        .collect()
}

fn page_views(site: &Site, bodies: &Bodies) -> Vec<PageView> {
    let u = &site.config.urls;
    site.pages
        .iter()
        .zip(&bodies.pages)
        .map(|(p, body)| PageView {
            title: p.title.clone(),
            slug: p.slug.clone(),
            url: u.url(&urls::page(&p.slug)),
            summary: p
                .summary
                .clone()
                .unwrap_or_else(|| body.first_paragraph.clone()),
            content: body.html.clone(),
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
