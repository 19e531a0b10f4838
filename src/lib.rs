//! gait: a static site generator for physical-therapy clinics.
//!
//! The crate is organised by responsibility, in layers that import only
//! downwards: [`config`] and [`content`] read files into raw-then-checked
//! structs, [`model`] resolves references between them, [`markdown`] renders
//! bodies, [`plan`] lists every output of a build and what each reads,
//! [`views`] are what templates see, [`render`] makes pages through its page
//! kinds, and [`pipeline`] runs the steps and writes through a [`sink`] into
//! the folder [`output`] guards. [`feeds`], [`finder`], [`search`] and [`seo`]
//! add their outputs to the plan and their data to the views.

// Diagnostics travel in `Err` on the cold path; boxing them buys nothing.
#![allow(clippy::result_large_err)]
// Nothing a user's file says may crash gait: no unwrap or expect outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod assets;
pub mod check;
pub mod cli;
pub mod cms;
pub mod config;
pub mod content;
pub mod date;
pub mod deploy;
pub mod diag;
pub mod feeds;
pub mod filters;
pub mod finder;
pub mod fingerprint;
pub mod frontmatter;
pub mod fsx;
pub mod hostfiles;
pub mod hours;
pub mod i18n;
pub mod images;
pub mod import;
pub mod init;
pub mod links;
pub mod markdown;
pub mod model;
pub mod new;
pub mod output;
pub mod pipeline;
pub mod plan;
pub mod privacy;
pub mod progress;
pub mod render;
pub mod safe_path;
pub mod search;
pub mod seo;
pub mod serve;
pub mod sink;
pub mod slug;
pub mod spill;
pub mod suggest;
pub mod theme;
pub mod timings;
pub mod urls;
pub mod views;
pub mod yaml;
