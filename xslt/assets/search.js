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
  var island = document.getElementById("search-words");
  var interfaceWords = island ? JSON.parse(island.textContent) : {};
  var locale = document.documentElement.lang || "en";

  /* An interface word of the page's language (the page gives them: toolkit/search/page.py), its
     {placeholders} filled. */
  function say(key, fields) {
    var text = Object.prototype.hasOwnProperty.call(interfaceWords, key) ? interfaceWords[key] : key;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return fields && Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : all;
    });
  }

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

  /* Each word of a text with where it stands (for highlighting): [start, end, position, word], in order.
     Positions count words, and one more at each block's edge (U+2029), as the index counts them. */
  var BREAK = "\u2029";

  function wordSpans(text) {
    var spans = [], run = /[\p{L}\p{N}\p{M}]+/gu, match, position = 0, last = 0;
    while ((match = run.exec(text))) {
      for (var k = text.indexOf(BREAK, last); k !== -1 && k < match.index; k = text.indexOf(BREAK, k + 1)) position++;
      last = match.index + match[0].length;
      words(match[0]).forEach(function (word) { spans.push([match.index, last, position++, word]); });
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

  /* The index of the last item of ``sorted`` (ascending, its first at most ``value``) that is at most ``value``. */
  function lastAtMost(sorted, value) {
    var low = 0, high = sorted.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (sorted[middle] <= value) low = middle; else high = middle - 1;
    }
    return low;
  }

  function shardOf(term) { return lastAtMost(manifest.shards, term); }

  /* ===== Postings: numbers written in strings by toolkit/search/numbers.py ===== */

  var BASE = 45, DIGIT = new Int8Array(128);
  for (var code = 0x23, digit = 0; code < 0x7f; code++) if (code !== 0x5c) DIGIT[code] = digit++;

  /* Each number a string holds, to ``each(number)``. */
  function eachNumber(text, each) {
    var value = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGIT[text.charCodeAt(i)];
      if (d >= BASE) { value = value * BASE + d - BASE; continue; }
      each(value * BASE + d);
      value = 0;
    }
  }

  /* Each (unit, weight) of a term's postings, to ``each(unit, weight, index)``. */
  function eachPosting(text, each) {
    var unit = 0, index = 0, odd = false;
    eachNumber(text, function (value) {
      if (odd) each(unit, value, index++); else unit += value;
      odd = !odd;
    });
  }

  /* Units (ascending) and their weights. */
  function Hits(units, weights) { this.units = units; this.weights = weights; }

  /* ===== Weights: BM25 from each unit's count of the term, the unit's length and the index's
     totals, as toolkit/search/index.py describes; rounded as Python rounds (half to even), so
     that a rank is the same whichever machine computes it. ===== */

  var lengthTables = {};

  function blockOf(unit) { return lastAtMost(manifest.blocks, unit); }

  /* The lengths of the units of the blocks ``numbers``, loaded and decoded once. */
  function loadLengths(numbers) {
    var wanted = numbers.filter(function (number) { return !lengthTables[number]; });
    return Promise.all(wanted.map(function (number) { return load("lengths/" + number); })).then(function (texts) {
      texts.forEach(function (text, i) {
        var corrected = [], diplomatic = [], second = false;
        eachNumber(text, function (value) {
          if (second) { diplomatic[diplomatic.length - 1] = value; second = false; return; }
          corrected.push(value >> 1);
          diplomatic.push(value >> 1);
          second = (value & 1) === 1;
        });
        lengthTables[wanted[i]] = { c: Int32Array.from(corrected), d: Int32Array.from(diplomatic) };
      });
    });
  }

  function lengthOf(unit, kind) {
    var block = blockOf(unit);
    return lengthTables[block][kind === "d" ? "d" : "c"][unit - manifest.blocks[block]];
  }

  function roundHalfEven(value) {
    var rounded = Math.round(value);
    return rounded - value === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
  }

  /* How many units hold a term, in any reading (for its rarity). */
  function holdersOf(entry) {
    var kinds = Object.keys(entry), all = new Set(), count = 0;
    kinds.forEach(function (kind) {
      eachPosting(entry[kind], function (unit) { if (kinds.length === 1) count++; else all.add(unit); });
    });
    return kinds.length === 1 ? count : all.size;
  }

  /* The hits of several postings (a word in two kinds of text, or every word a prefix begins),
     each source {postings, kind, holders}: a unit's weight is the sum of its weights. */
  function gather(found) {
    var lists = found.map(function (source) {
      var units = [], counts = [];
      eachPosting(source.postings, function (unit, count) { units.push(unit); counts.push(count); });
      return { units: units, counts: counts, source: source };
    });
    var blocks = new Set();
    lists.forEach(function (list) { list.units.forEach(function (unit) { blocks.add(blockOf(unit)); }); });
    return loadLengths(Array.from(blocks)).then(function () {
      var total = Math.max(1, manifest.units), k1 = manifest.bm25[0], b = manifest.bm25[1];
      var average = Math.max(1.0, manifest.words / Math.max(1, manifest.readings));
      var weighed = lists.map(function (list) {
        var holders = list.source.holders, kind = list.source.kind;
        var idf = Math.log(1 + (total - holders + 0.5) / (holders + 0.5));
        return list.counts.map(function (count, i) {
          var weight = idf * count * (k1 + 1) / (count + k1 * (1 - b + b * lengthOf(list.units[i], kind) / average));
          return Math.max(1, roundHalfEven(weight * 100));
        });
      });
      if (lists.length === 1) return new Hits(Int32Array.from(lists[0].units), Float64Array.from(weighed[0]));
      var sums = new Float64Array(manifest.units), seen = [];
      lists.forEach(function (list, l) {
        list.units.forEach(function (unit, i) {
          if (!sums[unit]) seen.push(unit);
          sums[unit] += weighed[l][i];
        });
      });
      var sorted = Int32Array.from(seen).sort();
      return new Hits(sorted, Float64Array.from(sorted, function (unit) { return sums[unit]; }));
    });
  }

  /* The units both hold (weights added): a walk through both, or look-ups in the longer when one
     is far shorter. */
  function intersect(a, b) {
    if (a.units.length > b.units.length) { var swap = a; a = b; b = swap; }
    var units = [], weights = [], j = 0, long = b.units, n = long.length;
    var search = a.units.length * 16 < n;
    for (var i = 0; i < a.units.length && j < n; i++) {
      var unit = a.units[i];
      if (search) {
        var low = j, high = n;
        while (low < high) { var middle = (low + high) >> 1; if (long[middle] < unit) low = middle + 1; else high = middle; }
        j = low;
      } else {
        while (j < n && long[j] < unit) j++;
      }
      if (j < n && long[j] === unit) { units.push(unit); weights.push(a.weights[i] + b.weights[j]); }
    }
    return new Hits(Int32Array.from(units), Float64Array.from(weights));
  }

  /* Where a word's postings are, in the reading chosen: [{shard, term, kind}], for every term a
     prefix begins (or the word alone). */
  function sources(word, prefix, reading) {
    if (!manifest.shards.length) return Promise.resolve([]);  // texts without a word: no term file at all
    var first = shardOf(word), last = prefix ? shardOf(word + "\uffff") : first, names = [];
    for (var i = first; i <= last; i++) names.push(i);
    return Promise.all(names.map(function (i) { return load("terms/" + i); })).then(function (shards) {
      var found = [], kinds = ["b", reading === "diplomatic" ? "d" : "c"];
      shards.forEach(function (shard, s) {
        Object.keys(shard).forEach(function (term) {
          if (prefix ? term.lastIndexOf(word, 0) !== 0 : term !== word) return;
          var entry = typeof shard[term] === "string" ? { b: shard[term] } : shard[term], holders = null;
          kinds.forEach(function (kind) {
            if (!entry[kind]) return;
            if (holders === null) holders = holdersOf(entry);
            found.push({ shard: names[s], term: term, kind: kind, postings: entry[kind], holders: holders });
          });
        });
      });
      return found;
    });
  }

  /* The positions of a word's sources in the units ``wanted`` (a Set): Map unit -> Set of positions. */
  function positionsIn(found, wanted) {
    var shards = Array.from(new Set(found.map(function (source) { return "terms/" + source.shard + "-p"; })));
    return Promise.all(shards.map(load)).then(function () {
      var positions = new Map();
      found.forEach(function (source) {
        var stored = loaded["terms/" + source.shard + "-p"][source.term];
        var text = typeof stored === "string" ? stored : stored[source.kind], order = [];
        eachPosting(source.postings, function (unit) { order.push(unit); });
        var index = 0, left = -1, position = 0, keep = null;
        eachNumber(text, function (value) {
          if (left < 0) {  // a unit's count of positions
            var unit = order[index++];
            left = value; position = 0;
            keep = wanted.has(unit) ? positions.get(unit) || positions.set(unit, new Set()).get(unit) : null;
          } else if (keep) {
            position += value;
            keep.add(position);
          }
          if (left-- === 0) left = -1;
        });
      });
      return positions;
    });
  }

  /* Units where a clause's words stand together. Words are intersected from the rarest; the
     positions of a phrase's words are read only for the units holding all of them. */
  function clauseMatches(clause, reading) {
    var last = clause.words.length - 1;
    return Promise.all(clause.words.map(function (word, i) {
      return sources(word, clause.prefix && i === last, reading);
    })).then(function (found) {
      return Promise.all(found.map(gather)).then(function (lists) { return [found, lists]; });
    }).then(function (both) {
      var found = both[0], lists = both[1];
      if (lists.some(function (list) { return !list.units.length; })) return new Hits(new Int32Array(0), new Float64Array(0));
      var together = lists.slice().sort(function (a, b) { return a.units.length - b.units.length; }).reduce(intersect);
      if (lists.length === 1 || !together.units.length) return together;
      var wanted = new Set(together.units);
      return Promise.all(found.map(function (word) { return positionsIn(word, wanted); })).then(function (positions) {
        var units = [], weights = [];
        together.units.forEach(function (unit, i) {
          var starts = positions[0].get(unit) || new Set();
          for (var start of starts) {
            var all = true;
            for (var k = 1; k < positions.length && all; k++) all = (positions[k].get(unit) || new Set()).has(start + k);
            if (all) { units.push(unit); weights.push(together.weights[i]); return; }
          }
        });
        return new Hits(Int32Array.from(units), Float64Array.from(weights));
      });
    });
  }

  /* Which words of a passage to mark for the clauses asked: the indexes of ``spans`` (wordSpans). */
  function marked(spans, clauses) {
    var marks = new Set();
    clauses.forEach(function (clause) {
      var n = clause.words.length;
      for (var i = 0; i + n <= spans.length; i++) {
        var all = true;
        for (var k = 0; k < n && all; k++) {
          var word = spans[i + k][3], wanted = clause.words[k];
          all = (k === n - 1 && clause.prefix ? word.lastIndexOf(wanted, 0) === 0 : word === wanted)
            && (k === 0 || spans[i + k][2] === spans[i][2] + k);
        }
        if (all) for (k = 0; k < n; k++) marks.add(i + k);
      }
    });
    return marks;
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

  function documentOf(unit) { return lastAtMost(starts, unit); }

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
        var hits = lists.slice().sort(function (a, b) { return a.units.length - b.units.length; }).reduce(intersect);
        hits.units.forEach(function (unit, i) {
          var target = targetOf(unit);
          if (filter.inDates && !filter.inDates(target)) return;
          base.add(target);
          if (inFacets(filter.sets, target)) results.push({ unit: unit, weight: hits.weights[i] });
        });
      } else if (filter.active) {
        var total = manifest.scope === "unit" ? manifest.units : manifest.documents;
        for (var target = 0; target < total; target++) {
          if (filter.inDates && !filter.inDates(target)) continue;
          if (base) base.add(target);
          if (inFacets(filter.sets, target)) results.push(manifest.scope === "unit" ? { unit: target } : { document: target });
        }
      }
      narrowed = { base: base, sets: filter.sets };
      results.sorted = !lists;  // without words, in the order of the texts
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
      status.textContent = say("search-unreadable", { error: error.message });
      status.setAttribute("aria-busy", "false");
    });
  }

  function announce(results, asked) {
    if (!asked) {
      status.textContent = say("search-prompt", { documents: count(manifest.documents, "document-count") });
      return;
    }
    if (!results.length) { status.textContent = say("search-none"); return; }
    if (results[0].document !== undefined) {
      status.textContent = say("search-documents-match", { documents: count(results.length, "document-count") });
      return;
    }
    var documents = new Set(results.map(function (result) { return documentOf(result.unit); }));
    var found = count(results.length, "result-count");
    status.textContent = manifest.documents > 1
      ? say("search-found-in", { results: found, documents: count(documents.size, "document-count") })
      : say("search-found", { results: found });
  }

  /* "3 documents", "1 document": the word for one is KEY-one. */
  function count(n, key) { return say(n === 1 ? key + "-one" : key, { n: n.toLocaleString(locale) }); }

  function byRank(a, b) { return b.weight - a.weight || a.unit - b.unit; }

  /* The next page of results, best first: the first is picked out without sorting them all (a
     frequent word has thousands), the others once the reader asks for more. */
  function nextPage() {
    if (!current.sorted && shown === 0 && current.length > 4 * PAGE) {
      var top = [];
      current.forEach(function (result) {
        if (top.length === PAGE && byRank(result, top[PAGE - 1]) >= 0) return;
        var at = top.length;
        while (at > 0 && byRank(result, top[at - 1]) < 0) at--;
        top.splice(at, 0, result);
        if (top.length > PAGE) top.pop();
      });
      return top;
    }
    if (!current.sorted) { current.sort(byRank); current.sorted = true; }
    return current.slice(shown, shown + PAGE);
  }

  function showMore(mode) {
    var mine = serial, page = nextPage();
    shown += page.length;
    more.hidden = shown >= current.length;
    var needs = new Set();
    page.forEach(function (result) {
      var document = result.document !== undefined ? result.document : documentOf(result.unit);
      result.doc = document;
      needs.add(result.unit !== undefined ? "text/" + document : "docs/" + Math.floor(document / manifest.docsPerFile));
    });
    return Promise.all(Array.from(needs).map(load)).then(function () {
      if (mine !== serial) return;  // a later search has emptied the list meanwhile: these are not its results
      page.forEach(function (result) { list.appendChild(item(result, mode)); });
    });
  }

  function item(result, mode) {
    var info = result.unit !== undefined ? loaded["text/" + result.doc][0]  // a passage's file names its document
      : loaded["docs/" + Math.floor(result.doc / manifest.docsPerFile)][result.doc % manifest.docsPerFile];
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
    var unit = loaded["text/" + result.doc][1 + result.unit - starts[result.doc]];
    link.href = info[1] + "#" + unit[0];
    link.textContent = manifest.documents > 1 ? info[0] : unit[1];
    heading.appendChild(link);
    if (manifest.documents > 1) heading.appendChild(text(" — " + [unit[1], info[2]].filter(Boolean).join(", ")));
    li.appendChild(heading);
    var snippet = document.createElement("p");
    snippet.className = "snippet";
    fillSnippet(snippet, mode === "diplomatic" && unit.length > 3 ? unit[3] : unit[2], lastClauses);
    li.appendChild(snippet);
    return li;
  }

  function text(value) { return document.createTextNode(value); }

  /* Keyword in context: the words around the first hit, the hits marked. */
  function fillSnippet(target, value, clauses) {
    var spans = wordSpans(value), marks = marked(spans, clauses), shown = value.split(BREAK).join(" ");
    if (!spans.length) { target.textContent = shown; return; }
    var hit = spans.findIndex(function (_span, i) { return marks.has(i); });
    var first = Math.max(0, hit);
    var from = Math.max(0, first - 12), to = Math.min(spans.length, first + 24);
    var start = from === 0 ? 0 : spans[from][0], end = to >= spans.length ? value.length : spans[to - 1][1];
    if (from > 0) target.appendChild(text("… "));
    var cursor = start;
    for (var i = from; i < to; i++) {
      if (!marks.has(i)) continue;
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
      label.textContent = say("search-find-among", { n: facet.values.toLocaleString(locale) });
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
      li.querySelector(".facet-count").textContent = "(" + n.toLocaleString(locale) + ")";
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
    var box = fieldset("facet facet-dates", say("date"));
    var help = document.createElement("p");
    help.className = "facet-help";
    help.id = "date-help";
    help.textContent = say("search-date-help", { start: manifest.dateRange[0], end: manifest.dateRange[1] });
    [["from", say("search-date-from")], ["to", say("search-date-to")]].forEach(function (pair) {
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
    var box = fieldset("facet reading-switch", say("search-reading"));
    [["corrected", say("search-corrected")], ["diplomatic", say("search-diplomatic")]].forEach(function (pair, i) {
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
    if (data.diplomatic) panel.appendChild(readingSwitch());
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
    if (note) note.textContent = say("search-unreadable", { error: error.message });
  });
})();
