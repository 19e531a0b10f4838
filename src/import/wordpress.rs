//! `gait import wordpress`: a WordPress WXR export into posts, pages, authors and comments.

use anyhow::{Result, bail};

use crate::cli::ImportWordpressArgs;

pub fn run(args: &ImportWordpressArgs) -> Result<()> {
    bail!("importing {} is not available yet", args.export.display())
}
