//! Editing in the browser: a Decap CMS admin generated from gait's content
//! model (`gait cms init`), and kept honest by `gait check`.
//!
//! - [`keys`]: the one table of front-matter keys the admin is built from;
//! - [`config`] and [`admin_page`]: `static/admin/config.yml` and `index.html`;
//! - [`fields`]: one key as one form field;
//! - [`drift`]: where an existing config.yml and the model disagree, and
//!   [`check`], which adds that to `gait check`;
//! - [`referrals_file`]: `data/referrals.yaml` in the shape Decap can edit;
//! - [`init`]: the command, reading the site and writing the two files;
//! - [`located`]: YAML nodes with their lines, for errors in config.yml.

pub mod admin_page;
pub mod check;
pub mod config;
pub mod drift;
pub mod fields;
pub mod init;
pub mod keys;
pub mod located;
pub mod referrals_file;

pub use init::{InitOptions, init};
