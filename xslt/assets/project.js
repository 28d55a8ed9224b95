/* A project's tables sort by a column and filter by words; the pages read fine without this. */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function cellKey(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    return cell.hasAttribute("data-key") ? cell.getAttribute("data-key") : fold(cell.textContent.trim());
  }

  /* A column heading's button sorts by that column; a second press reverses the order. */
  function setupSorting(table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var body = table.tBodies[0];
    headers.forEach(function (header, column) {
      var button = header.querySelector("button.sort");
      if (!button) return;
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(body.rows);
        var keyed = rows.map(function (row, index) { return [cellKey(row, column), index, row]; });
        keyed.sort(function (a, b) {
          var order = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
          return ascending ? order : -order;
        });
        keyed.forEach(function (item) { body.appendChild(item[2]); });
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  }

  /* Rows (or list items) that contain every typed word stay visible. */
  function setupFilter(box, input, status, items, textOf) {
    if (!box || !input) return;
    box.hidden = false;
    var texts = items.map(function (item) { return fold(textOf(item)); });
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item, i) {
        var match = words.every(function (word) { return texts[i].indexOf(word) !== -1; });
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (status) status.textContent = words.length ? window.tkFilterStatus(status, shown, items.length) : "";
    });
  }

  function start() {
    document.querySelectorAll("table.documents, table.correspondents").forEach(setupSorting);
    var table = document.getElementById("documents");
    if (table) {
      setupFilter(document.querySelector(".table-filter"), document.getElementById("table-filter"),
                  document.getElementById("table-filter-status"),
                  Array.prototype.slice.call(table.tBodies[0].rows), function (row) { return row.textContent; });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
