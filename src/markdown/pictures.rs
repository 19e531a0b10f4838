//! Images of the site's own pictures, shown as a `<picture>` in several
//! sizes: `![A knee brace](brace.jpg)` becomes WebP and JPEG candidates with
//! `sizes`, the picture's width and height, and lazy loading. Images of
//! anything else (SVG, another site) stay a plain `<img>`.

use crate::images::Planned;
use crate::images::html::{self, Show};

use super::RenderOptions;

/// How wide an image in a document is shown: the theme's text column is
/// at most about 40rem wide, and the whole screen on a phone.
pub const CONTENT_SIZES: &str = "(min-width: 44rem) 40rem, 100vw";

/// An image whose `<picture>` is being put together: its alt text is read
/// from the events up to the image's end.
pub(super) struct Collecting<'o> {
    pub(super) planned: &'o Planned,
    pub(super) title: String,
    pub(super) alt: String,
}

/// The site path an image address points at, as seen from the document's
/// page (`photo.jpg` on `posts/knee/` is `posts/knee/photo.jpg`), when it
/// points inside the site; with the planned picture there, if there is one.
pub(super) fn lookup<'o>(
    opts: &RenderOptions<'o>,
    dest: &str,
) -> (Option<String>, Option<&'o Planned>) {
    let Some(target) = crate::links::target(opts.page, dest) else {
        return (None, None);
    };
    let planned = opts.pictures.and_then(|set| set.get(&target));
    (Some(target), planned)
}

/// The `<picture>` of a collected image.
pub(super) fn markup(c: &Collecting<'_>, opts: &RenderOptions<'_>) -> String {
    html::picture(
        c.planned,
        &Show {
            alt: &c.alt,
            title: &c.title,
            sizes: CONTENT_SIZES,
            featured: false,
            base_path: opts.urls.base_path(),
        },
    )
}
