//! `gait check`: load and render the whole site in memory, write nothing,
//! and report every problem with its file and line.

use std::path::Path;

use anyhow::Result;

use crate::diag::plural;
use crate::model::LeftOut;
use crate::pipeline::{self, BuildOptions};

pub fn run(root: &Path) -> Result<()> {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        base_url: None,
        drafts: true,
        future: true,
        fingerprint_assets: true,
    };
    let cms = crate::cms::check::run(root);
    let report =
        pipeline::check(&opts).map_err(|e| crate::cms::check::with_site_errors(e, &cms))?;
    crate::cms::check::into_result(cms)?;
    for w in report.warnings.warnings() {
        eprintln!("{w}");
    }
    let warnings = report.warnings.warnings().count();
    let among = match report.left_out {
        LeftOut {
            drafts: 0,
            scheduled: 0,
        } => String::new(),
        LeftOut { drafts, scheduled } => {
            format!(
                " ({drafts} {}, {scheduled} scheduled)",
                plural(drafts, "draft", "drafts")
            )
        }
    };
    crate::diag::say(format_args!(
        "Checked {} {}{among} and {} pages: no errors{}",
        report.posts,
        crate::diag::plural(report.posts, "post", "posts"),
        report.pages,
        if warnings > 0 {
            format!(
                ", {warnings} {}",
                crate::diag::plural(warnings, "warning", "warnings")
            )
        } else {
            String::new()
        }
    ));
    for line in report.third_parties.summary() {
        crate::diag::say(line);
    }
    Ok(())
}
