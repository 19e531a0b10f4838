/*
 * gait "clinic" theme: site search (templates/search.html).
 *
 * Reads the index gait writes below search/ (see src/search/mod.rs):
 *   index.json   vocabulary: stems, surface words, document frequencies,
 *                stop words, accent folding, and where each stem's postings
 *                and each document are in the packs below
 *   p/<n>.json   postings of a range of stems (a JSON array, ~1 MiB): only the
 *                bytes of the stems a query needs are fetched (Range
 *                requests), or, at low priority, when the first letter of a
 *                word is typed, those of the words it begins
 *   titles.json  kind, title, URL, date and authors of every document, fetched
 *                at low priority once the page is idle: results then show
 *                as soon as they are ranked, and only their snippets wait for
 *   d/<n>.json   documents in order (title, URL, date, authors, summary,
 *                text; a JSON array, ~1 MiB): the bytes of the results on
 *                screen are fetched
 * A server that ignores Range sends a whole pack: it is kept and read from.
 *
 * Ranking: every word of the query must match (stop words are skipped); a
 * word matches its stem (stretches = stretching), the word being typed also
 * matches as a prefix, and a word of 5+ letters that matches nothing matches
 * words and stems one edit away (a letter added, dropped, changed or two
 * swapped).
 * Title matches count far more than category, tag and author matches, which
 * count more than the summary and body; rarer words count more; ties go to
 * the newer post.
 *
 * The query lives in the address (?q=hip+pain, history.replaceState). The
 * count goes to the role="status" region; ArrowDown moves from the field to
 * the results, ArrowUp/ArrowDown between them, Escape back to the field.
 */
