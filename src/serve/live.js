// gait serve: reload this page when the site is rebuilt, swap stylesheets
// when only CSS changed, and show build errors over the page.
// Injected by the preview server only; never part of a `gait build`.
//
// The error overlay lives in a shadow root with its own styles, so the
// site's CSS cannot reach it (nor it the site). Its colours meet WCAG AA
// (text at least 7:1). It shows each error as the terminal does: the
// file:line as a heading, the message, the offending line with its number,
// and the help.
(function () {
  "use strict";
  // A page can opt out: the Decap CMS admin would lose unsaved edits.
  if (document.querySelector('meta[name="gait-live-reload"][content="off"]')) return;
  var host = null;

  // A notice does not cover the page: a panel at the bottom, scrolling on its own.
  var NOTICE_STYLE =
    ":host{inset:auto 0 0 0!important}" +
    ".backdrop{position:static;padding:0 1rem 1rem;background:none;max-height:45vh}" +
    ".panel{border-top-color:#7a4d00;max-height:45vh;overflow:auto}" +
    ".kicker{color:#6b4400}";

  var STYLE =
    ":host{all:initial!important;position:fixed!important;inset:0!important;" +
    "z-index:2147483647!important;display:block!important}" +
    ".backdrop{position:absolute;inset:0;overflow:auto;box-sizing:border-box;" +
    "padding:2rem 1rem;background:rgba(16,24,24,.6)}" +
    ".panel{box-sizing:border-box;max-width:56rem;margin:0 auto;padding:1.5rem 1.5rem 1.25rem;" +
    "background:#fff;color:#1b1b1b;border-top:6px solid #a4262c;border-radius:10px;" +
    "box-shadow:0 8px 40px rgba(0,0,0,.35);font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;" +
    "text-align:left;letter-spacing:normal;word-spacing:normal;text-transform:none}" +
    ".kicker{margin:0;color:#8a1c21;font-size:13px;font-weight:700;letter-spacing:.06em;text-transform:uppercase}" +
    ".title{margin:.25rem 0 .25rem;font-size:22px;font-weight:700;line-height:1.3}" +
    ".lede{margin:0 0 .5rem;color:#3d3d3d}" +
    "section{margin:1.25rem 0 0;padding:1rem 0 0;border-top:1px solid #d6d6d6}" +
    "h2{margin:0 0 .25rem;color:#1b1b1b;font:700 17px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;" +
    "overflow-wrap:anywhere}" +
    ".message{margin:0 0 .5rem;white-space:pre-wrap;overflow-wrap:anywhere}" +
    "pre{margin:.5rem 0;padding:.75rem 1rem;overflow-x:auto;white-space:pre;background:#1e1e1e;color:#f2f2f2;" +
    "border-radius:6px;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;tab-size:4}" +
    "pre:focus-visible,button:focus-visible{outline:3px solid #a4262c;outline-offset:2px}" +
    ".help{margin:.5rem 0 0;padding:.5rem .75rem;background:#eef5f1;color:#143d30;border-radius:6px;" +
    "white-space:pre-wrap;overflow-wrap:anywhere}" +
    ".help b{font-weight:700}" +
    ".foot{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.75rem;" +
    "margin:1.25rem 0 0;padding:1rem 0 0;border-top:1px solid #d6d6d6}" +
    ".count{margin:0;color:#3d3d3d;font-weight:600}" +
    "button{min-height:44px;padding:.5rem 1.25rem;border:1px solid #1b1b1b;border-radius:6px;" +
    "background:#1b1b1b;color:#fff;font:600 15px/1.2 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;cursor:pointer}" +
    "button:hover{background:#3d3d3d}";

  // One error of the terminal's output: "error: FILE:LINE: MESSAGE", then
  // "  LINE | the line" and "  help: ..." lines (src/diag.rs).
  function parse(message) {
    var errors = [];
    var count = "";
    var current = null;
    String(message).split("\n").forEach(function (line) {
      var head = /^(?:error|warning): (.*)$/.exec(line);
      if (head) {
        current = { where: "", message: head[1], code: [], help: [] };
        var sep = head[1].indexOf(": ");
        var where = sep > 0 ? head[1].slice(0, sep) : "";
        // A location is a path, perhaps with :line:column; an error without
        // one ("could not read ...: ...") keeps its whole text as message.
        if (where && (!/\s/.test(where) || /:\d+(?::\d+)?$/.test(where))) {
          current.where = where;
          current.message = head[1].slice(sep + 2);
        }
        errors.push(current);
      } else if (/^\d+ errors? in \d+ files?$/.test(line) || /^\d+ broken links?: /.test(line)) {
        count = line;
      } else if (!current) {
        current = { where: "", message: line, code: [], help: [] };
        errors.push(current);
      } else if (/^\s*\d+ \| /.test(line) && !current.help.length) {
        current.code.push(line);
      } else if (/^\s+help: /.test(line)) {
        current.help.push(line.replace(/^\s+help: /, ""));
      } else if (current.help.length) {
        current.help.push(line);
      } else {
        current.message += "\n" + line;
      }
    });
    return { errors: errors, count: count };
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function hide() {
    if (host) {
      host.remove();
      host = null;
    }
  }

  // `notice`: the build worked, with broken links; the panel then sits at
  // the bottom of the window and leaves the page usable.
  function show(message, notice) {
    hide();
    var parsed = parse(message);
    host = document.createElement("div");
    host.id = "gait-error-overlay";
    host.setAttribute("role", notice ? "status" : "alert");
    var root = host.attachShadow({ mode: "open" });
    var style = el("style");
    style.textContent = STYLE + (notice ? NOTICE_STYLE : "");
    var backdrop = el("div", "backdrop");
    var panel = el("div", "panel");
    if (notice) {
      panel.append(
        el("p", "kicker", "gait serve: broken links"),
        el("p", "title", "Some links point to nothing yet"),
        el("p", "lede", "The pages were updated. Fix these links, or write the pages they point to; `gait check` lists them too.")
      );
    } else {
      panel.append(
        el("p", "kicker", "gait serve: build error"),
        el("p", "title", "The site could not be rebuilt"),
        el("p", "lede", "Fix the file below and save: this page updates by itself. Until then it shows the last good build.")
      );
    }
    parsed.errors.forEach(function (e) {
      var section = el("section");
      section.append(el("h2", "", e.where || "Error"));
      section.append(el("p", "message", e.message));
      if (e.code.length) {
        var pre = el("pre", "", e.code.join("\n"));
        pre.tabIndex = 0;
        pre.setAttribute("role", "region");
        pre.setAttribute("aria-label", "The line in the file");
        section.append(pre);
      }
      if (e.help.length) {
        var help = el("p", "help");
        help.append(el("b", "", "Help: "), e.help.join("\n"));
        section.append(help);
      }
      panel.append(section);
    });
    var foot = el("div", "foot");
    foot.append(el("p", "count", parsed.count));
    var close = el("button", "", "Hide");
    close.type = "button";
    close.addEventListener("click", hide);
    foot.append(close);
    panel.append(foot);
    backdrop.append(panel);
    root.append(style, backdrop);
    document.body.appendChild(host);
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && host) hide();
  });

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
  events.addEventListener("build-notice", function (e) {
    try {
      show(JSON.parse(e.data).message, true);
    } catch (_) {
      show(String(e.data), true);
    }
  });
  events.addEventListener("build-error", function (e) {
    try {
      show(JSON.parse(e.data).message);
    } catch (_) {
      show(String(e.data));
    }
  });
})();
