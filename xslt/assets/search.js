/* Search without a server: the index made at build time (toolkit/search/) is a set of scripts,
   search/index.js and the parts a query needs, loaded by adding <script> elements (the only way
   a page opened from file:// may read local files). Words are folded as the index folds them. */
(function () {
  "use strict";

  var app = document.getElementById("search-app");
  var loaded = {};
  var waiting = {};
  var api = (window.tkSearch = {
    receive: function (name, data) {
      loaded[name] = data;
      (waiting[name] || []).forEach(function (callbacks) { callbacks[0](data); });
      delete waiting[name];
    },
    fold: fold,
    words: words,
    timing: null
  });
  var manifest = null;
  var foldTable = {};
  var base = app ? app.getAttribute("data-index") || "search/" : "search/";

  function load(name) {
    if (Object.prototype.hasOwnProperty.call(loaded, name)) return Promise.resolve(loaded[name]);
    return new Promise(function (resolve, reject) {
      var first = !waiting[name];
      (waiting[name] = waiting[name] || []).push([resolve, reject]);
      if (!first) return;
      var script = document.createElement("script");
      script.src = base + name + ".js";
      script.onerror = function () {
        (waiting[name] || []).forEach(function (callbacks) { callbacks[1](new Error("cannot load " + script.src)); });
        delete waiting[name];
      };
      document.head.appendChild(script);
    });
  }

  /* ===== Words, as toolkit/search/text.py makes them ===== */

  function fold(text) {
    var lower = text.toLowerCase(), out = "";
    for (var character of lower) out += foldTable[character] || character;
    return out.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
  }

  function words(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  /* Each word of a text with where it stands (for highlighting): [start, end, position], in order.
     Positions count words, and one more at each block's edge (U+2029), as the index counts them. */
  var BREAK = "\u2029";

  function wordSpans(text) {
    var spans = [], run = /[\p{L}\p{N}\p{M}]+/gu, match, position = 0, last = 0;
    while ((match = run.exec(text))) {
      for (var k = text.indexOf(BREAK, last); k !== -1 && k < match.index; k = text.indexOf(BREAK, k + 1)) position++;
      last = match.index + match[0].length;
      var count = words(match[0]).length;
      for (var i = 0; i < count; i++) spans.push([match.index, last, position++]);
    }
    return spans;
  }

  /* ===== Queries ===== */

  /* Clauses: each a list of words that must stand together (one word, or a phrase), the last a
     prefix when written with "*". */
  function parse(query) {
    var clauses = [], rest = query.replace(/["“”„«»]([^"“”„«»]*)["“”„«»]?/g, function (_all, phrase) {
      var found = words(phrase);
      if (found.length) clauses.push({ words: found, prefix: /\*\s*$/.test(phrase) });
      return " ";
    });
    rest.split(/\s+/).forEach(function (part) {
      var found = words(part);
      if (found.length) clauses.push({ words: found, prefix: /\*$/.test(part) });
    });
    return clauses;
  }

  function shardOf(term) {
    var shards = manifest.shards, low = 0, high = shards.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (shards[middle] <= term) low = middle; else high = middle - 1;
    }
    return low;
  }

  /* The postings of a word (or of every word it begins), in the reading chosen:
     Map unit -> {weight, positions}. */
  function postings(word, prefix, reading) {
    var first = shardOf(word), last = prefix ? shardOf(word + "\uffff") : first, names = [];
    for (var i = first; i <= last; i++) names.push("terms/" + i);
    return Promise.all(names.map(load)).then(function (shards) {
      var found = new Map();
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (term) {
          if (prefix ? term.lastIndexOf(word, 0) !== 0 : term !== word) return;
          var entry = Array.isArray(shard[term]) ? { b: shard[term] } : shard[term];
          [entry.b, entry[reading === "diplomatic" ? "d" : "c"]].forEach(function (flat) { if (flat) decode(flat, found); });
        });
      });
      return found;
    });
  }

  function decode(flat, into) {
    var unit = 0, i = 0;
    while (i < flat.length) {
      unit += flat[i];
      var weight = flat[i + 1], count = flat[i + 2], position = 0, positions = [];
      i += 3;
      for (var k = 0; k < count; k++) { position += flat[i + k]; positions.push(position); }
      i += count;
      var known = into.get(unit);
      if (known) { known.weight += weight; known.positions = known.positions.concat(positions).sort(function (a, b) { return a - b; }); }
      else into.set(unit, { weight: weight, positions: positions });
    }
  }

  /* Units where a clause's words stand together: Map unit -> {weight, positions of its words}. */
  function clauseMatches(clause, reading) {
    var last = clause.words.length - 1;
    return Promise.all(clause.words.map(function (word, i) {
      return postings(word, clause.prefix && i === last, reading);
    })).then(function (lists) {
      var found = new Map();
      lists[0].forEach(function (first, unit) {
        var weight = 0, marked = [];
        for (var i = 0; i < lists.length; i++) {
          if (!lists[i].has(unit)) return;
          weight += lists[i].get(unit).weight;
        }
        var starts = first.positions.filter(function (start) {
          for (var i = 1; i < lists.length; i++) if (lists[i].get(unit).positions.indexOf(start + i) < 0) return false;
          return true;
        });
        if (!starts.length) return;
        starts.forEach(function (start) { for (var i = 0; i < lists.length; i++) marked.push(start + i); });
        found.set(unit, { weight: weight, positions: marked });
      });
      return found;
    });
  }

  /* ===== Filters: facets and dates ===== */

  var chosen = {};  // facet key -> Set of value numbers
  var narrowed = { base: null, sets: {} };  // what the current results are, for the facets' counts
  var range = { from: "", to: "" };

  /* The targets holding value ``number`` of a facet, in order. */
  function holders(key, number) {
    var size = manifest.valuesPerChunk;
    return load("facets/" + key + "-" + Math.floor(number / size)).then(function (chunk) {
      var target = 0;
      return chunk[number % size].map(function (delta) { return (target += delta); });
    });
  }

  function facetTargets(key) {
    var values = Array.from(chosen[key] || []);
    if (!values.length) return Promise.resolve(null);
    return Promise.all(values.map(function (value) { return holders(key, value); })).then(function (lists) {
      var targets = new Set();
      lists.forEach(function (list) { list.forEach(function (target) { targets.add(target); }); });
      return targets;
    });
  }

  function bounds(value, end) {
    // "1812" from 1812-01-01 to 1812-12-31, as comparable strings
    if (!value) return end ? "9999-99-99" : "";
    return end ? (value + "-99-99").slice(0, 10) : value;
  }

  function dateFilter() {
    if (!range.from && !range.to) return Promise.resolve(null);
    return load("dates").then(function (dates) {
      var low = bounds(range.from, false), high = bounds(range.to, true);
      return function (target) {
        return (dates[target] || "").split(" ").some(function (date) {
          if (!date) return false;
          var parts = date.split("/"), start = parts[0] || parts[1], finish = parts[parts.length - 1] || parts[0];
          return bounds(finish, true) >= low && bounds(start, false) <= high;
        });
      };
    });
  }

  /* The filters asked for: the dates' test (or null) and, by facet, the targets its chosen values
     hold (values of one facet are alternatives; facets and dates must all hold). */
  function filters() {
    var keys = manifest.facets.map(function (facet) { return facet.key; });
    return Promise.all([dateFilter()].concat(keys.map(facetTargets))).then(function (found) {
      var sets = {};
      keys.forEach(function (key, i) { if (found[i + 1]) sets[key] = found[i + 1]; });
      return { inDates: found[0], sets: sets, active: Boolean(found[0]) || Object.keys(sets).length > 0 };
    });
  }

  function inFacets(sets, target, except) {
    for (var key in sets) if (key !== except && !sets[key].has(target)) return false;
    return true;
  }

  /* ===== Units and documents ===== */

  var starts = [];

  function documentOf(unit) {
    var low = 0, high = starts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (starts[middle] <= unit) low = middle; else high = middle - 1;
    }
    return low;
  }

  function targetOf(unit) { return manifest.scope === "unit" ? unit : documentOf(unit); }

  /* ===== The page ===== */

  var input, status, list, more, readingBox;
  var shown = 0, current = [], serial = 0, lastClauses = [];
  var PAGE = 20;

  function reading() {
    var checked = app.querySelector('input[name="reading"]:checked');
    return checked ? checked.value : "corrected";
  }

  function run() {
    var started = performance.now(), mine = ++serial, query = input.value, clauses = parse(query);
    var mode = reading();
    status.setAttribute("aria-busy", "true");
    var matching = clauses.length ? Promise.all(clauses.map(function (clause) { return clauseMatches(clause, mode); })) : Promise.resolve(null);
    Promise.all([matching, filters()]).then(function (found) {
      if (mine !== serial) return;
      var lists = found[0], filter = found[1], results = [];
      var base = lists || filter.inDates ? new Set() : null;  // the targets words and dates leave
      if (lists) {
        lists[0].forEach(function (hit, unit) {
          var weight = hit.weight, positions = hit.positions.slice();
          for (var i = 1; i < lists.length; i++) {
            var other = lists[i].get(unit);
            if (!other) return;
            weight += other.weight;
            positions = positions.concat(other.positions);
          }
          var target = targetOf(unit);
          if (filter.inDates && !filter.inDates(target)) return;
          base.add(target);
          if (inFacets(filter.sets, target)) results.push({ unit: unit, weight: weight, positions: positions });
        });
        results.sort(function (a, b) { return b.weight - a.weight || a.unit - b.unit; });
      } else if (filter.active) {
        var total = manifest.scope === "unit" ? manifest.units : manifest.documents;
        for (var target = 0; target < total; target++) {
          if (filter.inDates && !filter.inDates(target)) continue;
          if (base) base.add(target);
          if (inFacets(filter.sets, target)) results.push(manifest.scope === "unit" ? { unit: target, positions: [] } : { document: target });
        }
      }
      narrowed = { base: base, sets: filter.sets };
      current = results;
      lastClauses = clauses;
      shown = 0;
      list.innerHTML = "";
      return showMore(mode).then(function () {
        if (mine !== serial) return;
        announce(results, lists !== null || filter.active);
        status.setAttribute("aria-busy", "false");
        status.setAttribute("data-query", query);
        api.timing = { query: query, milliseconds: performance.now() - started };
        app.dispatchEvent(new CustomEvent("tk-search-shown", { detail: api.timing }));
        return recount(mine, query);
      });
    }).catch(function (error) {
      status.textContent = "The search index could not be read (" + error.message + ").";
      status.setAttribute("aria-busy", "false");
    });
  }

  function announce(results, asked) {
    if (!asked) {
      status.textContent = "Type words to search " + count(manifest.documents, "document") + "; a phrase in quotes, “anarch*” for words beginning so.";
      return;
    }
    if (!results.length) { status.textContent = "No results."; return; }
    if (results[0].document !== undefined) { status.textContent = count(results.length, "document") + " match."; return; }
    var documents = new Set(results.map(function (result) { return documentOf(result.unit); }));
    status.textContent = count(results.length, "result") + (manifest.documents > 1 ? " in " + count(documents.size, "document") : "") + ".";
  }

  function count(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }

  function showMore(mode) {
    var page = current.slice(shown, shown + PAGE);
    shown += page.length;
    more.hidden = shown >= current.length;
    var needs = new Set();
    page.forEach(function (result) {
      var document = result.document !== undefined ? result.document : documentOf(result.unit);
      result.doc = document;
      needs.add("docs/" + Math.floor(document / manifest.docsPerFile));
      if (result.unit !== undefined) needs.add("text/" + document);
    });
    return Promise.all(Array.from(needs).map(load)).then(function () {
      page.forEach(function (result) { list.appendChild(item(result, mode)); });
    });
  }

  function item(result, mode) {
    var info = loaded["docs/" + Math.floor(result.doc / manifest.docsPerFile)][result.doc % manifest.docsPerFile];
    var li = document.createElement("li");
    li.className = "result";
    var heading = document.createElement("p");
    heading.className = "result-title";
    var link = document.createElement("a");
    if (result.unit === undefined) {
      link.href = info[1];
      link.textContent = info[0];
      heading.appendChild(link);
      if (info[2]) heading.appendChild(text(" — " + info[2]));
      li.appendChild(heading);
      return li;
    }
    var unit = loaded["text/" + result.doc][result.unit - starts[result.doc]];
    link.href = info[1] + "#" + unit[0];
    link.textContent = manifest.documents > 1 ? info[0] : unit[1];
    heading.appendChild(link);
    if (manifest.documents > 1) heading.appendChild(text(" — " + [unit[1], info[2]].filter(Boolean).join(", ")));
    li.appendChild(heading);
    var snippet = document.createElement("p");
    snippet.className = "snippet";
    fillSnippet(snippet, mode === "diplomatic" && unit.length > 3 ? unit[3] : unit[2], result.positions);
    li.appendChild(snippet);
    return li;
  }

  function text(value) { return document.createTextNode(value); }

  /* Keyword in context: the words around the first hit, the hits marked. */
  function fillSnippet(target, value, positions) {
    var spans = wordSpans(value), marked = new Set(positions), shown = value.split(BREAK).join(" ");
    if (!spans.length) { target.textContent = shown; return; }
    var hit = spans.findIndex(function (span) { return marked.has(span[2]); });
    var first = Math.max(0, hit);
    var from = Math.max(0, first - 12), to = Math.min(spans.length, first + 24);
    var start = from === 0 ? 0 : spans[from][0], end = to >= spans.length ? value.length : spans[to - 1][1];
    if (from > 0) target.appendChild(text("… "));
    var cursor = start;
    for (var i = from; i < to; i++) {
      if (!marked.has(spans[i][2])) continue;
      target.appendChild(text(shown.slice(cursor, spans[i][0])));
      var mark = document.createElement("mark");
      mark.textContent = shown.slice(spans[i][0], spans[i][1]);
      target.appendChild(mark);
      cursor = spans[i][1];
    }
    target.appendChild(text(shown.slice(cursor, end) + (end < value.length ? " …" : "")));
  }

  /* ===== Facets ===== */

  function fieldset(className, title) {
    var box = document.createElement("fieldset"), legend = document.createElement("legend");
    box.className = className;
    legend.textContent = title;
    box.appendChild(legend);
    return box;
  }

  /* How many of the current results hold each of ``numbers`` (values of ``facet``): the results of
     the words and dates asked for, narrowed by every other facet (a facet's own values are
     alternatives, so choosing one does not empty the others). Null when nothing narrows: then the
     counts are the index's own. */
  function countsFor(facet, numbers) {
    var base = narrowed.base, sets = narrowed.sets;
    var others = Object.keys(sets).some(function (key) { return key !== facet.key; });
    if (!base && !others) return Promise.resolve(null);
    return Promise.all(numbers.map(function (number) { return holders(facet.key, number); })).then(function (lists) {
      var counts = new Map();
      lists.forEach(function (targets, i) {
        var n = 0;
        targets.forEach(function (target) {
          if ((!base || base.has(target)) && inFacets(sets, target, facet.key)) n++;
        });
        counts.set(numbers[i], n);
      });
      return counts;
    });
  }

  var facetViews = [];

  /* Redraw every facet with the counts of the current results; then the filters' panel says for
     which query its counts are. */
  function recount(mine, query) {
    return Promise.all(facetViews.map(function (view) { return view.draw(); })).then(function () {
      if (mine === serial) document.getElementById("search-filters").setAttribute("data-counted", query);
    });
  }

  function facetBox(facet) {
    var box = fieldset("facet", facet.label);
    box.setAttribute("data-facet", facet.key);
    var values = document.createElement("ul");
    values.className = "facet-values";
    var find = null;
    if (facet.values > facet.top.length) {
      var label = document.createElement("label");
      label.setAttribute("for", "facet-find-" + facet.key);
      label.textContent = "Find among " + facet.values.toLocaleString("en") + ": ";
      find = document.createElement("input");
      find.type = "search";
      find.id = "facet-find-" + facet.key;
      find.autocomplete = "off";
      label.appendChild(find);
      box.appendChild(label);
    }
    box.appendChild(values);
    var all = facet.top, drawing = 0;

    function rowsWanted() {
      var wanted = find ? words(find.value) : [];
      var picked = chosen[facet.key] || new Set();
      var rows = [];
      all.forEach(function (value, number) {
        if (picked.has(number)) rows.push(number);
      });
      for (var number = 0; number < all.length && rows.length < picked.size + 10; number++) {
        if (picked.has(number)) continue;
        var names = words(all[number][0]);
        if (wanted.every(function (word) { return names.some(function (name) { return name.lastIndexOf(word, 0) === 0; }); })) rows.push(number);
      }
      return rows;
    }

    function row(number) {
      var li = document.createElement("li"), check = document.createElement("input"), label = document.createElement("label");
      li.setAttribute("data-value", String(number));
      check.type = "checkbox";
      check.id = "facet-" + facet.key + "-" + number;
      check.value = String(number);
      check.addEventListener("change", function () {
        var set = chosen[facet.key] = chosen[facet.key] || new Set();
        if (check.checked) set.add(number); else set.delete(number);
        run();
      });
      label.setAttribute("for", check.id);
      label.textContent = all[number][0] + " ";
      var n = document.createElement("span");
      n.className = "facet-count";
      label.appendChild(n);
      li.appendChild(check);
      li.appendChild(label);
      return li;
    }

    /* A value none of the current results holds shows 0 and cannot be chosen (unless it is
       chosen already, so that it can be given up). */
    function show(li, number, counts) {
      var n = counts ? counts.get(number) : all[number][1], check = li.firstChild;
      check.checked = (chosen[facet.key] || new Set()).has(number);
      check.disabled = n === 0 && !check.checked;
      li.classList.toggle("facet-empty", n === 0);
      li.querySelector(".facet-count").textContent = "(" + n.toLocaleString("en") + ")";
    }

    function draw() {
      var mine = ++drawing, rows = rowsWanted();
      return countsFor(facet, rows).then(function (counts) {
        if (mine !== drawing) return;
        var shown = Array.from(values.children).map(function (li) { return Number(li.getAttribute("data-value")); });
        if (shown.join() !== rows.join()) {  // other values: new rows, the focus kept where it was
          var focused = document.activeElement && values.contains(document.activeElement) ? document.activeElement.id : null;
          values.innerHTML = "";
          rows.forEach(function (number) { values.appendChild(row(number)); });
          if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
        }
        rows.forEach(function (number, i) { show(values.children[i], number, counts); });
      });
    }
    if (find) {
      var whole = function () {
        return load("facets/" + facet.key).then(function (listing) { all = listing; return draw(); });
      };
      find.addEventListener("focus", whole);
      find.addEventListener("input", function () { whole(); });
    }
    facetViews.push({ draw: draw });
    draw();
    return box;
  }

  function dateBox() {
    var box = fieldset("facet facet-dates", "Date");
    var help = document.createElement("p");
    help.className = "facet-help";
    help.id = "date-help";
    help.textContent = "A year, or a date as 1812-02-20; dated " + manifest.dateRange[0] + " to " + manifest.dateRange[1] + ".";
    [["from", "From"], ["to", "To"]].forEach(function (pair) {
      var label = document.createElement("label"), field = document.createElement("input");
      label.setAttribute("for", "date-" + pair[0]);
      label.textContent = pair[1] + " ";
      field.id = "date-" + pair[0];
      field.type = "text";
      field.inputMode = "numeric";
      field.size = 10;
      field.setAttribute("aria-describedby", "date-help");
      field.addEventListener("input", function () {
        var value = field.value.trim();
        if (value && !/^\d{4}(-\d\d(-\d\d)?)?$/.test(value)) return;
        range[pair[0]] = value;
        run();
      });
      label.appendChild(field);
      box.appendChild(label);
      box.appendChild(text(" "));
    });
    box.appendChild(help);
    return box;
  }

  function readingSwitch() {
    var box = fieldset("facet reading-switch", "Reading searched");
    [["corrected", "Corrected and regularised"], ["diplomatic", "As in the source (diplomatic)"]].forEach(function (pair, i) {
      var label = document.createElement("label"), radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "reading";
      radio.value = pair[0];
      radio.id = "reading-" + pair[0];
      radio.checked = i === 0;
      radio.addEventListener("change", run);
      label.setAttribute("for", radio.id);
      label.textContent = pair[1];
      box.appendChild(radio);
      box.appendChild(label);
    });
    return box;
  }

  function setup(data) {
    manifest = data;
    foldTable = data.fold;
    var total = 0;
    starts = data.counts.map(function (n) { var start = total; total += n; return start; });
    var form = app.querySelector("form");
    input = document.getElementById("search-input");
    status = document.getElementById("search-status");
    list = document.getElementById("search-results");
    more = document.getElementById("search-more");
    var panel = document.getElementById("search-filters");
    if (data.readings) panel.appendChild(readingSwitch());
    if (data.dateRange) panel.appendChild(dateBox());
    data.facets.forEach(function (facet) { panel.appendChild(facetBox(facet)); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", run);
    more.addEventListener("click", function () { showMore(reading()); });
    app.hidden = false;
    var note = document.getElementById("search-no-script");
    if (note) note.hidden = true;
    var asked = /(?:^#|&)q=([^&]*)/.exec(location.hash);
    if (asked) input.value = decodeURIComponent(asked[1].replace(/\+/g, " "));
    run();
  }

  if (app) load("index").then(setup, function (error) {
    var note = document.getElementById("search-no-script");
    if (note) note.textContent = "The search index could not be read (" + error.message + ").";
  });
})();
