//! What the preview server shares between the rebuild thread and the HTTP
//! handlers: the current build error (if any), the pictures, and the
//! channel that tells every open browser tab to reload.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use serde::Serialize;
use tokio::sync::broadcast;

use super::pictures::PreviewPictures;

/// A message to the browsers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Event {
    /// The pages changed: reload.
    Reload,
    /// Only stylesheets changed: swap them without reloading.
    Css,
    /// The last save broke the site: show this over the page.
    Error { message: String },
    /// The site was rebuilt with broken links (published anyway): show them
    /// in a panel that does not cover the page.
    Notice { message: String },
    /// The preview is stopping: each tab's stream ends (never sent to a
    /// browser), so that open tabs do not keep the server running.
    Stop,
}

impl Event {
    /// The SSE event name.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Reload => "reload",
            Event::Css => "css",
            // Not "error": EventSource uses that name for its own connection errors.
            Event::Error { .. } => "build-error",
            Event::Notice { .. } => "build-notice",
            Event::Stop => "stop",
        }
    }
}

/// The preview's live state, shared by the rebuild thread and the HTTP
/// handlers: the current build error, and the events sent to browsers.
#[derive(Clone)]
pub struct Live {
    inner: Arc<Inner>,
}

struct Inner {
    error: RwLock<Option<String>>,
    /// The last good build's pictures, made aside and served from the cache.
    pictures: PreviewPictures,
    /// The broken links of the last good build, if it had any.
    notice: RwLock<Option<String>>,
    events: broadcast::Sender<Event>,
    stopping: AtomicBool,
}

impl Default for Live {
    fn default() -> Self {
        Self::new()
    }
}

impl Live {
    pub fn new() -> Live {
        let (events, _) = broadcast::channel(64);
        Live {
            inner: Arc::new(Inner {
                error: RwLock::new(None),
                pictures: PreviewPictures::default(),
                notice: RwLock::new(None),
                events,
                stopping: AtomicBool::new(false),
            }),
        }
    }

    /// The pictures of the last good build.
    pub fn pictures(&self) -> &PreviewPictures {
        &self.inner.pictures
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.inner.events.subscribe()
    }

    /// End every tab's event stream, and those of tabs that connect later.
    pub fn stop(&self) {
        self.inner.stopping.store(true, Ordering::SeqCst);
        let _ = self.inner.events.send(Event::Stop);
    }

    /// Whether [`Live::stop`] was called (read after subscribing: a stream
    /// that sees `false` here gets the [`Event::Stop`] sent after).
    pub fn is_stopping(&self) -> bool {
        self.inner.stopping.load(Ordering::SeqCst)
    }

    /// The error of the last build, if it failed.
    pub fn error(&self) -> Option<String> {
        self.inner.error.read().map(|e| e.clone()).unwrap_or(None)
    }

    /// The broken links of the last good build, if it had any.
    pub fn notice(&self) -> Option<String> {
        self.inner.notice.read().map(|n| n.clone()).unwrap_or(None)
    }

    /// Remember the last good build's broken links (a tab that loads a
    /// page gets them when it connects), and tell the open tabs.
    pub fn set_notice(&self, message: Option<String>) {
        if let Ok(mut n) = self.inner.notice.write() {
            *n = message.clone();
        }
        if let Some(message) = message {
            let _ = self.inner.events.send(Event::Notice { message });
        }
    }

    /// A build succeeded: clear any error and tell the browsers.
    pub fn built(&self, event: Event) {
        if let Ok(mut e) = self.inner.error.write() {
            *e = None;
        }
        let _ = self.inner.events.send(event);
    }

    /// A build failed: keep serving the last good pages and show the error.
    pub fn failed(&self, message: String) {
        if let Ok(mut e) = self.inner.error.write() {
            *e = Some(message.clone());
        }
        let _ = self.inner.events.send(Event::Error { message });
    }
}
