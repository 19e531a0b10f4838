//! The [`Image`] view of a picture named in front matter (a post's `image`,
//! an author's `photo`): for the site's own JPEG, PNG, WebP and GIF
//! pictures, with its size and the `srcset`s of its published widths, so
//! that templates print a `<picture>` without building any address.

use crate::images::html::{srcset_of, url};
use crate::images::{PictureSet, Planned, Role};
use crate::urls::Urls;
use crate::views::{Image, ImageFile, PictureView};

/// The view of the picture written as `written` in the front matter of the
/// page at `page` (`photo.jpg` beside a post, `/images/team/x.jpg`). A
/// picture that is not one of the site's own is shown at `url` as written.
pub fn image(u: &Urls, set: &PictureSet, page: &str, written: &str, alt: &str) -> Image {
    let site_path = crate::links::target(page, written);
    match site_path.as_deref().and_then(|p| set.get(p)) {
        Some(planned) => planned_image(u.base_path(), planned, alt),
        None => Image {
            url: u.resolve_written(written),
            alt: alt.to_string(),
            width: None,
            height: None,
            picture: None,
        },
    }
}

/// The view of a planned picture: its own address, which holds its widest
/// published file, with that file's size.
fn planned_image(base: &str, p: &Planned, alt: &str) -> Image {
    let widest = p
        .with_role(Role::Fallback)
        .last()
        .or_else(|| p.variants.first());
    let size = widest.filter(|v| v.width > 0).map(|v| (v.width, v.height));
    let picture = p.with_role(Role::Fallback).next().map(|_| PictureView {
        webp_srcset: srcset_of(base, p, Role::Webp),
        srcset: srcset_of(base, p, Role::Fallback),
        og: p.og().map(|v| ImageFile {
            url: url(base, &v.site_path),
            width: v.width,
            height: v.height,
        }),
    });
    Image {
        url: url(base, &p.source.site_path),
        alt: alt.to_string(),
        width: size.map(|s| s.0),
        height: size.map(|s| s.1),
        picture,
    }
}
