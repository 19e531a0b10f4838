//! The preview's HTTP side: the private output folder served by tower-http's
//! `ServeDir` (MIME types, `index.html` for folders, no listings, no paths
//! outside the folder), the pictures from the site's picture cache (made on
//! the first request when they are not made yet), the theme's 404 page with
//! status 404, the live-reload event stream, and the live-reload script
//! injected into HTML responses.

use std::convert::Infallible;
use std::path::Path;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Response, StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};
use tower_http::services::{ServeDir, ServeFile};

use super::state::{Event, Live};

pub const EVENTS_PATH: &str = "/__gait/events";
pub const SCRIPT_PATH: &str = "/__gait/live.js";
const SCRIPT: &str = include_str!("live.js");
/// The largest HTML page the server rewrites to add the live-reload script.
const MAX_HTML: usize = 64 * 1024 * 1024;

/// The router for a site served from `dir` under `base_path` (`""` or `/blog`).
pub fn router(dir: &Path, base_path: &str, shared: Live) -> Router {
    let files = ServeDir::new(dir)
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(dir.join("404.html")));
    let app = Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script));
    let app = if base_path.is_empty() {
        app.fallback_service(files)
    } else {
        let home = format!("{base_path}/");
        app.route("/", get(move || async move { Redirect::temporary(&home) }))
            .nest_service(base_path, files)
    };
    let base = base_path.to_string();
    let pictures = shared.clone();
    app.layer(axum::middleware::from_fn(move |req, next| {
        picture_or_file(pictures.clone(), base.clone(), req, next)
    }))
    .layer(axum::middleware::map_response(inject))
    .with_state(shared)
}

/// A picture of the site, from the picture cache (made now if it is not
/// yet); anything else from the output folder.
async fn picture_or_file(
    shared: Live,
    base_path: String,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response<Body> {
    let site_path = req
        .uri()
        .path()
        .strip_prefix(base_path.as_str())
        .and_then(|p| crate::links::target("", p));
    let Some(site_path) = site_path.filter(|p| shared.pictures().publishes(p)) else {
        return next.run(req).await;
    };
    let found = {
        let (shared, site_path) = (shared.clone(), site_path.clone());
        tokio::task::spawn_blocking(move || shared.pictures().file(&site_path)).await
    };
    let file = match found {
        Ok(Some(Ok(file))) => file,
        Ok(None) => return next.run(req).await,
        Ok(Some(Err(e))) => return (StatusCode::INTERNAL_SERVER_ERROR, e).into_response(),
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    match tokio::fs::read(&file).await {
        Ok(bytes) => {
            let mime = mime_guess::from_path(&site_path).first_or_octet_stream();
            ([(header::CONTENT_TYPE, mime.to_string())], bytes).into_response()
        }
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        SCRIPT,
    )
}

fn sse_event(event: &Event) -> SseEvent {
    SseEvent::default()
        .event(event.name())
        .data(serde_json::to_string(event).unwrap_or_else(|_| "{}".into()))
}

/// Server-sent events: `reload`, `css`, `build-error`. A tab that connects
/// while the site is broken gets the error at once.
async fn events(
    State(shared): State<Live>,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let current = match shared.error() {
        Some(message) => Some(Event::Error { message }),
        None => shared.notice().map(|message| Event::Notice { message }),
    }
    .map(|e| Ok(sse_event(&e)));
    let receiver = shared.subscribe();
    // A tab's stream ends when the preview stops, or the server would wait
    // for the tab to close before it could.
    let live = match shared.is_stopping() {
        true => 0,
        false => usize::MAX,
    };
    let updates = BroadcastStream::new(receiver)
        .take(live)
        .take_while(|e| !matches!(e, Ok(Event::Stop)))
        .filter_map(|e| e.ok().map(|e| Ok(sse_event(&e))));
    let stream = tokio_stream::iter(current).chain(updates);
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Add the live-reload script to HTML responses, and never let a browser
/// cache a preview page.
async fn inject(response: Response<Body>) -> Response<Body> {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let (mut parts, body) = response.into_parts();
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if !is_html {
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = axum::body::to_bytes(body, MAX_HTML).await else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "page too large to preview",
        )
            .into_response();
    };
    let tag = format!("<script src=\"{SCRIPT_PATH}\" defer></script>");
    let html = String::from_utf8_lossy(&bytes);
    let injected = match html.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(injected))
}
