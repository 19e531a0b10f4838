//! The WordPress importer's reader and converter: arbitrary bytes as a WXR
//! export. Reading must never panic or hang; an export that reads must
//! plan and convert without panicking, and every file the import would
//! write must pass gait's own readers (the importer's self-check).

#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../oracles.rs");

fuzz_target!(|data: &[u8]| oracles::wxr(data));
