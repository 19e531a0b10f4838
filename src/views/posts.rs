//! Every post's view (its page) and card (in listings), sharing the author,
//! clinic and term cards; the preview server keeps unchanged posts' views.

use std::sync::Arc;

use super::present::Bodies;
use super::site::date_view;
use crate::images::PictureSet;
use crate::markdown::Rendered;
use crate::model::{Post, Site};
use crate::urls::{self, Urls};
use crate::views::*;

/// Post views kept between rebuilds of the preview server, by file:
/// (version of their inputs, view, card).
pub type ViewCache =
    foldhash::HashMap<std::path::PathBuf, (u64, Arc<PostView>, Arc<Shared<PostSummary>>)>;

/// A post's cached view is reused while this (the version of its inputs, by
/// the post's index) is unchanged.
pub type ViewKey<'a> = &'a (dyn Fn(usize) -> u64 + Sync);

type PostViews = (Vec<Arc<PostView>>, Vec<Arc<Shared<PostSummary>>>);

/// Every post's view and card, reusing cached ones whose inputs are unchanged.
pub(super) fn post_views(
    site: &Site,
    bodies: &Bodies,
    refs: &Refs<'_>,
    cache: Option<(&mut ViewCache, ViewKey<'_>)>,
) -> PostViews {
    use rayon::prelude::*;
    let u = &site.config.urls;
    let make = |p: &Post, body: &Arc<Rendered>| {
        let view = post_view(p, body, u, refs);
        let card = Arc::new(Shared::new(view.summary.clone()));
        (Arc::new(view), card)
    };
    let Some((cache, key)) = cache else {
        return site
            .posts
            .par_iter()
            .zip(&bodies.posts)
            .map(|(p, b)| make(p, b))
            .unzip();
    };
    let views: Vec<CachedView> = site
        .posts
        .par_iter()
        .zip(&bodies.posts)
        .enumerate()
        .map(|(i, (p, body))| {
            let k = key(i);
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
pub(super) struct Refs<'a> {
    pub(super) authors: &'a [Card<AuthorRef>],
    pub(super) clinics: &'a [Card<ClinicRef>],
    pub(super) categories: &'a [Card<TermRef>],
    pub(super) tags: &'a [Card<TermRef>],
    pub(super) pictures: &'a PictureSet,
}

fn post_view(p: &Post, body: &Arc<Rendered>, u: &Urls, refs: &Refs<'_>) -> PostView {
    let Refs {
        authors,
        clinics,
        categories,
        tags,
        ..
    } = refs;
    let url = u.url(&urls::post(&p.doc.slug));
    let image = p.doc.image.as_ref().map(|img| {
        let page = urls::post(&p.doc.slug);
        let written = crate::images::html::beside(&page, img);
        let alt = p.doc.image_alt.as_deref().unwrap_or_default();
        super::pictures::image(u, refs.pictures, &page, &written, alt)
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
