//! Markdown rendering, as for a post (raw HTML allowed) and as for a comment
//! (raw HTML shown as text). Nothing may panic or hang; a comment's HTML
//! holds only the tags and attributes gait itself writes, and no link or
//! image address that runs script.

#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../oracles.rs");

fuzz_target!(|data: &[u8]| oracles::markdown(data));
