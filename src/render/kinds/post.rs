//! An article (`/posts/<slug>/`): the post with its byline, the posts
//! before and after it, related posts and comments.

use serde::Serialize;

use super::PageKind;
use super::common::{crumb, home, meta, with_ld};
use super::cx::{HasMeta, PageCx};
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::model::Site;
use crate::plan::inputs::{Deps, Input};
use crate::plan::{Claim, Job, KindId, Plan};
use crate::render::prerendered::CardKind;
use crate::views::{CommentView, Link, Meta, PostSummary, PostView, Shared};
use crate::{seo, urls};

/// `post.html`'s context.
#[derive(Serialize)]
struct PostPage<'a> {
    meta: Meta,
    breadcrumbs: Vec<Link>,
    post: &'a PostView,
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
            plan.page(urls::post(&p.doc.slug), Job::new(id, i, 1), claim, true);
        }
    }

    fn inputs(&self, site: &Site, job: Job, related: &[Vec<usize>], deps: &mut Deps) {
        let i = job.item();
        deps.add(Input::Post(job.item))
            .add(Input::Related(job.item));
        let neighbours = [i.checked_sub(1), Some(i + 1)];
        for j in neighbours
            .into_iter()
            .flatten()
            .chain(related[i].iter().copied())
        {
            if j < site.posts.len() {
                deps.add(Input::PostCard(j as u32));
            }
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
        let nodes = vec![seo::article(s, post, &permalink)];
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
            older: cx.summary_if(i + 1),
            newer: i.checked_sub(1).map(|j| cx.summary(j)),
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
}
