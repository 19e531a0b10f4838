//! Every post's view (its page) and card (in listings), sharing the author,
//! clinic and term cards; the preview server keeps unchanged posts' views.

use std::sync::Arc;

use super::present::Bodies;
use super::site::date_view;
use crate::i18n::Text;
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

/// Every post's view and card, reusing cached ones whose inputs are
/// unchanged; `refs` and `texts` by language.
pub(super) fn post_views(
    site: &Site,
    bodies: &Bodies,
    refs: &[Refs<'_>],
    texts: &[Text],
    cache: Option<(&mut ViewCache, ViewKey<'_>)>,
) -> PostViews {
    use rayon::prelude::*;
    let u = &site.config.urls;
    let prefixes: Vec<String> = site
        .config
        .languages
        .all()
        .map(|l| site.config.languages.prefix(l))
        .collect();
    let make = |p: &Post, body: &Arc<Rendered>| {
        let l = p.doc.lang.index();
        let at = In {
            u,
            prefix: &prefixes[l],
            refs: &refs[l],
            text: &texts[l],
        };
        let view = post_view(p, body, &at);
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

/// What a post's view is made with in its language.
struct In<'a> {
    u: &'a Urls,
    /// The language's folder (`es/`, or empty).
    prefix: &'a str,
    refs: &'a Refs<'a>,
    text: &'a Text,
}

fn post_view(p: &Post, body: &Arc<Rendered>, at: &In<'_>) -> PostView {
    let Refs {
        authors,
        clinics,
        categories,
        tags,
        ..
    } = at.refs;
    let u = at.u;
    // The post's page, in its language's folder.
    let page = format!("{}{}", at.prefix, urls::post(&p.doc.slug));
    let url = u.url(&page);
    let image = p.doc.image.as_ref().map(|img| {
        let written = crate::images::html::beside(&page, img);
        let alt = p.doc.image_alt.as_deref().unwrap_or_default();
        super::pictures::image(u, at.refs.pictures, &page, &written, alt)
    });
    PostView {
        summary: PostSummary {
            title: p.doc.title.clone(),
            slug: p.doc.slug.clone(),
            url,
            date: date_view(&p.doc.date, at.text),
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
        updated: p.doc.updated.as_ref().map(|d| date_view(d, at.text)),
        last_reviewed: p.doc.review.as_ref().map(|r| date_view(&r.date, at.text)),
        tags: p.tags.iter().map(|&t| tags[t].clone()).collect(),
        content: HtmlRef(body.clone()),
        has_video: !body.videos.is_empty(),
        extra: p.doc.extra.clone(),
    }
}
