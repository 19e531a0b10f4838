//! Build script: rebuild when the default theme changes (it is embedded in
//! the binary), and tell the integration tests which outside tools this
//! machine lacks.
//!
//! A test that needs a tool carries
//! `#[cfg_attr(gait_missing_chromium, ignore = "needs chromium: ...")]`, so
//! `cargo test` lists it as ignored, with the reason, on a machine without
//! the tool. Under `CI=true` no `gait_missing_*` flag is ever set: there the
//! tests run, and fail if a tool is missing. `.ci/run` installs every tool.
//!
//! Cargo reruns this script when a tool appears or disappears: it watches each
//! tool's file, or while it is missing, the nearest folder that exists (a
//! missing path would make Cargo rebuild the crate on every run).

use std::path::{Path, PathBuf};

/// A tool some tests need: its cfg flag and the files that must exist.
struct Tool {
    /// `gait_missing_<name>` is set when any of `paths` is missing.
    name: &'static str,
    paths: Vec<PathBuf>,
}

fn main() {
    println!("cargo::rerun-if-changed=themes/clinic");
    println!("cargo::rerun-if-changed=build.rs");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let tools = manifest.join("tests/tools");
    let env_or = |var: &str, default: &str| {
        println!("cargo::rerun-if-env-changed={var}");
        std::env::var_os(var)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(default))
    };
    let node = |package: &str, file: &str| tools.join("node_modules").join(package).join(file);
    let browser = vec![
        env_or("CHROMIUM", "/usr/bin/chromium"),
        env_or("CHROMEDRIVER", "/usr/bin/chromedriver"),
    ];
    // Tools used in the browser include the browser: a test carries one flag.
    let with_browser = |more: &[PathBuf]| [browser.clone(), more.to_vec()].concat();
    let table = [
        Tool {
            name: "chromium",
            paths: browser.clone(),
        },
        Tool {
            name: "axe",
            paths: with_browser(&[node("axe-core", "axe.min.js")]),
        },
        Tool {
            name: "decap",
            paths: with_browser(&[
                node("decap-cms", "package.json"),
                node("decap-server", "package.json"),
            ]),
        },
        Tool {
            name: "moto",
            paths: vec![tools.join("venv/bin/moto_server")],
        },
        Tool {
            name: "sshd",
            paths: vec![env_or("SSHD", "/usr/sbin/sshd")],
        },
    ];
    println!("cargo::rerun-if-env-changed=CI");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    for tool in &table {
        println!("cargo::rustc-check-cfg=cfg(gait_missing_{})", tool.name);
        let mut missing = false;
        for path in &tool.paths {
            match path.exists() {
                true => println!("cargo::rerun-if-changed={}", path.display()),
                false => {
                    missing = true;
                    if let Some(dir) = nearest_existing(path, &manifest) {
                        println!("cargo::rerun-if-changed={}", dir.display());
                    }
                }
            }
        }
        if missing && !ci {
            println!("cargo::rustc-cfg=gait_missing_{}", tool.name);
        }
    }
}

/// The nearest folder above `path` that exists, but never the crate's own
/// folder or one above it (Cargo would scan `target/`, which every build changes).
fn nearest_existing(path: &Path, manifest: &Path) -> Option<PathBuf> {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d.is_dir() {
            return (!manifest.starts_with(d)).then(|| d.to_path_buf());
        }
        dir = d.parent();
    }
    None
}
