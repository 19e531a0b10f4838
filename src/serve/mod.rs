//! `gait serve`: build the site into a private folder, serve it on this
//! computer, and on every change rebuild what changed and reload the browsers.
//!
//! The site is never served from (or written to) the user's `public/`. A save
//! that breaks the site keeps the last good pages in place and shows the
//! error in the terminal and over the page; the server never exits because of
//! content. Ctrl-C (or a closed terminal, or `kill`) stops it and removes the
//! private folder; one left by a preview that was killed outright is removed
//! by the next ([`private`]).

pub mod background;
pub mod http;
pub mod output;
pub mod pictures;
pub mod private;
pub mod state;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use chrono::Utc;
use tokio::net::TcpListener;

use self::background::Background;
use self::output::PreviewSink;
use self::state::{Event, Live};
use self::watch::Watcher;
use crate::cli::ServeArgs;
use crate::config::{self, Config, Overrides};
use crate::diag::SiteErrors;
use crate::pipeline::{BuildOptions, Session, Strictness};

/// A pause in file changes this long ends a burst of saves. The watcher
/// already merges a file's events until it has been quiet for its debounce;
/// this joins the batches of files saved a few milliseconds apart.
const QUIET: std::time::Duration = std::time::Duration::from_millis(20);
/// While changes go on without a pause, rebuild at least this often.
const MAX_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// How many ports after the requested one to try.
const PORT_TRIES: u16 = 50;

pub fn run(args: ServeArgs) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("could not start the server's runtime")?;
    runtime.block_on(serve(args))
}

async fn serve(args: ServeArgs) -> Result<()> {
    let root = std::path::absolute(&args.root).unwrap_or_else(|_| args.root.clone());
    if !root.join(config::FILE_NAME).is_file() {
        bail!(
            "there is no site.yaml in {}; run gait serve in the site's folder or pass --root",
            root.display()
        );
    }
    let listener = bind(args.bind, args.port).await?;
    let port = listener.local_addr()?.port();
    let base_path = base_path(&root);
    let host = match args.bind {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let base_url = format!("http://{host}:{port}{base_path}");

    let private = private::PrivateDir::create()?;
    let shared = Live::new();
    let sink = Arc::new(PreviewSink::new(private.path()));
    let stop_sink = sink.clone();
    let opts = BuildOptions {
        root: root.clone(),
        output: private.path().to_path_buf(),
        base_url: Some(base_url.clone()),
        drafts: args.drafts,
        future: args.future,
        fingerprint_assets: false,
    };
    let mut session = Session::incremental(opts);
    session.pictures_aside();
    let mut background = Background::default();
    rebuild(&mut session, &sink, &shared, &mut background, false);

    let (watcher, changes) = Watcher::start(&root)?;
    let rebuild_shared = shared.clone();
    std::thread::spawn(move || {
        rebuild_loop(session, sink, rebuild_shared, background, watcher, changes)
    });

    let stopping = shared.clone();
    let app = http::router(private.path(), &base_path, shared);
    crate::diag::say(format_args!(
        "Serving {} at {base_url}/ (Ctrl-C to stop)",
        root.display()
    ));
    if args.open
        && let Err(e) = opener::open(format!("{base_url}/"))
    {
        eprintln!("Could not open a browser: {e}");
    }
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            stop_signal().await;
            crate::diag::say(format_args!("\nStopping."));
            stopping.stop();
        })
        .await
        .context("the server stopped")?;
    // A rebuild may still be writing: it is made to stop before the folder goes.
    stop_sink.close();
    drop(private);
    Ok(())
}

