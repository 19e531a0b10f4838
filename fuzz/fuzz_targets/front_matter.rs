//! Every reader of a YAML file a person writes: the first byte picks the kind
//! (post, author, clinic, page, comments, referrals, site.yaml), the rest is
//! the file's text. Nothing may panic or hang, and what parses must be safe
//! to build with: a post's slug and aliases never leave the output folder,
//! and every error line points into the file.

#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../oracles.rs");

fuzz_target!(|data: &[u8]| oracles::front_matter(data));
