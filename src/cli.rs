//! The command line, as clap derive structs. Parsing only; `main` dispatches.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// gait: a static site generator for physical-therapy clinics.
///
/// Write posts in Markdown with YAML front matter, build a themed clinic site
/// (articles with credentials bylines, team and location pages, category
/// archives, a feed and a sitemap), and deploy the `public/` folder anywhere.
#[derive(Debug, Parser)]
#[command(name = "gait", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    ///
    /// The site is rendered into a staging folder and swapped in only when
    /// every page succeeded: a failed build leaves the previous output as it was.
    Build(BuildArgs),
    /// Create a new site in DIR with the default theme and a first post.
    Init(InitArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's folder (holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: <root>/public].
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Use this base URL instead of site.yaml's `base_url`.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include posts and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include posts dated in the future.
    #[arg(long)]
    pub future: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (it must not exist, or be empty).
    pub dir: PathBuf,
}
