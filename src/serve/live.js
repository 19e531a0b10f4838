// gait serve: reload this page when the site is rebuilt, swap stylesheets
// when only CSS changed, and show build errors over the page.
// Injected by the preview server only; never part of a `gait build`.
(function () {
  "use strict";
  // A page can opt out: the Decap CMS admin would lose unsaved edits.
  if (document.querySelector('meta[name="gait-live-reload"][content="off"]')) return;
  var overlay = null;

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function show(message) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "gait-error-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,24,24,.92);" +
      "color:#fff;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem;";
    var title = document.createElement("p");
    title.textContent = "The site could not be rebuilt. Fix the file below and save: this page updates by itself.";
    title.style.cssText = "font:600 18px/1.4 system-ui,sans-serif;margin:0 0 1rem;";
    var pre = document.createElement("pre");
    pre.textContent = message;
    pre.style.cssText = "white-space:pre-wrap;margin:0 0 1rem;color:#ffd7c2;";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.style.cssText = "font:inherit;padding:.4rem 1rem;min-height:24px;";
    close.addEventListener("click", hide);
    overlay.append(title, pre, close);
    document.body.appendChild(overlay);
  }

  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      url.searchParams.set("gait-reload", String(Date.now()));
      links[i].href = url.toString();
    }
  }

  var events = new EventSource("/__gait/events");
  events.addEventListener("reload", function () {
    location.reload();
  });
  events.addEventListener("css", function () {
    hide();
    swapStylesheets();
  });
  events.addEventListener("build-error", function (e) {
    try {
      show(JSON.parse(e.data).message);
    } catch (_) {
      show(String(e.data));
    }
  });
})();
