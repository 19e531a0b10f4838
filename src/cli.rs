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
    /// Preview the site: build it, serve it on this computer, and rebuild and
    /// reload the browser whenever a file changes.
    ///
    /// The preview is built into a private folder, never into public/, so it
    /// does not touch a deployment build.
    Serve(ServeArgs),
    /// Create a new site in DIR with the default theme and a first post.
    Init(InitArgs),
    /// Check the whole site (front matter, templates, links, images, headings)
    /// without writing anything. Exits 1 when anything is wrong.
    Check(CheckArgs),
    /// Start a new post, author or clinic file with valid front matter.
    #[command(subcommand)]
    New(NewCommand),
    /// Import content from another system.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Edit in the browser: a Decap CMS admin made from gait's content model.
    #[command(subcommand)]
    Cms(CmsCommand),
    /// Build the site as `gait build` does, then publish public/ to the
    /// target in site.yaml's `deploy:` section (s3:// or sftp://).
    ///
    /// Only new and changed files are sent (pages after the files they use),
    /// then files gait published before that the build no longer has are
    /// deleted. S3 credentials come from the AWS environment variables or
    /// ~/.aws/credentials; SFTP logs in with your SSH key and checks the
    /// server's key against known_hosts.
    Deploy(DeployArgs),
}

#[derive(Debug, Subcommand)]
pub enum CmsCommand {
    /// Write static/admin/index.html and static/admin/config.yml for Decap CMS.
    ///
    /// The config has one form field per front-matter key, marked required
    /// where gait requires it. `gait check` then reports where config.yml and
    /// gait's model disagree. A `data/referrals.yaml` that is a bare list is
    /// moved under a `referrals:` key, which Decap can edit.
    Init(CmsInitArgs),
}

#[derive(Debug, Args)]
pub struct CmsInitArgs {
    /// The site's folder (holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The site's GitHub repository, for editing on the web.
    #[arg(long, value_name = "OWNER/NAME", value_parser = parse_repo)]
    pub repo: Option<String>,
    /// The branch Decap commits to.
    #[arg(long, value_name = "NAME", default_value = "main")]
    pub branch: String,
    /// Write the files again if they exist (config.yml keeps its `backend` settings).
    #[arg(long)]
    pub force: bool,
    /// Load Decap CMS from this address instead of the pinned release on
    /// unpkg.com: a copy you host, such as /admin/decap-cms.js.
    #[arg(long, value_name = "URL")]
    pub decap_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct DeployArgs {
    /// The site's folder (holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Print what would be uploaded and deleted, and write nothing to the target.
    #[arg(long)]
    pub dry_run: bool,
    /// Publish here instead of site.yaml's `deploy.target`
    /// (s3://bucket/prefix or sftp://user@host:port/path).
    #[arg(long, value_name = "URL", value_parser = parse_target)]
    pub target: Option<crate::deploy::settings::Target>,
    /// Stop, writing nothing, when the deploy would delete more files than this.
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub max_deletes: usize,
}

/// Check `--target`, so a bad one is a usage error (exit 2).
fn parse_target(s: &str) -> Result<crate::deploy::settings::Target, String> {
    crate::deploy::settings::parse_target(s)
        .map_err(|e| format!("{e}: {}", crate::deploy::settings::TARGET_HELP))
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site's folder (holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Also list, for each translation, the posts it lacks and its posts
    /// older than their original (by `updated`, else `date`).
    #[arg(long)]
    pub translations: bool,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Write content/posts/<slug>.md as a draft dated today.
    Post(NewPostArgs),
    /// Write content/authors/<slug>.md.
    Author(NewNamedArgs),
    /// Write content/clinics/<slug>.md.
    Clinic(NewNamedArgs),
}

#[derive(Debug, Args)]
pub struct NewPostArgs {
    /// The post's title.
    pub title: String,
    /// The author's slug (the file name in content/authors/, without .md).
    #[arg(long, value_name = "SLUG")]
    pub author: String,
    /// The clinic's slug (defaults to the author's clinic).
    #[arg(long, value_name = "SLUG")]
    pub clinic: Option<String>,
    /// A category; repeat for several.
    #[arg(long = "category", value_name = "NAME")]
    pub categories: Vec<String>,
    /// The site's folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct NewNamedArgs {
    /// The person's full name, or the clinic's name.
    pub name: String,
    /// The site's folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import a WordPress export (Tools → Export, a WXR .xml file).
    Wordpress(ImportWordpressArgs),
}

#[derive(Debug, Args)]
pub struct ImportWordpressArgs {
    /// The WXR export file.
    pub export: PathBuf,
    /// The site's folder to import into.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// A copy of wp-content/uploads: images found there are copied beside their posts.
    #[arg(long, value_name = "DIR")]
    pub uploads: Option<PathBuf>,
    /// Download the pictures the export uses from the old site (kept in
    /// .gait/wp-uploads/, so a second run fetches only what is missing).
    #[arg(long, conflicts_with = "uploads")]
    pub download_media: bool,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
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
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
    /// Include posts and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include posts dated in the future.
    #[arg(long)]
    pub future: bool,
}

#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// The site's folder (holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on. Only this computer can connect with the default.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port; if it is taken, the next free one is used. 0 picks any free port.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include posts and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include posts dated in the future.
    #[arg(long)]
    pub future: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (it must not exist, or be empty). With --ci, it
    /// may also be an existing site, which then gets only the workflow.
    pub dir: PathBuf,
    /// Also write a CI workflow that builds and deploys the site on every
    /// push and once a day (so that posts dated today go live).
    #[arg(long, value_name = "SERVICE")]
    pub ci: Option<CiService>,
}

/// CI services `gait init --ci` writes a workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CiService {
    /// GitHub Actions: .github/workflows/deploy.yml
    Github,
}

/// Check `--repo` on the command line: `OWNER/NAME`.
fn parse_repo(s: &str) -> Result<String, String> {
    let ok = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    match s.split_once('/') {
        Some((owner, name)) if ok(owner) && ok(name) => Ok(s.to_string()),
        _ => Err("write the GitHub repository as OWNER/NAME, like kestrel-clinic/website".into()),
    }
}

/// Check `--base-url` on the command line, so a bad one is a usage error (exit 2).
fn parse_base_url(s: &str) -> Result<String, String> {
    crate::urls::Urls::new(s).map(|_| s.to_string())
}
