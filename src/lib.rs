//! gait: a static site generator for physical-therapy clinics.
//!
//! The crate is organised by responsibility: [`config`] and [`content`] read
//! files into raw-then-checked structs, [`model`] resolves references between
//! them, [`markdown`] renders bodies, [`render`] turns the model into pages,
//! [`output`] guards the output folder, and [`build`] runs the pipeline.

// Diagnostics travel in `Err` on the cold path; boxing them buys nothing.
#![allow(clippy::result_large_err)]
// Nothing a user's file says may crash gait: no unwrap or expect outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod date;
pub mod diag;
pub mod finder;
pub mod fingerprint;
pub mod frontmatter;
pub mod fsx;
pub mod hours;
pub mod images;
pub mod import;
pub mod init;
pub mod links;
pub mod markdown;
pub mod model;
pub mod new;
pub mod output;
pub mod progress;
pub mod render;
pub mod safe_path;
pub mod search;
pub mod seo;
pub mod serve;
pub mod slug;
pub mod suggest;
pub mod theme;
pub mod timings;
pub mod urls;
pub mod yaml;
