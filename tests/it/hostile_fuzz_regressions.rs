//! Every input the fuzzers found a problem with (fuzz/regressions/<target>/),
//! and their seed inputs (fuzz/seeds/<target>/), replayed through the very
//! checks the fuzz targets make (fuzz/oracles.rs). See fuzz/README.md.

use std::path::PathBuf;

include!("../../fuzz/oracles.rs");

fn replay(target: &str, check: fn(&[u8])) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in ["regressions", "seeds"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(
                result.is_ok(),
                "{} fails the {target} checks again",
                file.display()
            );
            count += 1;
        }
    }
    assert!(count > 0, "no inputs for {target}");
}

#[test]
fn front_matter_findings_stay_fixed() {
    replay("front_matter", oracles::front_matter);
}

#[test]
fn markdown_findings_stay_fixed() {
    replay("markdown", oracles::markdown);
}

#[test]
fn wxr_findings_stay_fixed() {
    replay("wxr", oracles::wxr);
}
