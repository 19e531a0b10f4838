//! Pictures: every raster picture a site references is published in several
//! widths, as WebP plus its own format as a fallback, upright, in sRGB and
//! without any metadata; SVG is copied as is.
//!
//! The parts, one step each:
//! - [`settings`]: the `images:` section of site.yaml;
//! - [`probe`]: what a picture is (format, upright size, animated) from its header;
//! - [`names`]: which variants a picture gets and their site paths (pure);
//! - [`pixels`] and [`encode`]: decoding, orienting, colour conversion,
//!   resizing and encoding one picture;
//! - [`cache`]: `.gait/cache/pictures/`, variants kept between builds;
//! - [`stamps`]: what earlier plans read, so that unchanged pictures are not read again;
//! - [`engine`]: the API the build and the preview server call;
//! - [`set`]: the pictures of one build, found by address;
//! - [`html`]: `<picture>` markup; [`check`]: `gait check`'s warnings.

pub mod cache;
pub mod check;
pub mod encode;
pub mod engine;
pub mod html;
pub mod names;
pub mod pixels;
pub mod probe;
pub mod set;
pub mod settings;
pub mod stamps;
#[cfg(test)]
mod tests;

pub use engine::{Pictures, Planned, Source};
pub use names::{Role, Variant};
pub use probe::{Format, Probe};
pub use set::PictureSet;
pub use settings::Settings;
