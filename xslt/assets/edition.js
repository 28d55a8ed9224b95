/* The web edition's few behaviours; the pages read fine without them. No outside requests. */
(function () {
  "use strict";

  /* Corrected / diplomatic view. */
  function setupViewSwitch() {
    var box = document.querySelector(".view-switch");
    var button = document.getElementById("view-toggle");
    if (!box || !button) return;
    box.hidden = false;
    button.addEventListener("click", function () {
      var diplomatic = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", diplomatic ? "true" : "false");
      document.body.classList.toggle("diplomatic", diplomatic);
    });
  }

  /* Witness view (parallel segmentation): each app shows the reading of the chosen witness;
     a witness no reading names agrees with the edited text. */
  function setupWitnessSwitch() {
    var box = document.querySelector(".witness-switch");
    var select = document.getElementById("witness-select");
    if (!box || !select) return;
    box.hidden = false;
    var apps = Array.prototype.slice.call(document.querySelectorAll(".app[id]"));
    select.addEventListener("change", function () {
      var witness = select.value;
      document.body.classList.toggle("witness-view", witness !== "");
      apps.forEach(function (app) {
        var readings = Array.prototype.filter.call(app.children, function (child) {
          return child.classList.contains("app-reading");
        });
        var chosen = readings[0];
        if (witness) {
          var named = readings.filter(function (reading) {
            return (reading.getAttribute("data-wit") || "").split(" ").indexOf(witness) !== -1;
          });
          if (named.length) chosen = named[0];
        }
        readings.forEach(function (reading) { reading.hidden = reading !== chosen; });
      });
    });
  }

  /* Escape closes a note pop-up opened by hover or focus. */
  function setupNotes() {
    var anchors = document.querySelectorAll(".note-anchor");
    anchors.forEach(function (anchor) {
      anchor.addEventListener("focusin", function () { anchor.classList.remove("dismissed"); });
      anchor.addEventListener("mouseenter", function () { anchor.classList.remove("dismissed"); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      anchors.forEach(function (anchor) { anchor.classList.add("dismissed"); });
    });
  }

  /* Index filter: entries whose names contain every typed word stay visible. */
  function setupFilter() {
    var box = document.querySelector(".register-filter");
    var input = document.getElementById("register-filter");
    var status = document.getElementById("register-filter-status");
    var list = document.getElementById("register");
    if (!box || !input || !list) return;
    box.hidden = false;
    var items = Array.prototype.slice.call(list.children);
    function fold(text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }
    var names = items.map(function (item) { return fold(item.getAttribute("data-names") || item.textContent); });
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item, i) {
        var match = words.every(function (word) { return names[i].indexOf(word) !== -1; });
        item.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = words.length ? filterStatus(status, shown, items.length) : "";
    });
  }

  /* "3 of 40 shown", in the page's words (the status element's data-shown, {shown} and {total}). */
  function filterStatus(status, shown, total) {
    return (status.getAttribute("data-shown") || "{shown}/{total}")
      .replace("{shown}", shown.toLocaleString(document.documentElement.lang || "en"))
      .replace("{total}", total.toLocaleString(document.documentElement.lang || "en"));
  }
  window.tkFilterStatus = filterStatus;

  function start() {
    setupViewSwitch();
    setupWitnessSwitch();
    setupNotes();
    setupFilter();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
