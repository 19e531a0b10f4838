//! Importing content from other systems into a gait site.
//!
//! [`wordpress`] runs `gait import wordpress`; the other modules are its
//! parts, one step each:
//! - reading the export: [`wxr`] (with `wxr_state` and `wxr_guard`);
//! - deciding what each item becomes: [`plan`], [`authors`], [`aliases`];
//! - WordPress HTML to Markdown: [`body`], [`wpautop`], [`shortcodes`] (with
//!   [`media_shortcodes`]), [`html_to_md`] (with `handlers`,
//!   [`tables`] and [`md_lines`]);
//! - old addresses and uploads: [`links`], [`media`];
//! - comments: [`comments`];
//! - the files' text, all in memory: [`files`], [`assemble`];
//! - writing and the summary: [`write`], [`report`].

pub mod aliases;
pub mod assemble;
pub mod authors;
pub mod body;
pub mod comments;
pub mod download;
pub mod files;
mod handlers;
pub mod html_to_md;
pub mod links;
pub mod md_lines;
pub mod media;
pub mod media_shortcodes;
pub mod plan;
pub mod report;
pub mod shortcodes;
pub mod tables;
pub mod wordpress;
pub mod wpautop;
pub mod write;
pub mod wxr;
mod wxr_guard;
mod wxr_state;
