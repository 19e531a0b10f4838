//! Turning the resolved site and its rendered Markdown into template views.
//!
//! Every card (author, clinic, term, post summary) is built once here and
//! shared by all the pages that show it.

use std::sync::Arc;

use chrono::Datelike;

use super::views::*;
use crate::config::Config;
use crate::date::Date;
use crate::markdown::Rendered;
use crate::model::{Post, Site};
use crate::urls::{self, Urls};

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

pub fn phone(display: &str) -> Phone {
    let digits: String = display
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let href = if digits.starts_with('+') || digits.len() != 10 {
        format!("tel:{digits}")
    } else {
        format!("tel:+1{digits}")
    };
    Phone {
        display: display.to_string(),
        href,
    }
}

pub(crate) fn date_view(d: &Date) -> DateView {
    DateView {
        iso: d.iso(),
        display: d.display(),
    }
}

fn site_view(config: &Config, bodies: &Bodies, year: i32) -> SiteView {
    let u = &config.urls;
    let finder = config.finder.as_ref().map(|f| Link {
        title: f.title.clone(),
        url: u.url(&format!("{}/", f.path)),
    });
    let nav = match &config.nav {
        Some(links) => links
            .iter()
            .map(|l| Link {
                title: l.title.clone(),
                url: u.resolve_written(&l.url),
            })
            .collect(),
        None => {
            let mut nav = vec![
                Link {
                    title: "Home".into(),
                    url: u.url(""),
                },
                Link {
                    title: "Topics".into(),
                    url: u.url(urls::CATEGORIES),
                },
                Link {
                    title: "Our team".into(),
                    url: u.url(urls::AUTHORS),
                },
                Link {
                    title: "Locations".into(),
                    url: u.url(urls::CLINICS),
                },
            ];
            nav.extend(finder.clone());
            nav
        }
    };
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        base_url: u.base_url().to_string(),
        home_url: u.url(""),
        static_url: u.url(""),
        feed_url: u.url(urls::FEED),
        authors_url: u.url(urls::AUTHORS),
        clinics_url: u.url(urls::CLINICS),
        categories_url: u.url(urls::CATEGORIES),
        search_url: u.url(urls::SEARCH),
        finder,
        phone: config.phone.as_deref().map(phone),
        email: config.email.clone(),
        nav,
        callouts: config
            .callouts
            .iter()
            .zip(&bodies.callouts)
            .map(|(c, body)| CalloutView {
                title: c.title.clone(),
                body: body.clone(),
                url: c
                    .url
                    .as_deref()
                    .map(|x| u.resolve_written(x))
                    .unwrap_or_default(),
                label: c.label.clone().unwrap_or_else(|| c.title.clone()),
            })
            .collect(),
        extra: config.extra.clone(),
        year,
        generator: format!("gait {}", env!("CARGO_PKG_VERSION")),
    }
}

/// Build every shared view.
/// Post views kept between rebuilds of the preview server, by file:
/// (fingerprint of their inputs, view, card).
pub type ViewCache =
    foldhash::HashMap<std::path::PathBuf, (u64, Arc<PostView>, Arc<Shared<PostSummary>>)>;

/// Build every shared view. With a cache (and the fingerprint of what can
/// change every view), unchanged posts' views are reused.
pub fn present(
    site: &Site,
    bodies: &Bodies,
    now: chrono::DateTime<chrono::Utc>,
    cache: Option<(&mut ViewCache, u64)>,
) -> Views {
    let u = &site.config.urls;
    let site_view = site_view(&site.config, bodies, now.year());

    let clinic_refs: Vec<ClinicRef> = site
        .clinics
        .iter()
        .map(|c| ClinicRef {
            name: c.doc.name.clone(),
            slug: c.doc.slug.clone(),
            city: c.doc.city.clone(),
            state: c.doc.state.clone(),
            url: u.url(&urls::clinic(&c.doc.slug)),
            phone: c.doc.phone.as_deref().map(phone),
        })
        .collect();

    let author_refs: Vec<AuthorRef> = site
        .authors
        .iter()
        .map(|a| AuthorRef {
            name: a.doc.name.clone(),
            slug: a.doc.slug.clone(),
            credentials: a.doc.credentials.clone(),
            role: a.doc.role.clone(),
            url: u.url(&urls::author(&a.doc.slug)),
            photo: a.doc.photo.as_ref().map(|p| Image {
                url: u.resolve_written(p),
                alt: a.doc.photo_alt.clone().unwrap_or_default(),
            }),
            clinic: a.clinic.map(|c| clinic_refs[c].clone()),
            specialties: a.doc.specialties.clone(),
            languages: a.doc.languages.clone(),
            virtual_visits: a.doc.virtual_visits,
            accepting_patients: a.doc.accepting_patients,
        })
        .collect();

    let term_refs = |terms: &[crate::model::Term], path: fn(&str) -> String| -> Vec<TermRef> {
        terms
            .iter()
            .map(|t| TermRef {
                name: t.name.clone(),
                slug: t.slug.clone(),
                url: u.url(&path(&t.slug)),
                count: t.posts.len(),
            })
            .collect()
    };
    let categories = term_refs(&site.categories, urls::category);
    let tags = term_refs(&site.tags, urls::tag);

    fn cards<T: Clone + serde::Serialize>(v: &[T]) -> Vec<Card<T>> {
        v.iter()
            .cloned()
            .map(|x| Arc::new(Shared::new(x)))
            .collect()
    }
    let arcs = cards::<TermRef>;
    let author_arcs = cards(&author_refs);
    let clinic_arcs = cards(&clinic_refs);
    let (category_arcs, tag_arcs) = (arcs(&categories), arcs(&tags));
    let refs = Refs {
        authors: &author_arcs,
        clinics: &clinic_arcs,
        categories: &category_arcs,
        tags: &tag_arcs,
    };
    let (posts, summaries) = post_views(site, bodies, &refs, cache);

    let authors = site
        .authors
        .iter()
        .zip(author_refs)
        .zip(&bodies.authors)
        .map(|((a, card), bio)| AuthorView {
            card,
            pronouns: a.doc.pronouns.clone(),
            telehealth_states: a.doc.telehealth_states.clone(),
            booking_url: a.doc.booking_url.clone(),
            bio: bio.html.clone(),
            extra: a.doc.extra.clone(),
        })
        .collect();

    let clinics = site
        .clinics
        .iter()
        .zip(clinic_refs)
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
        .collect();

    let pages = site
        .pages
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
        .collect();

    Views {
        site: site_view,
        clinics,
        authors,
        categories,
        tags,
        posts,
        summaries,
        pages,
    }
}

