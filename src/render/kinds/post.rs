//! An article (`/posts/<slug>/`): the post with its byline, the posts
//! before and after it, related posts and comments.

use serde::Serialize;

use super::common::{crumb, home, meta, with_ld};
use super::cx::{HasMeta, PageCx};
use super::{Alternates, PageKind};
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::model::Site;
use crate::plan::inputs::{Deps, Input};
use crate::plan::{Claim, Job, KindId, Plan};
use crate::render::prerendered::CardKind;
use crate::seo;
use crate::views::{CommentView, Link, Meta, PostSummary, PostView, ReviewView, Shared};

/// `post.html`'s context.
#[derive(Serialize)]
struct PostPage<'a> {
    meta: Meta,
    breadcrumbs: Vec<Link>,
    post: &'a PostView,
    /// Who reviewed the post and when, if it was medically reviewed.
    review: Option<ReviewView<'a>>,
    older: Option<&'a Shared<PostSummary>>,
    newer: Option<&'a Shared<PostSummary>>,
    related: Vec<&'a Shared<PostSummary>>,
    /// The `post_card` (level 3, in a row of three) of each of `related`, as safe HTML.
    related_cards: Vec<tera::Value>,
    comments: Vec<CommentView>,
    comment_count: usize,
}

impl HasMeta for PostPage<'_> {
    fn meta(&self) -> &Meta {
        &self.meta
    }
}

pub struct Post;

impl PageKind for Post {
    fn template(&self) -> Option<&'static str> {
        Some("post.html")
    }

    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan) {
        for (i, p) in site.posts.iter().enumerate() {
            let claim = Claim::Post(i as u32);
            let job = Job::new(id, i, 1).in_lang(p.doc.lang);
            plan.page(site.post_path(i), job, claim, true);
        }
    }

    fn inputs(&self, site: &Site, job: Job, related: &[Vec<usize>], deps: &mut Deps) {
        let i = job.item();
        deps.add(Input::Post(job.item))
            .add(Input::Related(job.item));
        if let Some(r) = site.posts[i].reviewer {
            deps.add(Input::Author(job.lang, r as u32));
        }
        if site.config.languages.is_multilingual() {
            deps.add(Input::PostTranslations(job.item));
        }
        let own = site.posts_in(job.lang);
        let neighbours = [i.checked_sub(1), Some(i + 1)];
        for j in neighbours
            .into_iter()
            .flatten()
            .filter(|j| own.contains(j))
            .chain(related[i].iter().copied())
        {
            deps.add(Input::PostCard(j as u32));
        }
    }

    fn render(&self, cx: &PageCx<'_>, job: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let i = job.item();
        let post = cx.post(i);
        let s = cx.site();
        let mut breadcrumbs = vec![home(cx)];
        if let Some(c) = post.summary.categories.first() {
            breadcrumbs.push(crumb(&c.name, &c.url));
        }
        breadcrumbs.push(crumb(&post.summary.title, &post.summary.url));
        let permalink = cx.urls().permalink(cx.path());
        let page_meta = meta(
            cx,
            "post",
            &post.summary.title,
            &post.summary.summary,
            &s.categories_url,
        );
        let review = cx
            .reviewer(i)
            .zip(post.last_reviewed.as_ref())
            .map(|(by, date)| ReviewView { by, date });
        let translations = match cx.site_is_multilingual() {
            true => translation_links(cx, i),
            false => Vec::new(),
        };
        let mut nodes = vec![seo::article(s, post, &permalink, &translations)];
        nodes.extend(
            review
                .as_ref()
                .map(|r| seo::reviewed_page(s, post, r, &permalink)),
        );
        let related = cx.related(i);
        let (comments, comment_count) = cx.comments(i);
        let page = PostPage {
            meta: Meta {
                image: post
                    .summary
                    .image
                    .as_ref()
                    .map(|img| seo::absolute_image(&permalink, img)),
                ..with_ld(cx, page_meta, &breadcrumbs, nodes)
            },
            breadcrumbs,
            post,
            review,
            older: cx.summary_if(i + 1),
            newer: i.checked_sub(1).and_then(|j| cx.summary_if(j)),
            related: cx.summaries(related),
            related_cards: cx.cards(related, CardKind::Related)?,
            comments,
            comment_count,
        };
        cx.render("post.html", &page, out)
    }

    fn lastmod(&self, site: &Site, job: Job) -> Option<Date> {
        let d = &site.posts[job.item()].doc;
        Some(d.updated.unwrap_or(d.date))
    }

    fn alternates(&self, site: &Site, job: Job) -> Alternates {
        let i = job.item();
        let list = site.posts[i]
            .translations
            .iter()
            .map(|&j| (site.posts[j].doc.lang, site.post_path(j)))
            .collect();
        Alternates::These(Input::PostTranslations(job.item), list)
    }
}

/// Post `i`'s translations for its structured data: whether each is the
/// original (the default language's) and its absolute address.
fn translation_links(cx: &PageCx<'_>, i: usize) -> Vec<seo::Translation> {
    cx.post_translations(i)
        .iter()
        .map(|&j| seo::Translation {
            original: cx.post_lang(j) == Lang::DEFAULT,
            permalink: cx.urls().permalink(&cx.post_path(j)),
        })
        .collect()
}
