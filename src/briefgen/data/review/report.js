// Sorting and filtering of the report's tables: plain JavaScript, no library, no network.
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    var numeric = /^-?\d+(\.\d+)?%?$/;
    if (numeric.test(a) && numeric.test(b)) return x - y;
    if (a === "" && b !== "") return 1;
    if (b === "" && a !== "") return -1;
    return a.localeCompare(b, undefined, {numeric: true, sensitivity: "base"});
  }
  function sortBy(table, th) {
    var index = Array.prototype.indexOf.call(th.parentNode.cells, th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var d = compare(cellValue(r1, index), cellValue(r2, index));
      return ascending ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function applyFilters(bar) {
    var table = document.getElementById(bar.getAttribute("data-for"));
    var wanted = [];
    bar.querySelectorAll("select[data-key]").forEach(function (s) {
      if (s.value) wanted.push([s.getAttribute("data-key"), s.value]);
    });
    var search = bar.querySelector("input[type=search]");
    var needle = search ? search.value.trim().toLowerCase() : "";
    var shown = 0, total = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      total += 1;
      var ok = wanted.every(function (pair) {
        var values = (row.getAttribute("data-" + pair[0]) || "").split(" ");
        return values.indexOf(pair[1]) >= 0;
      });
      if (ok && needle) ok = row.textContent.toLowerCase().indexOf(needle) >= 0;
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    var out = bar.querySelector(".shown");
    if (out) out.textContent = shown + " of " + total + " shown";
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th) {
      th.classList.add("sortable");
      th.setAttribute("title", "Sort by this column");
      th.addEventListener("click", function () { sortBy(table, th); });
    });
  });
  document.querySelectorAll(".filters").forEach(function (bar) {
    bar.querySelectorAll("select, input").forEach(function (control) {
      control.addEventListener("input", function () { applyFilters(bar); });
      control.addEventListener("change", function () { applyFilters(bar); });
    });
    applyFilters(bar);
  });
})();
