// The timeline's zoom (a decade, a year) and the map's zoom and pan. The pages are whole
// without this script: it only shows less at a time, and draws the histogram again for it.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  // The page's words (data-words, in its interface language); {placeholders} filled from fields.
  function wordsOf(element) {
    var table = JSON.parse(element.getAttribute("data-words") || "{}");
    return function (key, fields) {
      return (table[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
        return fields && name in fields ? String(fields[name]) : all;
      });
    };
  }

  function timeline(root) {
    var figure = root.querySelector(".timeline-density");
    var svg = root.querySelector("#timeline-density");
    var controls = root.querySelector(".timeline-zoom");
    if (!svg || !controls) return;
    var select = controls.querySelector("#timeline-period");
    var out = controls.querySelector("#timeline-out");
    var status = controls.querySelector("#timeline-status");
    var word = wordsOf(root);
    function counted(n) { return word(n === 1 ? "count-one" : "count", { n: n }); }
    var things = word("things");
    var sections = Array.prototype.slice.call(root.querySelectorAll(".timeline-year"));
    // Only the items on the axis (those before the common era are listed apart, and not zoomed).
    var items = Array.prototype.slice.call(root.querySelectorAll(".timeline-year .timeline-item")).map(function (li) {
      var start = li.getAttribute("data-start");
      return { year: +start.slice(0, 4), month: +start.slice(5, 7), unsure: li.classList.contains("unsure") };
    });
    if (!items.length) return;
    var first = items[0].year, last = items.reduce(function (m, i) { return Math.max(m, i.year); }, first);
    var drawn = svg.innerHTML, described = svg.getAttribute("aria-label");  // the whole period, as built
    var caption = figure.querySelector("figcaption"), captioned = caption ? caption.textContent : "";
    var byYear = {};
    items.forEach(function (i) { byYear[i.year] = (byYear[i.year] || 0) + 1; });

    // The choices: the whole period, each decade, each year that has items.
    function option(value, label) {
      var o = document.createElement("option"); o.value = value; o.textContent = label; select.appendChild(o);
    }
    option("all", word("whole-period") + " (" + items.length + ")");
    var decades = {};
    Object.keys(byYear).forEach(function (y) { var d = y - y % 10; decades[d] = (decades[d] || 0) + byYear[y]; });
    Object.keys(decades).sort().forEach(function (d) {
      option("d" + d, word("decade-name", { n: d }) + " (" + decades[d] + ")");
      Object.keys(byYear).filter(function (y) { return y - y % 10 === +d; }).sort().forEach(function (y) {
        option("y" + y, "\u2003" + y + " (" + byYear[y] + ")");
      });
    });

    function range(value) {
      if (value[0] === "d") { var d = +value.slice(1); return { from: d, to: d + 9, level: "decade", name: word("decade-name", { n: d }) }; }
      if (value[0] === "y") { var y = +value.slice(1); return { from: y, to: y, level: "year", name: String(y) }; }
      return { from: first, to: last, level: "all", name: word("whole-period") };
    }

    function bins(view) {
      var made = [], step, i;
      if (view.level === "year") {
        for (i = 1; i <= 12; i++) made.push({ label: word("month-short-" + i), test: function (m) { return function (it) { return it.year === view.from && it.month === m; }; }(i), value: null });
        return made;
      }
      step = view.level === "all" && last - first + 1 > 60 ? 10 : 1;
      var low = view.from - view.from % step;
      for (i = low; i <= view.to; i += step) {
        made.push({
          label: step === 10 ? word("decade", { n: i }) : String(i),
          test: function (a, b) { return function (it) { return it.year >= a && it.year <= b; }; }(i, i + step - 1),
          value: step === 10 ? "d" + i : "y" + i
        });
      }
      return made;
    }

    function draw(view) {
      if (view.level === "all") {
        svg.innerHTML = drawn; svg.setAttribute("aria-label", described);
        if (caption) caption.textContent = captioned;
        Array.prototype.forEach.call(svg.querySelectorAll(".bin"), function (g) {
          var from = +g.getAttribute("data-from"), to = +g.getAttribute("data-to");
          g.addEventListener("click", function () { show(from === to ? "y" + from : "d" + from); });
        });
        figure.classList.add("zoomable");
        return;
      }
      var width = 960, height = 160, axis = 22, list = bins(view);
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      var counts = list.map(function (b) {
        var sure = 0, unsure = 0;
        items.forEach(function (it) { if (b.test(it)) { if (it.unsure) unsure++; else sure++; } });
        return { sure: sure, unsure: unsure };
      });
      var peak = Math.max.apply(null, counts.map(function (c) { return c.sure + c.unsure; })) || 1;
      var w = width / list.length, every = Math.max(1, Math.round(list.length / 12));
      var line = document.createElementNS(SVG, "line");
      line.setAttribute("class", "axis"); line.setAttribute("x1", 0); line.setAttribute("x2", width);
      line.setAttribute("y1", height - axis); line.setAttribute("y2", height - axis); svg.appendChild(line);
      list.forEach(function (b, index) {
        var g = document.createElementNS(SVG, "g"), c = counts[index], base = height - axis;
        g.setAttribute("class", "bin");
        var title = document.createElementNS(SVG, "title");
        title.textContent = word("label-value", { label: b.label, value: counted(c.sure + c.unsure) +
          (c.unsure ? " (" + word("uncertain-count", { n: c.unsure }) + ")" : "") });
        g.appendChild(title);
        var hs = (base * c.sure) / peak, hu = (base * c.unsure) / peak;
        [["sure", base - hs, hs], ["unsure", base - hs - hu, hu]].forEach(function (part) {
          var r = document.createElementNS(SVG, "rect");
          r.setAttribute("class", part[0]); r.setAttribute("x", (index * w + w * 0.1).toFixed(1));
          r.setAttribute("width", (w * 0.8).toFixed(1)); r.setAttribute("y", part[1].toFixed(1)); r.setAttribute("height", part[2].toFixed(1));
          g.appendChild(r);
        });
        if (b.value && c.sure + c.unsure) g.addEventListener("click", function () { show(b.value); });
        svg.appendChild(g);
        if (index % every === 0) {
          var t = document.createElementNS(SVG, "text");
          t.setAttribute("x", (index * w + w / 2).toFixed(1)); t.setAttribute("y", height - 6); t.textContent = b.label;
          svg.appendChild(t);
        }
      });
      var per = word(view.level === "year" ? "per-month" : "per-year", { things: things });
      svg.setAttribute("aria-label", per + ", " + view.name);
      figure.classList.toggle("zoomable", view.level !== "year");
      if (caption) caption.textContent = word("zoomed-caption", { per: per, period: view.name });
    }

    function show(value) {
      var view = range(value);
      select.value = value;
      var shown = 0;
      sections.forEach(function (section) {
        var year = +section.getAttribute("data-year"), inside = year >= view.from && year <= view.to;
        section.hidden = !inside;
        if (inside) shown += section.querySelectorAll(".timeline-item").length;
      });
      draw(view);
      out.disabled = view.level === "all";
      status.textContent = word("showing", { period: view.name, count: counted(shown) });
      root.setAttribute("data-zoom", value);
    }

    select.addEventListener("change", function () { show(select.value); });
    out.addEventListener("click", function () {
      var value = select.value;
      show(value[0] === "y" ? "d" + (value.slice(1) - value.slice(1) % 10) : "all");
    });
    Array.prototype.forEach.call(root.querySelectorAll(".timeline-years a"), function (a) {
      a.addEventListener("click", function () { show("y" + a.getAttribute("href").slice(2)); });
    });
    controls.hidden = false;
    show("all");
  }

  function geomap(svg) {
    var frame = svg.parentNode;
    var full = svg.viewBox.baseVal, home = [full.x, full.y, full.width, full.height], view = home.slice();
    var word = wordsOf(svg);
    var bar = document.createElement("div");
    bar.className = "map-controls";
    [["+", word("zoom-in"), function () { zoom(0.5); }], ["\u2212", word("zoom-out"), function () { zoom(2); }],
     [word("whole-map"), word("show-whole-map"), function () { set(home.slice()); }]].forEach(function (spec) {
      var b = document.createElement("button"); b.type = "button"; b.textContent = spec[0];
      b.setAttribute("aria-label", spec[1]); b.addEventListener("click", spec[2]); bar.appendChild(b);
    });
    frame.parentNode.insertBefore(bar, frame);
    function set(v) {
      v[2] = Math.min(v[2], home[2]); v[3] = Math.min(v[3], home[3]);
      v[0] = Math.max(home[0], Math.min(v[0], home[0] + home[2] - v[2]));
      v[1] = Math.max(home[1], Math.min(v[1], home[1] + home[3] - v[3]));
      view = v; svg.setAttribute("viewBox", v.map(function (n) { return n.toFixed(2); }).join(" "));
    }
    function zoom(factor, cx, cy) {
      cx = cx === undefined ? view[0] + view[2] / 2 : cx; cy = cy === undefined ? view[1] + view[3] / 2 : cy;
      var w = Math.max(home[2] / 32, view[2] * factor), h = w * home[3] / home[2];
      set([cx - (cx - view[0]) * w / view[2], cy - (cy - view[1]) * h / view[3], w, h]);
    }
    function local(event) {
      var box = svg.getBoundingClientRect();
      return [view[0] + (event.clientX - box.left) * view[2] / box.width, view[1] + (event.clientY - box.top) * view[3] / box.height];
    }
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var p = local(event); zoom(event.deltaY < 0 ? 0.8 : 1.25, p[0], p[1]);
    }, { passive: false });
    var drag = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.target.closest && event.target.closest("a")) return;
      drag = { x: event.clientX, y: event.clientY, view: view.slice() }; svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) return;
      var box = svg.getBoundingClientRect();
      set([drag.view[0] - (event.clientX - drag.x) * view[2] / box.width, drag.view[1] - (event.clientY - drag.y) * view[3] / box.height, view[2], view[3]]);
    });
    svg.addEventListener("pointerup", function () { drag = null; });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".timeline"), timeline);
    Array.prototype.forEach.call(document.querySelectorAll("svg.map-svg"), geomap);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
