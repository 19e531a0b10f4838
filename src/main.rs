//! The `gait` binary: parse the command line, run the command, print
//! diagnostics, and exit 0 (success), 1 (the site has errors) or 2 (bad usage).

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use std::process::ExitCode;

use clap::Parser;

use gait::cli::{Cli, CmsCommand, Command, ImportCommand};
use gait::diag::SiteErrors;
use gait::pipeline::{self, BuildOptions};

// Builds allocate many small strings and template values on all cores;
// mimalloc handles that much better than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc v3's `purge_delay` option (its place in `mi_option_t`).
const MI_OPTION_PURGE_DELAY: i32 = 15;

unsafe extern "C" {
    fn mi_option_get(option: i32) -> std::ffi::c_long;
    fn mi_option_set(option: i32, value: std::ffi::c_long);
}

/// Give memory freed 10 ms ago back to the system, as mimalloc v2 did, not
/// after v3's default of a second: a build frees the posts' Markdown and
/// each page as it goes, and with the longer wait a rebuild of 10,000 posts
/// held 152 MiB instead of 127 MiB at its peak, for 2% more time. Set only
/// when the option reads v3's default, so another numbering changes nothing,
/// and not when `MIMALLOC_PURGE_DELAY` chooses.
fn purge_freed_memory_sooner() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: both functions only read or write mimalloc's option table,
    // are thread-safe, and take any option number.
    unsafe {
        if mi_option_get(MI_OPTION_PURGE_DELAY) == 1000 {
            mi_option_set(MI_OPTION_PURGE_DELAY, 10);
        }
    }
}

fn main() -> ExitCode {
    purge_freed_memory_sooner();
    let cli = Cli::parse();
    let footer = failure_footer(&cli.command);
    let result = match cli.command {
        Command::Build(args) => {
            let output = args
                .output
                .clone()
                .unwrap_or_else(|| args.root.join("public"));
            let opts = BuildOptions {
                root: args.root,
                output,
                base_url: args.base_url,
                drafts: args.drafts,
                future: args.future,
                fingerprint_assets: true,
            };
            pipeline::build(&opts).map(|report| {
                for w in report.warnings.warnings() {
                    eprintln!("{w}");
                }
                if let Some(line) = report.broken_links_line() {
                    eprintln!("{line}");
                }
                gait::diag::say(format_args!("{}", report.summary()));
            })
        }
        Command::Init(args) => gait::init::run(&args),
        Command::Deploy(args) => gait::deploy::run(&args),
        Command::Check(args) => gait::check::run(&args.root, args.translations),
        Command::Serve(args) => gait::serve::run(args),
        Command::New(cmd) => gait::new::run(&cmd),
        Command::Import(ImportCommand::Wordpress(args)) => gait::import::wordpress::run(&args),
        Command::Cms(CmsCommand::Init(args)) => gait::cms::init(&gait::cms::InitOptions {
            root: args.root,
            repo: args.repo,
            branch: args.branch,
            force: args.force,
            decap_url: args.decap_url,
        })
        .map(|said| said.iter().for_each(gait::diag::say)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            match err.downcast_ref::<SiteErrors>() {
                Some(site_errors) => {
                    for w in site_errors.0.warnings() {
                        eprintln!("{w}");
                    }
                    eprintln!("{site_errors}");
                    if let Some(footer) = footer {
                        eprintln!("{footer}");
                    }
                }
                None => eprintln!("error: {err:#}"),
            }
            ExitCode::from(1)
        }
    }
}

/// The line after a command's errors that says what they left as it was:
/// only `build` has an output folder, and only `import` changes the site.
/// `check` writes nothing ever, and `new` says what it refused in its error.
fn failure_footer(command: &Command) -> Option<&'static str> {
    match command {
        // A deploy stops at its build's errors, before publishing anything.
        Command::Build(_) | Command::Deploy(_) => {
            Some("Nothing was written: the output folder is unchanged.")
        }
        Command::Import(_) => Some("Nothing was imported: the site's files are unchanged."),
        Command::Cms(_) => Some("Nothing was written: the site's files are unchanged."),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn freed_memory_goes_back_after_ten_milliseconds() {
        super::purge_freed_memory_sooner();
        // SAFETY: reads mimalloc's option table.
        let delay = unsafe { super::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(
            delay, 10,
            "mimalloc's option numbering or its default changed"
        );
    }
}