/// Ctrl-C, or (on Unix) the signal a closed terminal or `kill` sends: each
/// stops the preview the same way, removing its folder.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        // A signal that cannot be listened for never comes.
        let wait = |kind| async move {
            match signal(kind) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = wait(SignalKind::terminate()) => {}
            _ = wait(SignalKind::hangup()) => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Listen on `port`, or on the next free one when it is taken.
async fn bind(ip: IpAddr, port: u16) -> Result<TcpListener> {
    if port == 0 {
        return TcpListener::bind(SocketAddr::new(ip, 0))
            .await
            .context("could not listen on any port");
    }
    let mut tried = port;
    loop {
        match TcpListener::bind(SocketAddr::new(ip, tried)).await {
            Ok(listener) => return Ok(listener),
            Err(e)
                if e.kind() == std::io::ErrorKind::AddrInUse
                    && tried < port.saturating_add(PORT_TRIES) =>
            {
                eprintln!("Port {tried} is taken; trying {}.", tried + 1);
                tried += 1;
            }
            Err(e) => return Err(e).with_context(|| format!("could not listen on {ip}:{tried}")),
        }
    }
}

/// The path part of site.yaml's base_url (`/blog`), so the preview mirrors it.
fn base_path(root: &Path) -> String {
    let text = std::fs::read_to_string(root.join(config::FILE_NAME)).unwrap_or_default();
    let overrides = Overrides { base_url: None };
    Config::parse(&text, &overrides)
        .map(|c| c.urls.base_path().to_string())
        .unwrap_or_default()
}

fn rebuild_loop(
    mut session: Session,
    sink: Arc<PreviewSink>,
    shared: Live,
    mut background: Background,
    mut watcher: Watcher,
    changes: Receiver<Vec<PathBuf>>,
) {
    let root = session.opts.root.clone();
    while let Ok(mut batch) = changes.recv() {
        // One save (the watcher already waited for its writes to end) is
        // rebuilt at once. In a burst of saves, where more changes are
        // already waiting, wait until they pause for QUIET, but rebuild at
        // least every MAX_WAIT while they go on.
        let mut burst = false;
        while let Ok(more) = changes.try_recv() {
            batch.extend(more);
            burst = true;
        }
        let first = Instant::now();
        while burst && first.elapsed() < MAX_WAIT {
            match changes.recv_timeout(QUIET) {
                Ok(more) => batch.extend(more),
                Err(_) => break,
            }
        }
        batch.sort();
        batch.dedup();
        if let Err(e) = watcher.refresh() {
            eprintln!("{e:#}");
        }
        let relevant: Vec<&PathBuf> = batch
            .iter()
            .filter(|p| watch::is_relevant(&root, p))
            .collect();
        if relevant.is_empty() {
            continue;
        }
        let css_only = relevant
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "css"));
        session.set_changed(relevant.into_iter().cloned().collect());
        rebuild(&mut session, &sink, &shared, &mut background, css_only);
    }
}

/// The broken links of a build, as the terminal shows them, for the
/// browsers' panel; `None` when there are none.
fn broken_links_notice(links: &[crate::diag::Diagnostic]) -> Option<String> {
    if links.is_empty() {
        return None;
    }
    let mut text: Vec<String> = links.iter().map(ToString::to_string).collect();
    let n = links.len();
    text.push(format!(
        "{n} broken {}: the pages were updated anyway",
        crate::diag::plural(n, "link", "links")
    ));
    Some(text.join("\n"))
}

/// Build once; report to the terminal and to the browsers. Browsers are
/// told to reload as soon as the changed pages are written; the feeds and the
/// search index follow in the `background`.
pub fn rebuild(
    session: &mut Session,
    sink: &Arc<PreviewSink>,
    shared: &Live,
    background: &mut Background,
    css_only: bool,
) {
    let started = Instant::now();
    let now = Utc::now();
    let had_error = shared.error().is_some();
    let result = session
        .prepare(now, Strictness::Build)
        .and_then(|prepared| {
            // Set before the pages reload, so that they show it.
            shared.set_notice(broken_links_notice(&prepared.broken_links));
            shared.pictures().update(pictures::Current {
                engine: prepared.engine.clone(),
                set: prepared.pictures.clone(),
            });
            let (stats, frame) = session.write_pages(&prepared, sink.as_ref(), now)?;
            Ok((Arc::new(prepared), stats, frame))
        });
    match result {
        Ok((prepared, stats, frame)) => {
            sink.retain_pages(&stats.outputs)
                .unwrap_or_else(|e| eprintln!("{e:#}"));
            // A save that changed nothing leaves browsers alone, unless they
            // show an error that this build just cleared.
            let reloaded = sink.take_changes() > 0 || had_error;
            if reloaded {
                shared.built(if css_only { Event::Css } else { Event::Reload });
            }
            for w in prepared.warnings.warnings() {
                eprintln!("{w}");
            }
            let line = crate::diag::build_summary(
                prepared.site.posts.len(),
                stats.pages,
                Some(stats.rendered),
                started.elapsed(),
            );
            let left_out = crate::pipeline::left_out_note(prepared.site.left_out);
            crate::diag::say(format_args!("{line}{left_out}"));
            background.start(
                prepared,
                frame,
                stats,
                sink.clone(),
                shared.clone(),
                reloaded,
            );
        }
        Err(err) => {
            let message = match err.downcast_ref::<SiteErrors>() {
                Some(site_errors) => site_errors.to_string(),
                None => format!("error: {err:#}"),
            };
            eprintln!("{message}\nStill serving the last good build.");
            shared.failed(message);
        }
    }
}
