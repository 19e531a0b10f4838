//! A site in more than one language: language tags and the language a
//! file's name gives ([`tag`]), and the theme's text in each language
//! ([`text`]), with dates in the language's own form.
//!
//! The site's default language is site.yaml's `language:`; each key of
//! `translations:` adds one. `name.es.md` is the Spanish version of
//! `name.md`, and every page of a translation lives under its folder
//! (`/es/`).

pub mod collate;
pub mod key;
pub mod load;
pub mod tag;
pub mod text;

pub use tag::{FileLang, Lang, Languages};
pub use text::{Key, Text, TextFile};
