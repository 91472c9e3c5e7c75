(function () {
  "use strict";
  var filters = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-pair]"));
  var shown = document.getElementById("shown");
  function matches(row, key, value) {
    if (value === "") { return true; }
    if (key === "kind" || key === "topic") { return row.getAttribute("data-" + key) === value; }
    return row.getAttribute("data-" + key + "-a") === value || row.getAttribute("data-" + key + "-b") === value;
  }
  function apply() {
    var n = 0;
    rows.forEach(function (row) {
      var ok = filters.every(function (f) { return matches(row, f.getAttribute("data-filter"), f.value); });
      row.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = n + " of " + rows.length + " pairs shown";
  }
  filters.forEach(function (f) { f.addEventListener("change", apply); });
  document.getElementById("reset").addEventListener("click", function () {
    filters.forEach(function (f) { f.value = ""; });
    apply();
  });
  document.body.setAttribute("data-ready", "1");
  apply();
}());