type PostViews = (Vec<Arc<PostView>>, Vec<Arc<Shared<PostSummary>>>);

/// Every post's view and card, reusing cached ones whose inputs are unchanged.
fn post_views(
    site: &Site,
    bodies: &Bodies,
    refs: &Refs<'_>,
    cache: Option<(&mut ViewCache, u64)>,
) -> PostViews {
    use rayon::prelude::*;
    let u = &site.config.urls;
    let make = |p: &Post, body: &Arc<Rendered>| {
        let view = post_view(p, body, u, refs);
        let card = Arc::new(Shared::new(view.summary.clone()));
        (Arc::new(view), card)
    };
    let Some((cache, global)) = cache else {
        return site
            .posts
            .par_iter()
            .zip(&bodies.posts)
            .map(|(p, b)| make(p, b))
            .unzip();
    };
    // A post's view shows its own file, its terms' counts, and what `global` covers.
    let key = |p: &Post| {
        let mut c = crate::fingerprint::Combiner::new();
        c.add(&global).add(&p.doc.version);
        for &t in &p.categories {
            c.add(&refs.categories[t].count);
        }
        for &t in &p.tags {
            c.add(&refs.tags[t].count);
        }
        c.finish()
    };
    let views: Vec<CachedView> = site
        .posts
        .par_iter()
        .zip(&bodies.posts)
        .map(|(p, body)| {
            let k = key(p);
            match cache.get(&p.doc.file) {
                Some((old, view, card)) if *old == k => CachedView {
                    key: k,
                    view: view.clone(),
                    card: card.clone(),
                    new: false,
                },
                _ => {
                    let (view, card) = make(p, body);
                    CachedView {
                        key: k,
                        view,
                        card,
                        new: true,
                    }
                }
            }
        })
        .collect();
    for (p, v) in site.posts.iter().zip(&views).filter(|(_, v)| v.new) {
        cache.insert(p.doc.file.clone(), (v.key, v.view.clone(), v.card.clone()));
    }
    site.forget_gone_posts(cache);
    views.into_iter().map(|v| (v.view, v.card)).unzip()
}

/// A post's view and card, found in the cache or made now.
struct CachedView {
    key: u64,
    view: Arc<PostView>,
    card: Arc<Shared<PostSummary>>,
    new: bool,
}

/// Cards shared by every post that shows them.
struct Refs<'a> {
    authors: &'a [Card<AuthorRef>],
    clinics: &'a [Card<ClinicRef>],
    categories: &'a [Card<TermRef>],
    tags: &'a [Card<TermRef>],
}

fn post_view(p: &Post, body: &Arc<Rendered>, u: &Urls, refs: &Refs<'_>) -> PostView {
    let Refs {
        authors,
        clinics,
        categories,
        tags,
    } = refs;
    let url = u.url(&urls::post(&p.doc.slug));
    let image = p.doc.image.as_ref().map(|img| Image {
        url: u.resolve_written(&crate::images::html::beside(&urls::post(&p.doc.slug), img)),
        alt: p.doc.image_alt.clone().unwrap_or_default(),
    });
    PostView {
        summary: PostSummary {
            title: p.doc.title.clone(),
            slug: p.doc.slug.clone(),
            url,
            date: date_view(&p.doc.date),
            summary: p
                .doc
                .summary
                .clone()
                .unwrap_or_else(|| body.first_paragraph.clone()),
            authors: p.authors.iter().map(|&a| authors[a].clone()).collect(),
            clinic: p.clinic.map(|c| clinics[c].clone()),
            categories: p
                .categories
                .iter()
                .map(|&c| categories[c].clone())
                .collect(),
            reading_minutes: body.reading_minutes(),
            image,
            draft: p.doc.draft,
        },
        updated: p.doc.updated.as_ref().map(date_view),
        tags: p.tags.iter().map(|&t| tags[t].clone()).collect(),
        content: HtmlRef(body.clone()),
        extra: p.doc.extra.clone(),
    }
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
