//! The site-wide `site` value every template sees, and the small
//! display helpers (phone numbers, dates) other views share.

use crate::config::Config;
use crate::date::Date;
use crate::i18n::{Key, Lang, Text};
use crate::urls;
use crate::views::present::Bodies;
use crate::views::*;

/// A phone number as written, with its `tel:` URL (US numbers get `+1`).
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

/// A date for `<time datetime>` and for people, in the language of `text`.
pub fn date_view(d: &Date, text: &Text) -> DateView {
    DateView {
        iso: d.iso(),
        display: text.date(d),
    }
}

/// The `site` value of the pages in `lang`: site.yaml's settings (the
/// translation's where it has them), the menu, the callouts, and the
/// addresses of the language's main pages.
pub(super) fn site_view(
    config: &Config,
    bodies: &Bodies,
    year: i32,
    lang: Lang,
    text: &Text,
) -> SiteView {
    let u = &config.urls;
    let prefix = config.languages.prefix(lang);
    let at = |path: &str| u.url(&format!("{prefix}{path}"));
    let finder = config.finder.as_ref().map(|f| Link {
        title: config
            .finder_title_in(lang)
            .unwrap_or(text.get(Key::FindATherapist))
            .to_string(),
        url: at(&format!("{}/", f.path)),
    });
    let nav = match config.nav_in(lang) {
        Some(links) => links
            .iter()
            .map(|l| Link {
                title: l.title.clone(),
                url: u.resolve_written(&l.url),
            })
            .collect(),
        None => {
            let link = |key: Key, path: &str| Link {
                title: text.get(key).to_string(),
                url: at(path),
            };
            let mut nav = vec![
                link(Key::Home, ""),
                link(Key::Topics, urls::CATEGORIES),
                link(Key::OurTeam, urls::AUTHORS),
                link(Key::Locations, urls::CLINICS),
            ];
            nav.extend(finder.clone());
            nav
        }
    };
    SiteView {
        title: config.title_in(lang).to_string(),
        description: config.description_in(lang).to_string(),
        language: config.languages.code(lang).to_string(),
        base_url: u.base_url().to_string(),
        home_url: at(""),
        static_url: u.url(""),
        feed_url: at(urls::FEED),
        authors_url: at(urls::AUTHORS),
        clinics_url: at(urls::CLINICS),
        categories_url: at(urls::CATEGORIES),
        search_url: at(urls::SEARCH),
        finder,
        phone: config.phone.as_deref().map(phone),
        email: config.email.clone(),
        nav,
        callouts: config
            .callouts_in(lang)
            .iter()
            .zip(&bodies.callouts[lang.index()])
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
        disclaimer: bodies.disclaimer[lang.index()].clone(),
        disclaimer_lang: match config.disclaimer_in(lang).1 {
            l if l == lang => None,
            l => Some(config.languages.code(l).to_string()),
        },
        extra: config.extra_in(lang).clone(),
        year,
        generator: format!("gait {}", env!("CARGO_PKG_VERSION")),
    }
}
