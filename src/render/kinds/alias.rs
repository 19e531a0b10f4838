//! A post's old address (`aliases:`): a small page that sends readers and
//! search engines on to the post.

use super::PageKind;
use super::cx::PageCx;
use crate::diag::Diagnostic;
use crate::model::Site;
use crate::plan::inputs::{Deps, Input};
use crate::plan::{Claim, Job, KindId, Plan};
use crate::urls;
use crate::views::PostSummary;

/// Job: `item` is the post, `page` the alias's position in its `aliases`.
pub struct Alias;

impl PageKind for Alias {
    fn template(&self) -> Option<&'static str> {
        None
    }

    fn plan(&self, id: KindId, site: &Site, plan: &mut Plan) {
        for (i, p) in site.posts.iter().enumerate() {
            for (k, alias) in p.doc.aliases.iter().enumerate() {
                let claim = Claim::Alias {
                    post: i as u32,
                    alias: k as u32,
                };
                plan.page(alias.clone(), Job::new(id, i, k), claim, false);
            }
        }
    }

    fn inputs(&self, _: &Site, job: Job, _: &[Vec<usize>], deps: &mut Deps) {
        deps.add(Input::PostCard(job.item));
    }

    fn render(&self, cx: &PageCx<'_>, job: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let target = cx.summary(job.item());
        let permalink = cx.urls().permalink(&urls::post(&target.slug));
        let html = redirect_html(target, permalink, &cx.site().language);
        out.extend_from_slice(html.as_bytes());
        Ok(())
    }
}

/// A page at an old address that sends readers (and search engines) on.
fn redirect_html(target: &PostSummary, permalink: String, lang: &str) -> String {
    let esc = |s: &str| {
        let mut out = String::new();
        let _ = pulldown_cmark_escape::escape_html(&mut out, s);
        out
    };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved: {title}</title>\n<link rel=\"canonical\" href=\"{permalink}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{url}\">{title}</a>.</p>\n</body>\n</html>\n",
        title = esc(&target.title),
        permalink = esc(&permalink),
        url = esc(&target.url),
        lang = esc(lang),
    )
}
