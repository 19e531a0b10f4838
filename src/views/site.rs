//! The site-wide `site` value every template sees, and the small
//! display helpers (phone numbers, dates) other views share.

use crate::config::Config;
use crate::date::Date;
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

/// A date for `<time datetime>` and for people.
pub fn date_view(d: &Date) -> DateView {
    DateView {
        iso: d.iso(),
        display: d.display(),
    }
}

/// The `site` value: site.yaml's settings, the menu, the callouts, and the
/// addresses of the site's main pages.
pub(super) fn site_view(config: &Config, bodies: &Bodies, year: i32) -> SiteView {
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
        disclaimer: bodies.disclaimer.clone(),
        extra: config.extra.clone(),
        year,
        generator: format!("gait {}", env!("CARGO_PKG_VERSION")),
    }
}