(function () {
  'use strict';

  var root = document.querySelector('[data-search]');
  if (!root || !window.fetch || !window.Map || !window.URLSearchParams || !('hidden' in root)) return;

  var input = document.getElementById('search-q');
  var form = input.form;
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var indexUrl = root.getAttribute('data-index');
  var base = indexUrl.replace(/[^/]*$/, '');
  var PAGE = 10;
  var MAX_PREFIX = 50;
  var PREFETCH_BYTES = 32768;
  var MAX_TYPO = 20;
  var MAX_WORDS = 20;
  var WORD = /[\p{Alphabetic}\p{N}]+(?:['\u2019][\p{Alphabetic}\p{N}]+)*/gu;
  /* What the script says, in English; a page in another language carries
     its own words as JSON in #search-text (the theme's i18n files,
     `search_js`). {n}, {query} and {names} are filled in. */
  var TEXT = {
    page: 'Page',
    author: 'Therapist',
    clinic: 'Location',
    by: 'By {names}',
    result_one: '{n} result for “{query}”',
    result_other: '{n} results for “{query}”',
    no_results: 'No results for “{query}”. Check the spelling, or try fewer or other words.',
    unavailable: 'Search is not available right now. Please try again later.'
  };
  var own = document.getElementById('search-text');
  if (own) {
    try {
      var words = JSON.parse(own.textContent);
      for (var k in words) if (Object.prototype.hasOwnProperty.call(TEXT, k)) TEXT[k] = String(words[k]);
    } catch (e) { /* keep the English */ }
  }
  var KIND = { page: TEXT.page, author: TEXT.author, clinic: TEXT.clinic };

  /* The text `key` with its {name}s filled from `args`. */
  function say(key, args) {
    return TEXT[key].replace(/\{(\w+)\}/g, function (m, name) {
      return args && name in args ? String(args[name]) : m;
    });
  }

  document.getElementById('search-nojs').hidden = true;
  document.getElementById('search-help').hidden = false;
  root.classList.add('search-js');

  /* ---- Words: the same rules as src/search.rs ---- */

  function stem(w) {
    if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
    var s = w;
    var n = s.length;
    if (/ies$/.test(s) && n >= 5) s = s.slice(0, -3) + 'y';
    else if (/es$/.test(s) && n >= 5 && /(s|x|z|ch|sh)$/.test(s.slice(0, -2))) s = s.slice(0, -2);
    else if (/s$/.test(s) && !/(ss|us|is)$/.test(s)) s = s.slice(0, -1);
    var m = s.length;
    var stripped = false;
    if (/ing$/.test(s) && m >= 6 && /[aeiouy]/.test(s.slice(0, -3))) {
      s = s.slice(0, -3);
      stripped = true;
    } else if (/ed$/.test(s) && !/eed$/.test(s) && m >= 5 && /[aeiouy]/.test(s.slice(0, -2))) {
      s = s.slice(0, -2);
      stripped = true;
    }
    if (stripped) {
      var k = s.length;
      if (k >= 2 && s[k - 1] === s[k - 2] && 'aeiouylsz'.indexOf(s[k - 1]) < 0) s = s.slice(0, -1);
    }
    if (s.length >= 4 && s[s.length - 1] === 'e') s = s.slice(0, -1);
    return s;
  }

  /* A word as written → as indexed (lower case, accents folded, no apostrophes). */
  function norm(ix, raw) {
    var out = '';
    for (var c of raw.toLowerCase()) {
      if (c === "'" || c === '\u2019') continue;
      out += ix.fold.get(c) || c;
    }
    return out;
  }

  function letters(raw) {
    return Array.from(raw.replace(/['\u2019]/g, '')).length;
  }

  /* At most one edit apart: insert, delete, substitute, or swap two neighbours. */
  function within1(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (i === la) return true;
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* ---- Loading ---- */

  var indexPromise = null;

  /* Loads that can wait for what the page needs now. */
  var LOW = { priority: 'low' };

  function fetchJson(url, opts) {
    return fetch(url, opts).then(function (r) {
      if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
      return r.json();
    });
  }

  function loadIndex() {
    if (!indexPromise) {
      indexPromise = fetchJson(indexUrl, { cache: 'no-cache' }).then(prepare);
      indexPromise.catch(function () { indexPromise = null; });
    }
    return indexPromise;
  }

  function prepare(raw) {
    if (raw.v !== 2) throw new Error('unknown search index version ' + raw.v);
    var digit = new Int8Array(128).fill(-1);
    for (var i = 0; i < 64; i++) digit[raw.alphabet.charCodeAt(i)] = i;
    var fold = new Map();
    var from = Array.from(raw.fold[0]), to = Array.from(raw.fold[1]);
    from.forEach(function (c, j) { fold.set(c, to[j]); });
    var stemId = new Map();
    raw.stems.forEach(function (s, j) { stemId.set(s, j); });
    var wordId = new Map();
    raw.words.forEach(function (w, j) { wordId.set(w, j); });
    var stemWords = raw.stems.map(function () { return []; });
    raw.ws.forEach(function (s, w) { stemWords[s].push(w); });
    return {
      id: raw.id, n: raw.n, digit: digit, fold: fold, stop: new Set(raw.stop),
      stems: raw.stems, stemId: stemId, words: raw.words, wordId: wordId, ws: raw.ws,
      stemWords: stemWords, df: raw.df,
      p: packs('p', raw.p, digit, 2048), d: packs('d', raw.d, digit, 0), whole: new Map(),
      encoded: new Map(), postings: new Map(), titles: null, titlesLoad: null
    };
  }

  /* Where the items of the packs in folder `name` are: each pack is a JSON
     array, so item i starts after `[` and the items before it, each with
     its `,`. Items at most `gap` bytes apart are fetched together: stems
     (a prefix's words are neighbours), not documents (results seldom are). */
  function packs(name, raw, digit, gap) {
    var len = [], v = 0, shift = 0;
    for (var i = 0; i < raw.len.length; i++) {
      var d = digit[raw.len.charCodeAt(i)];
      v += (d & 31) * Math.pow(2, shift);
      shift += 5;
      if (d < 32) { len.push(v); v = 0; shift = 0; }
    }
    var start = new Float64Array(len.length);
    for (var k = 0; k < raw.first.length; k++) {
      var at = 1;
      for (var j = raw.first[k]; j < (raw.first[k + 1] || len.length); j++) {
        start[j] = at;
        at += len[j] + 1;
      }
    }
    return { name: name, first: raw.first, start: start, len: len, gap: gap, loads: new Map() };
  }

  /* titles.json, once: until it is there, results wait for their document files. */
  function loadTitles(ix) {
    if (!ix.titlesLoad) {
      ix.titlesLoad = fetchJson(base + 'titles.json?v=' + ix.id, LOW).then(function (t) {
        if (t.t.length === ix.n) ix.titles = t;
      });
      ix.titlesLoad.catch(function () { ix.titlesLoad = null; });
    }
    return ix.titlesLoad;
  }

  /* What a result shows before its snippet, if titles.json is loaded. */
  function head(ix, d) {
    var t = ix.titles;
    return t && { k: t.k[d], t: t.t[d], u: t.u[d], d: t.d[d], i: t.i[d], a: t.a[d] };
  }

  /* The pack that item i of `t` is in. */
  function packOf(t, i) {
    var lo = 0, hi = t.first.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (t.first[mid] <= i) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  var utf8 = new TextDecoder();

  /* A whole pack, once (where the server answered a Range with all of it). */
  function whole(ix, url) {
    var p = ix.whole.get(url);
    if (!p) {
      p = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
        return r.arrayBuffer();
      });
      p.catch(function () { ix.whole.delete(url); });
      ix.whole.set(url, p);
    }
    return p;
  }

  /* Bytes [from, to) of `url` as text: a Range request, or a slice of the
     whole file where the server sends all of it (or a range fails). */
  function bytes(ix, url, from, to, opts) {
    var slice = function (buf) { return utf8.decode(new Uint8Array(buf, from, to - from)); };
    if (ix.whole.has(url)) return whole(ix, url).then(slice);
    var o = Object.assign({ headers: { Range: 'bytes=' + from + '-' + (to - 1) } }, opts);
    return fetch(url, o).then(function (r) {
      if (r.status === 206 && (r.headers.get('Content-Range') || '').indexOf('bytes ' + from + '-') === 0) {
        return r.arrayBuffer().then(function (buf) {
          if (buf.byteLength !== to - from) throw new Error(url + ': a short range');
          return utf8.decode(buf);
        });
      }
      if (r.status === 200) {
        var p = r.arrayBuffer();
        ix.whole.set(url, p);
        return p.then(slice);
      }
      throw new Error(url + ': HTTP ' + r.status);
    }).catch(function () { return whole(ix, url).then(slice); });
  }

  /* Items `ids` of the packs `t` (stems' postings or documents): a promise
     of each one's value. Items of one pack at most `t.gap` bytes apart come
     in one request. */
  function load(ix, t, ids, opts) {
    var want = ids.filter(function (i) { return !t.loads.has(i); });
    want.sort(function (a, b) { return a - b; });
    var runs = [];
    want.forEach(function (i) {
      var run = runs[runs.length - 1];
      var k = packOf(t, i);
      if (run && run.k === k && t.start[i] - (t.start[run.to] + t.len[run.to] + 1) <= t.gap) run.to = i;
      else runs.push({ k: k, from: i, to: i });
    });
    runs.forEach(function (run) {
      var url = base + t.name + '/' + run.k + '.json?v=' + ix.id;
      var items = bytes(ix, url, t.start[run.from], t.start[run.to] + t.len[run.to], opts)
        .then(function (text) { return JSON.parse('[' + text + ']'); });
      for (var i = run.from; i <= run.to; i++) {
        if (!t.loads.has(i)) pick(t, i, items, i - run.from);
      }
    });
    return ids.map(function (i) { return t.loads.get(i); });
  }

  /* Item i of `t` is item j of what `items` brings (forgotten if it fails). */
  function pick(t, i, items, j) {
    var one = items.then(function (all) { return all[j]; });
    one.catch(function () { t.loads.delete(i); });
    t.loads.set(i, one);
  }

  /* The postings strings of stems `ids`, loaded into ix.encoded. */
  function loadStems(ix, ids, opts) {
    return Promise.all(load(ix, ix.p, ids, opts)).then(function (strings) {
      strings.forEach(function (s, j) { ix.encoded.set(ids[j], s); });
    });
  }

  /* Postings of stem s: parallel arrays of document ids and weights. */
  function postings(ix, s) {
    var p = ix.postings.get(s);
    if (p) return p;
    var str = ix.encoded.get(s) || '';
    var n = ix.df[s];
    var docs = new Uint32Array(n), w = new Uint8Array(n);
    var doc = -1, v = 0, shift = 0, k = 0;
    for (var i = 0; i < str.length && k < n; i++) {
      var d = ix.digit[str.charCodeAt(i)];
      v += (d & 31) * Math.pow(2, shift);
      shift += 5;
      if (d < 32) {
        doc += Math.floor(v / 16);
        docs[k] = doc;
        w[k] = v % 16;
        k++;
        v = 0;
        shift = 0;
      }
    }
    p = { docs: docs, w: w };
    ix.postings.set(s, p);
    return p;
  }

  /* ---- Queries ---- */

  /* One group per query word: the stems it matches and how well (1 exact or
     same stem, 0.8 prefix of the word being typed, 0.6 one edit away). */
  function plan(ix, q) {
    var raw = (q.match(WORD) || []).slice(0, MAX_WORDS);
    var typing = raw.length > 0 && /[\p{Alphabetic}\p{N}]$/u.test(q);
    var groups = [];
    raw.forEach(function (r, i) {
      var len = letters(r);
      if (len < 2 || len > 40) return;
      var w = norm(ix, r);
      var last = typing && i === raw.length - 1;
      var stop = ix.stop.has(w);
      var g = { word: w, required: !stop, exp: new Map(), prefix: last && !stop ? w : null };
      var add = function (s, f) { if (!(g.exp.get(s) >= f)) g.exp.set(s, f); };
      if (!stop) {
        var sid = ix.stemId.get(stem(w));
        if (sid !== undefined) add(sid, 1);
        var wid = ix.wordId.get(w);
        if (wid !== undefined) add(ix.ws[wid], 1);
      }
      if (last) completions(ix, w).forEach(function (j) { add(ix.ws[j], 0.8); });
      if (!stop && g.exp.size === 0 && len >= 5) {
        // One edit from a word of the site, or from a stem ("strech" is
        // one letter short of "stretch", the stem of "stretching").
        var near = [];
        for (var t = 0; t < ix.words.length; t++) {
          if (within1(w, ix.words[t])) near.push(t);
        }
        best(ix, near, MAX_TYPO).forEach(function (j) { add(ix.ws[j], 0.6); });
        var st = stem(w);
        var nearStems = [];
        for (var u = 0; u < ix.stems.length; u++) {
          var x = ix.stems[u];
          if (x.length >= 4 && (within1(w, x) || within1(st, x))) nearStems.push(u);
        }
        nearStems.sort(function (a, b) { return ix.df[b] - ix.df[a]; });
        nearStems.slice(0, MAX_TYPO).forEach(function (s) { add(s, 0.6); });
      }
      if (g.required || g.exp.size > 0) groups.push(g);
    });
    return groups;
  }

  /* The words (ids) that `w` begins, the MAX_PREFIX most frequent. */
  function completions(ix, w) {
    var found = [];
    for (var j = 0; j < ix.words.length; j++) {
      var x = ix.words[j];
      if (x.length > w.length && x.startsWith(w)) found.push(j);
    }
    return best(ix, found, MAX_PREFIX);
  }

  /* The `max` words (ids) whose stems are in the most documents. */
  function best(ix, ids, max) {
    if (ids.length <= max) return ids;
    return ids.slice().sort(function (a, b) { return ix.df[ix.ws[b]] - ix.df[ix.ws[a]]; }).slice(0, max);
  }

  function fieldScore(w) {
    return (w & 8 ? 60 : 0) + (w & 4 ? 20 : 0) + [0, 4, 6, 8][w & 3];
  }

  /* Document ids, best first. */
  function rank(ix, groups) {
    var n = ix.n;
    var total = new Float64Array(n);
    var hits = new Uint8Array(n);
    var required = 0;
    groups.forEach(function (g) {
      if (g.required) required++;
      var bestScore = new Float64Array(n);
      var touched = [];
      g.exp.forEach(function (factor, s) {
        var idf = Math.log(1 + n / Math.max(1, ix.df[s]));
        var p = postings(ix, s);
        for (var k = 0; k < p.docs.length; k++) {
          var d = p.docs[k];
          var score = fieldScore(p.w[k]) * factor * idf;
          if (bestScore[d] === 0) touched.push(d);
          if (score > bestScore[d]) bestScore[d] = score;
        }
      });
      touched.forEach(function (d) {
        total[d] += bestScore[d];
        if (g.required) hits[d]++;
      });
    });
    var out = [];
    for (var d = 0; d < n; d++) {
      if (total[d] > 0 && hits[d] === required) out.push(d);
    }
    out.sort(function (a, b) { return total[b] - total[a] || a - b; });
    return out;
  }

  /* Once the first letter of a word is typed, the postings of the commonest
     words it begins (which the next keystrokes look up as prefixes), at low
     priority and at most PREFETCH_BYTES of them: by the time the reader has
     typed the word the likeliest are here, and a phone on a slow line is
     not kept busy fetching the rest ahead. */
  function prefetch(ix, q) {
    var raw = q.match(WORD);
    if (!raw || !/[\p{Alphabetic}\p{N}]$/u.test(q)) return;
    var w = norm(ix, raw[raw.length - 1]);
    if (w.length !== 1) return;
    var stems = Array.from(new Set(completions(ix, w).map(function (j) { return ix.ws[j]; })));
    stems.sort(function (a, b) { return ix.df[b] - ix.df[a]; });
    var take = [], spent = 0;
    stems.forEach(function (s) {
      if (ix.p.loads.has(s) || spent + ix.p.len[s] > PREFETCH_BYTES) return;
      take.push(s);
      spent += ix.p.len[s];
    });
    loadStems(ix, take, LOW).catch(function () {});
  }

  /* Postings the query needs, loaded; then the ranking. */
  function search(ix, q) {
    var groups = plan(ix, q);
    var needed = new Set();
    groups.forEach(function (g) { g.exp.forEach(function (_, s) { needed.add(s); }); });
    return loadStems(ix, Array.from(needed)).then(function () {
      return { groups: groups, results: groups.length ? rank(ix, groups) : [] };
    });
  }

  /* Whether a word of the text is one the query matched. */
  function matcher(ix, groups) {
    var words = new Set();
    var prefixes = [];
    groups.forEach(function (g) {
      g.exp.forEach(function (_, s) {
        ix.stemWords[s].forEach(function (w) { words.add(ix.words[w]); });
      });
      if (g.prefix) prefixes.push(g.prefix);
    });
    return function (raw) {
      var w = norm(ix, raw);
      return words.has(w) || prefixes.some(function (p) { return w.startsWith(p); });
    };
  }

  /* ---- Showing results ---- */

  function marked(text, isHit) {
    var frag = document.createDocumentFragment();
    var last = 0;
    for (var m of text.matchAll(WORD)) {
      if (!isHit(m[0])) continue;
      if (m.index > last) frag.append(text.slice(last, m.index));
      var mark = document.createElement('mark');
      mark.textContent = m[0];
      frag.append(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) frag.append(text.slice(last));
    return frag;
  }

  /* About `size` characters of `text` around its densest run of matches. */
  function excerpt(text, isHit, size) {
    var hits = [];
    for (var m of text.matchAll(WORD)) {
      if (isHit(m[0])) hits.push(m.index);
      if (hits.length >= 500) break;
    }
    if (!hits.length) return null;
    var bestAt = hits[0], bestCount = 0;
    for (var i = 0, j = 0; i < hits.length; i++) {
      while (j < hits.length && hits[j] < hits[i] + size * 0.7) j++;
      if (j - i > bestCount) { bestCount = j - i; bestAt = hits[i]; }
    }
    var start = Math.max(0, bestAt - Math.round(size * 0.3));
    if (start > 0) {
      var sp = text.indexOf(' ', start);
      start = sp >= 0 && sp < bestAt ? sp + 1 : start;
    }
    var end = Math.min(text.length, start + size);
    if (end < text.length) {
      var back = text.lastIndexOf(' ', end);
      if (back > bestAt) end = back;
    }
    /* Blocks are separated by ' · ' in the text: never start or end on one. */
    var body = text.slice(start, end).replace(/^· /, '').replace(/ ·$/, '');
    return (start > 0 ? '… ' : '') + body + (end < text.length ? ' …' : '');
  }

  function item(doc, isHit) {
    var li = document.createElement('li');
    li.className = 'search-result search-result-' + doc.k;
    var h = document.createElement('h2');
    h.className = 'search-result-title';
    var a = document.createElement('a');
    a.href = doc.u;
    a.append(marked(doc.t, isHit));
    h.append(a);
    li.append(h);
    var meta = document.createElement('p');
    meta.className = 'search-result-meta';
    var parts = [];
    if (KIND[doc.k]) parts.push(document.createTextNode(KIND[doc.k]));
    if (doc.d) {
      var time = document.createElement('time');
      if (doc.i) time.dateTime = doc.i;
      time.textContent = doc.d;
      parts.push(time);
    }
    if (doc.a) parts.push(document.createTextNode(say('by', { names: doc.a })));
    parts.forEach(function (p, j) {
      if (j > 0) {
        var sep = document.createElement('span');
        sep.setAttribute('aria-hidden', 'true');
        sep.textContent = ' · ';
        meta.append(sep);
        var vh = document.createElement('span');
        vh.className = 'visually-hidden';
        vh.textContent = ', ';
        meta.append(vh);
      }
      meta.append(p);
    });
    if (parts.length) li.append(meta);
    return li;
  }

  /* The result's snippet, from its document (which has the text). */
  function addSnippet(li, doc, isHit) {
    var text = excerpt(doc.x || '', isHit, 200) || doc.s || (doc.x || '').slice(0, 200);
    if (text) {
      var p = document.createElement('p');
      p.className = 'search-result-snippet';
      p.append(marked(text, isHit));
      li.append(p);
    }
  }

  var current = 0;
  var state = null;
  var statusTimer = 0;

  /* Said a moment after the results settle, not at every keystroke. */
  function announce(text) {
    clearTimeout(statusTimer);
    status.setAttribute('data-pending', text);
    statusTimer = setTimeout(function () { status.textContent = text; }, 200);
  }

  function setUrl(q) {
    var url = location.pathname + (q.trim() ? '?' + new URLSearchParams({ q: q }).toString() : '');
    if (url !== location.pathname + location.search) history.replaceState(history.state, '', url);
  }

  /* Append the next page of results: at once from titles.json when it is
     loaded, the snippets as their document files arrive (the list is
     aria-busy until then); else all from the document files. Resolves to
     the first new link once the titles are on the page. */
  function showMore(seq) {
    var s = state;
    var next = s.results.slice(s.shown, s.shown + PAGE);
    s.shown += next.length;
    var docs = load(s.ix, s.ix.d, next).map(function (p) {
      return p.catch(function () { return null; });
    });
    var heads = next.map(function (d) { return head(s.ix, d); });
    var ready = heads.every(Boolean) ? Promise.resolve(heads) : Promise.all(docs);
    return ready.then(function (shown) {
      if (seq !== current) return null;
      var first = null;
      var items = [];
      shown.forEach(function (doc, j) {
        if (!doc) return;
        var li = item(doc, s.isHit);
        if (!first) first = li.querySelector('a');
        list.append(li);
        items.push(docs[j].then(function (full) {
          if (full && seq === current) addSnippet(li, full, s.isHit);
        }));
      });
      more.hidden = s.shown >= s.results.length;
      s.pending += items.length;
      if (s.pending) list.setAttribute('aria-busy', 'true');
      else list.removeAttribute('aria-busy');
      items.forEach(function (p) {
        p.then(function () {
          if (--s.pending === 0 && state === s) list.removeAttribute('aria-busy');
        });
      });
      s.snippets = Promise.all([s.snippets].concat(items));
      return first;
    });
  }

  function run(q) {
    var seq = ++current;
    setUrl(q);
    if (!q.trim()) {
      state = null;
      list.textContent = '';
      list.hidden = true;
      more.hidden = true;
      list.removeAttribute('data-query');
      list.removeAttribute('aria-busy');
      announce('');
      return Promise.resolve();
    }
    return loadIndex().then(function (ix) {
      prefetch(ix, q);
      loadTitles(ix).catch(function () {});
      return search(ix, q).then(function (found) {
        if (seq !== current) return;
        state = {
          ix: ix, q: q, results: found.results, shown: 0, isHit: matcher(ix, found.groups),
          pending: 0, snippets: Promise.resolve()
        };
        list.textContent = '';
        return showMore(seq).then(function () {
          if (seq !== current) return;
          var n = found.results.length;
          list.hidden = n === 0;
          list.setAttribute('data-query', q);
          var query = q.trim();
          announce(n ? say(n === 1 ? 'result_one' : 'result_other', { n: n, query: query }) : say('no_results', { query: query }));
        });
      });
    }).catch(function (e) {
      if (seq !== current) return;
      announce(say('unavailable'));
      if (window.console) console.error(e);
    });
  }

  /* ---- Events ---- */

  input.addEventListener('input', function () { run(input.value); });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    run(input.value);
  });
  more.addEventListener('click', function () {
    if (!state) return;
    showMore(current).then(function (first) { if (first) first.focus(); });
  });

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll('.search-result-title a'));
  }

  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown') {
      var all = links();
      if (all.length) {
        e.preventDefault();
        all[0].focus();
      }
    }
  });
  list.addEventListener('keydown', function (e) {
    var all = links();
    var i = all.indexOf(document.activeElement);
    if (i < 0) return;
    var to = null;
    if (e.key === 'ArrowDown') to = all[i + 1] || (more.hidden ? null : more);
    else if (e.key === 'ArrowUp') to = i > 0 ? all[i - 1] : input;
    else if (e.key === 'Home') to = all[0];
    else if (e.key === 'End') to = all[all.length - 1];
    else if (e.key === 'Escape') to = input;
    if (to) {
      e.preventDefault();
      to.focus();
    }
  });

  /* titles.json once the page is idle (or the field has focus, if sooner):
     whoever opens the search page is about to search. */
  function titlesSoon() {
    loadIndex().then(loadTitles).catch(function () {});
  }
  input.addEventListener('focus', titlesSoon);

  var initial = new URLSearchParams(location.search).get('q') || '';
  if (initial) {
    input.value = initial;
    run(initial);
  } else if (window.requestIdleCallback) {
    loadIndex().then(function () { requestIdleCallback(titlesSoon, { timeout: 2000 }); }).catch(function () {});
  } else {
    loadIndex().then(function () { setTimeout(titlesSoon, 200); }).catch(function () {});
  }

  /* For tests and measurements. */
  window.gaitSearch = {
    stem: stem,
    run: run,
    /* Resolves once titles.json is loaded. */
    titles: function () { return loadIndex().then(loadTitles); },
    /* Resolves when the snippets of the results on the page are in. */
    snippets: function () { return state ? state.snippets : Promise.resolve(); },
    rank: function (q) {
      return loadIndex().then(function (ix) {
        return search(ix, q).then(function () {
          var t0 = performance.now();
          var found = rank(ix, plan(ix, q));
          return { ms: performance.now() - t0, count: found.length, top: found.slice(0, PAGE) };
        });
      });
    }
  };
})();
