//! A post's old address (`aliases:`): a small page that sends readers and
//! search engines on to the post.

use super::cx::PageCx;
use super::{Alternates, PageKind};
use crate::diag::Diagnostic;
use crate::i18n::{Key, Text};
use crate::model::Site;
use crate::plan::inputs::{Deps, Input};
use crate::plan::{Claim, Job, KindId, Plan};
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
                let job = Job::new(id, i, k).in_lang(p.doc.lang);
                plan.page(alias.clone(), job, claim, false);
            }
        }
    }

    fn inputs(&self, _: &Site, job: Job, _: &[Vec<usize>], deps: &mut Deps) {
        deps.add(Input::PostCard(job.item));
    }

    fn render(&self, cx: &PageCx<'_>, job: Job, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        let target = cx.summary(job.item());
        let permalink = cx.urls().permalink(&cx.post_path(job.item()));
        let html = redirect_html(target, permalink, &cx.site().language, cx.text());
        out.extend_from_slice(html.as_bytes());
        Ok(())
    }

    fn alternates(&self, _: &Site, _: Job) -> Alternates {
        Alternates::Nowhere
    }
}

/// A page at an old address that sends readers (and search engines) on,
/// in the words of `text`.
fn redirect_html(target: &PostSummary, permalink: String, lang: &str, text: &Text) -> String {
    let esc = |s: &str| {
        let mut out = String::new();
        let _ = pulldown_cmark_escape::escape_html(&mut out, s);
        out
    };
    let title = esc(&target.title);
    let url = esc(&target.url);
    let link = format!("<a href=\"{url}\">{title}</a>");
    // The text is escaped before the link goes in.
    let moved = esc(text.get(Key::Moved)).replace("{link}", &link);
    let moved_title = esc(text.get(Key::MovedTitle)).replace("{title}", &title);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{moved_title}</title>\n<link rel=\"canonical\" href=\"{permalink}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<p>{moved}</p>\n</body>\n</html>\n",
        permalink = esc(&permalink),
        lang = esc(lang),
    )
}
