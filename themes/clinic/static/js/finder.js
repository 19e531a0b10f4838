/*
 * gait "clinic" theme: the therapist finder's filters.
 *
 * Works on the server-rendered list of finder.html (every card carries the
 * data-* attributes it filters on), so it makes no request except, on demand,
 * the site's own ZIP-code tables (<zip_data_url><first 2 digits>.json).
 *
 * URL query (shareable; kept in sync with history.replaceState):
 *   q          words that must all appear in name, city, state, practice or specialties
 *   specialty  specialty value (slug), e.g. male-pelvic-health
 *   language   language value (slug), e.g. spanish
 *   state      two-letter code; with virtual=1 also therapists licensed for telehealth there
 *   virtual=1  offers virtual visits
 *   accepting=1  known to accept new patients
 *   zip        5-digit ZIP: sort nearest first and show distances
 * "Use my location" is never written to the URL.
 */
(function () {
  'use strict';

  var root = document.querySelector('[data-finder]');
  if (!root || !('hidden' in root) || !window.URLSearchParams) return;

  var form = root.querySelector('.finder-form');
  var status = document.getElementById('finder-status');
  var results = root.querySelector('.finder-results');
  var jump = root.querySelector('.finder-jump');
  var zipInput = form.elements.namedItem('zip');
  var zipMsg = document.getElementById('finder-zip-msg');
  var locate = root.querySelector('.finder-locate');
  var zipUrl = root.getAttribute('data-zip-url') || '';
  var clear = root.querySelector('.finder-clear');
  var filters = root.querySelector('.finder-filters');
  var filtersActive = root.querySelector('.finder-filters-active');
  var FIELDS = ['q', 'specialty', 'language', 'state', 'virtual', 'accepting', 'zip'];

  /* What the script says, in English; a page in another language carries
     its own words as JSON in #finder-text (the theme's i18n files,
     `finder_js`). {n} and {zip} are filled in. Each text is whole in its
     language (a sentence per case, `_one`/`_other` by number): the script
     never drops a word of one text into another. */
  var TEXT = {
    therapist_one: '{n} therapist',
    therapist_other: '{n} therapists',
    match_one: '{n} therapist matches',
    match_other: '{n} therapists match',
    no_match: 'No therapists match: try fewer filters',
    nearest_zip_first: ', nearest to ZIP {zip} first',
    nearest_you_first: ', nearest to your location first',
    active_one: '{n} active',
    active_other: '{n} active',
    distance_unknown: 'Distance unknown',
    under_one_mile: 'Under 1 mi',
    miles: '{n} mi',
    nearest_zip: 'Nearest to ZIP {zip}',
    nearest_you: 'Nearest to your location',
    zip_invalid: 'Enter a ZIP code of 5 digits, like 78701.',
    zip_unknown: 'ZIP code {zip} is not in our list of US ZIP codes.',
    zip_unknown_note: 'ZIP code {zip} was not found; the list is not sorted by distance.',
    zip_failed: 'The ZIP code list could not be loaded. Please try again.',
    zip_failed_note: 'The ZIP code list could not be loaded.',
    locating: 'Finding your location…',
    location_denied: 'Location permission was denied. Enter a ZIP code instead.',
    location_unavailable: 'Your location is not available. Enter a ZIP code instead.'
  };
  var own = document.getElementById('finder-text');
  if (own) {
    try {
      var words = JSON.parse(own.textContent);
      for (var k in words) if (Object.prototype.hasOwnProperty.call(TEXT, k)) TEXT[k] = String(words[k]);
    } catch (e) { /* keep the English */ }
  }
  var LANG = document.documentElement.lang || 'en-US';

  /* The text `key` with its {name}s filled from `args`. */
  function say(key, args) {
    return TEXT[key].replace(/\{(\w+)\}/g, function (m, name) {
      return args && name in args ? String(args[name]) : m;
    });
  }

  /* Text is compared without case and accents: "José" matches "jose". */
  function fold(s) {
    s = String(s).toLowerCase();
    return s.normalize ? s.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : s;
  }

  function text(el, sel) {
    var x = el.querySelector(sel);
    return x ? x.textContent : '';
  }

  function num(v) {
    if (v === null || v === '') return null;
    var n = parseFloat(v);
    return isFinite(n) ? n : null;
  }

  /* The jump link (its <li>) to the section with this id, if any. */
  function jumpLink(id) {
    var a = jump && id ? jump.querySelector('a[href="#' + id + '"]') : null;
    return a ? a.parentNode : null;
  }

  /* ---------- Index the cards once ---------- */
  /* Parts (our therapists, then referrals) > states > cities > cards. */
  var parts = [];
  var cities = [];
  var states = [];
  var recs = [];
  var stateEls = results ? results.querySelectorAll('.finder-state') : [];
  for (var si = 0; si < stateEls.length; si++) {
    var sEl = stateEls[si];
    var partEl = sEl.closest('.finder-part');
    var pGroup = parts.length ? parts[parts.length - 1] : null;
    if (partEl && (!pGroup || pGroup.el !== partEl)) {
      pGroup = { el: partEl, shown: true, n: 0, link: jumpLink(partEl.id) };
      parts.push(pGroup);
    }
    var sGroup = { el: sEl, shown: true, n: 0, link: jumpLink(sEl.id), part: partEl ? pGroup : null };
    states.push(sGroup);
    var heading = sEl.querySelector('h2, h3');
    var stateName = heading ? heading.textContent : '';
    var cityEls = sEl.querySelectorAll('.finder-city');
    for (var ci = 0; ci < cityEls.length; ci++) {
      var cGroup = { el: cityEls[ci], shown: true, n: 0, state: sGroup, list: cityEls[ci].querySelector('.finder-cards'), recs: [] };
      cities.push(cGroup);
      var cardEls = cGroup.list.children;
      for (var k = 0; k < cardEls.length; k++) {
        var el = cardEls[k];
        var d = el.dataset;
        var rec = {
          el: el,
          city: cGroup,
          order: recs.length,
          name: text(el, '.finder-name'),
          state: d.state || '',
          spec: ' ' + (d.specialties || '') + ' ',
          lang: ' ' + (d.languages || '') + ' ',
          virtual: d.virtual === '1',
          tele: ' ' + (d.telehealth || '') + ' ',
          accepting: d.accepting === '1',
          lat: num(d.lat || null),
          lon: num(d.lon || null),
          zip: d.zip || '',
          search: fold([text(el, '.finder-name'), text(el, '.finder-city-name'), d.state, stateName,
            text(el, '.finder-practice'), text(el, '.finder-specialties dd')].join(' | ')),
          match: true,
          shown: true,
          dist: null,
          distEl: null
        };
        recs.push(rec);
        cGroup.recs.push(rec);
      }
    }
  }

  /* ---------- Reading and writing the filters ---------- */
  function control(name) {
    return form.elements.namedItem(name);
  }

  function readForm() {
    var f = {};
    FIELDS.forEach(function (name) {
      var c = control(name);
      if (!c) f[name] = '';
      else if (c.type === 'checkbox') f[name] = c.checked ? '1' : '';
      else f[name] = c.value.trim();
    });
    return f;
  }

  function writeForm(params) {
    FIELDS.forEach(function (name) {
      var c = control(name);
      if (!c) return;
      var v = params.get(name) || '';
      if (c.type === 'checkbox') {
        c.checked = v !== '' && v !== '0' && v !== 'false';
      } else if (c.tagName === 'SELECT') {
        c.value = v;
        if (c.value !== v) {
          /* Values are slugs and state codes; accept other cases too. */
          for (var i = 0; i < c.options.length; i++) {
            if (c.options[i].value.toLowerCase() === v.toLowerCase()) c.selectedIndex = i;
          }
          if (c.value.toLowerCase() !== v.toLowerCase()) c.value = '';
        }
      } else {
        c.value = v;
      }
    });
  }

  /* The URL follows the filters a moment after the last keystroke:
     history.replaceState costs more than filtering itself, and browsers
     throttle it. */
  var urlTimer = 0;
  var pendingUrl = null;
  function scheduleUrl(f) {
    clearTimeout(urlTimer);
    pendingUrl = f;
    urlTimer = setTimeout(flushUrl, 300);
  }

  function flushUrl() {
    clearTimeout(urlTimer);
    if (pendingUrl) syncUrl(pendingUrl);
    pendingUrl = null;
  }

  function syncUrl(f) {
    var p = new URLSearchParams();
    FIELDS.forEach(function (name) {
      if (f[name]) p.set(name, f[name]);
    });
    var qs = p.toString();
    var url = location.pathname + (qs ? '?' + qs : '') + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      try {
        history.replaceState(history.state, '', url);
      } catch (e) { /* file:// or sandboxed: the filters still work */ }
    }
  }

  /* ---------- Filtering ---------- */
  var origin = null; /* {lat, lon, zip (none for "my location")} while sorted by distance */
  var sorted = false;
  var note = ''; /* e.g. an unknown ZIP, said in the status region */

  function isFiltered(f) {
    return !!(f.q || f.specialty || f.language || f.state || f.virtual || f.accepting);
  }

  function apply() {
    var f = readForm();
    var words = fold(f.q).split(/[\s,]+/).filter(Boolean);
    var spec = f.specialty ? ' ' + f.specialty + ' ' : '';
    var lang = f.language ? ' ' + f.language + ' ' : '';
    var st = f.state.toUpperCase();
    var virt = !!f.virtual;
    var acc = !!f.accepting;
    var i, j, r, ok, g;
    for (i = 0; i < cities.length; i++) cities[i].n = 0;
    for (i = 0; i < states.length; i++) states[i].n = 0;
    for (i = 0; i < parts.length; i++) parts[i].n = 0;
    var count = 0;
    for (i = 0; i < recs.length; i++) {
      r = recs[i];
      ok = (!spec || r.spec.indexOf(spec) >= 0) &&
        (!lang || r.lang.indexOf(lang) >= 0) &&
        (!virt || r.virtual) &&
        (!acc || r.accepting) &&
        (!st || r.state === st || (virt && r.tele.indexOf(' ' + st + ' ') >= 0));
      for (j = 0; ok && j < words.length; j++) {
        if (r.search.indexOf(words[j]) < 0) ok = false;
      }
      r.match = ok;
      if (ok) {
        count++;
        r.city.n++;
      }
    }
    /* Write to the DOM only what changed. A city without a match is hidden
       as a whole and its cards are left as they were (they are synced when
       it shows again): filtering down to one city touches a few dozen
       elements, not two thousand. */
    if (sorted) {
      for (i = 0; i < recs.length; i++) sync(recs[i]);
    }
    for (i = 0; i < cities.length; i++) {
      g = cities[i];
      g.state.n += g.n;
      if (!sorted && g.n > 0) {
        for (j = 0; j < g.recs.length; j++) sync(g.recs[j]);
      }
      if ((g.n > 0) !== g.shown) {
        g.shown = g.n > 0;
        showGroup(g.el, g.shown);
      }
    }
    for (i = 0; i < states.length; i++) {
      g = states[i];
      if (g.part) g.part.n += g.n;
      showWithLink(g);
    }
    for (i = 0; i < parts.length; i++) showWithLink(parts[i]);
    announce(f, count);
    showActive(f);
    scheduleUrl(f);
    if (clear) clear.hidden = !(isFiltered(f) || f.zip || origin);
    return count;
  }

  /* A state or a part: shown while it has a match, with its jump link. */
  function showWithLink(g) {
    if ((g.n > 0) !== g.shown) {
      g.shown = g.n > 0;
      showGroup(g.el, g.shown);
      if (g.link) g.link.hidden = !g.shown;
    }
  }

  /* How many filters are on, next to "Filter" (seen while it is closed). */
  function activeCount(f) {
    return FIELDS.filter(function (name) { return !!f[name]; }).length;
  }

  function showActive(f) {
    if (!filtersActive) return;
    var n = activeCount(f);
    var msg = n ? say(n === 1 ? 'active_one' : 'active_other', { n: n }) : '';
    if (filtersActive.textContent !== msg) filtersActive.textContent = msg;
  }

  /* Filtered out = class finder-off (finder.css): content-visibility:
     hidden keeps the card's rendering, so showing it again costs next to
     nothing, where display: none would rebuild it. */
  function showGroup(el, on) {
    el.classList.toggle('finder-off', !on);
  }

  function sync(r) {
    if (r.match !== r.shown) {
      r.shown = r.match;
      r.el.classList.toggle('finder-off', !r.match);
      if (r.match) r.el.removeAttribute('aria-hidden');
      else r.el.setAttribute('aria-hidden', 'true');
    }
  }

  function announce(f, count) {
    var msg;
    var one = count === 1;
    if (!isFiltered(f)) {
      msg = say(one ? 'therapist_one' : 'therapist_other', { n: count });
    } else if (count === 0) {
      msg = say('no_match');
    } else {
      msg = say(one ? 'match_one' : 'match_other', { n: count });
    }
    if (sorted && origin && count > 0) {
      msg += origin.zip ? say('nearest_zip_first', { zip: origin.zip }) : say('nearest_you_first');
    }
    if (note) msg = note + ' ' + msg;
    if (status.textContent !== msg) status.textContent = msg;
  }

  /* ---------- Distance ---------- */
  var zipTables = {}; /* prefix -> Promise of {zip: [lat, lon]} (or null) */

  function zipTable(prefix) {
    if (!zipTables[prefix]) {
      zipTables[prefix] = fetch(zipUrl + prefix + '.json', { credentials: 'same-origin' })
        .then(function (res) {
          if (res.status === 404) return {};
          if (!res.ok) throw new Error('HTTP ' + res.status);
          return res.json();
        })
        .catch(function (e) {
          delete zipTables[prefix];
          throw e;
        });
    }
    return zipTables[prefix];
  }

  function lookupZip(zip) {
    return zipTable(zip.slice(0, 2)).then(function (t) {
      var c = t[zip];
      return c ? { lat: c[0], lon: c[1] } : null;
    });
  }

  /* Therapists with a ZIP but no coordinates get their ZIP's centroid. */
  function fillCoordsFromZips() {
    var need = recs.filter(function (r) { return r.lat === null && /^\d{5}$/.test(r.zip); });
    return Promise.all(need.map(function (r) {
      return lookupZip(r.zip).then(function (c) {
        if (c) { r.lat = c.lat; r.lon = c.lon; }
      }, function () { /* stays without a distance */ });
    }));
  }

  function miles(a, b) {
    var R = 3958.8;
    var rad = Math.PI / 180;
    var dLat = (b.lat - a.lat) * rad;
    var dLon = (b.lon - a.lon) * rad;
    var h = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function distanceText(d) {
    if (d === null) return say('distance_unknown');
    if (d < 1) return say('under_one_mile');
    return say('miles', { n: Math.round(d).toLocaleString(LANG) });
  }

  var flat = null; /* the <section> with the list sorted by distance */
  var flatTitle = null;
  var flatList = null;

  function ensureFlat() {
    if (flat) return;
    flat = document.createElement('section');
    flat.className = 'finder-sorted';
    flat.hidden = true;
    flatTitle = document.createElement('h2');
    flatList = document.createElement('ol');
    flatList.className = 'finder-cards finder-cards-sorted';
    flat.appendChild(flatTitle);
    flat.appendChild(flatList);
    results.parentNode.insertBefore(flat, results.nextSibling);
  }

  function sortBy(o) {
    origin = o;
    ensureFlat();
    recs.forEach(function (r) {
      r.dist = r.lat === null ? null : miles(o, r);
    });
    var order = recs.slice().sort(function (a, b) {
      if (a.dist === null || b.dist === null) {
        if (a.dist === b.dist) return a.order - b.order;
        return a.dist === null ? 1 : -1;
      }
      return a.dist - b.dist || a.order - b.order;
    });
    var frag = document.createDocumentFragment();
    order.forEach(function (r) {
      if (!r.distEl) {
        r.distEl = document.createElement('p');
        r.distEl.className = 'finder-distance';
        var id = r.el.querySelector('.finder-card-id');
        (id || r.el).appendChild(r.distEl);
      }
      r.distEl.textContent = distanceText(r.dist);
      frag.appendChild(r.el);
    });
    flatList.appendChild(frag);
    flatTitle.textContent = o.zip ? say('nearest_zip', { zip: o.zip }) : say('nearest_you');
    flat.hidden = false;
    results.hidden = true;
    if (jump) jump.hidden = true;
    sorted = true;
  }

  function unsort() {
    origin = null;
    if (!sorted) return;
    for (var i = 0; i < recs.length; i++) {
      var r = recs[i];
      r.city.list.appendChild(r.el); /* recs are in page order */
      if (r.distEl) r.distEl.textContent = '';
    }
    flat.hidden = true;
    results.hidden = false;
    if (jump) jump.hidden = false;
    sorted = false;
  }

  function setZipMessage(msg) {
    zipMsg.textContent = msg;
    if (msg) zipInput.setAttribute('aria-invalid', 'true');
    else zipInput.removeAttribute('aria-invalid');
  }

  var zipToken = 0;
  function zipChanged(final) {
    var raw = zipInput.value.trim();
    var m = /^(\d{5})(?:-?\d{4})?$/.exec(raw);
    var token = ++zipToken;
    note = '';
    if (!raw) {
      setZipMessage('');
      if (origin && origin.zip) unsort();
      return Promise.resolve(apply());
    }
    if (!m) {
      if (origin && origin.zip) unsort();
      setZipMessage(final || raw.replace(/\D/g, '').length >= 5 || /\D/.test(raw.replace(/-/, ''))
        ? say('zip_invalid') : '');
      return Promise.resolve(apply());
    }
    var zip = m[1];
    if (origin && origin.zip === zip) return Promise.resolve(apply());
    return Promise.all([lookupZip(zip), fillCoordsFromZips()]).then(function (res) {
      if (token !== zipToken) return;
      var c = res[0];
      if (!c) {
        unsort();
        setZipMessage(say('zip_unknown', { zip: zip }));
        note = say('zip_unknown_note', { zip: zip });
      } else {
        setZipMessage('');
        sortBy({ lat: c.lat, lon: c.lon, zip: zip });
      }
      apply();
    }, function () {
      if (token !== zipToken) return;
      unsort();
      setZipMessage(say('zip_failed'));
      note = say('zip_failed_note');
      apply();
    });
  }

  /* ---------- Wiring ---------- */
  form.addEventListener('input', function (e) {
    if (e.target === zipInput) zipChanged(false);
    else apply();
  });
  form.addEventListener('change', function (e) {
    if (e.target === zipInput) zipChanged(true);
    else apply();
  });
  /* Leaving right after typing: the history entry still gets the filters. */
  window.addEventListener('pagehide', flushUrl);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    zipChanged(true);
  });
  form.addEventListener('reset', function () {
    /* Runs before the fields are reset. */
    var refocus = document.activeElement === clear;
    setTimeout(function () {
      if (refocus) control('q').focus();
      zipToken++;
      note = '';
      setZipMessage('');
      unsort();
      apply();
    }, 0);
  });

  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener('click', function () {
      var token = ++zipToken;
      locate.setAttribute('aria-busy', 'true');
      note = '';
      status.textContent = say('locating');
      navigator.geolocation.getCurrentPosition(function (pos) {
        locate.removeAttribute('aria-busy');
        if (token !== zipToken) return;
        zipInput.value = '';
        setZipMessage('');
        fillCoordsFromZips().then(function () {
          if (token !== zipToken) return;
          sortBy({ lat: pos.coords.latitude, lon: pos.coords.longitude });
          apply();
        });
      }, function (err) {
        locate.removeAttribute('aria-busy');
        if (token !== zipToken) return;
        note = err && err.code === 1
          ? say('location_denied')
          : say('location_unavailable');
        apply();
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    });
  }

  var submit = root.querySelector('.finder-submit');
  if (submit) submit.hidden = true;
  root.classList.add('finder-js');
  if (recs.length >= 150) root.classList.add('finder-many');

  /* Open with the filters of the URL (a shared link). The filters show at
     once on a wide screen, or when the link has some; on a phone the list
     comes first, behind the "Filter" button. */
  writeForm(new URLSearchParams(location.search));
  if (filters && (activeCount(readForm()) > 0 ||
      (window.matchMedia && window.matchMedia('(min-width: 40rem)').matches))) {
    filters.open = true;
  }
  if (zipInput.value.trim()) zipChanged(true);
  else apply();

  /* For the benchmark harness and tests. */
  window.gaitFinder = { apply: apply, count: function () { return recs.length; } };
})();
