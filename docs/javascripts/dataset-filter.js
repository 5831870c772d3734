// The filter box of the generated dataset indexes: hide the rows of the next table that do
// not contain every word typed (case and accents ignored).
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function attach(input) {
    var table = Array.prototype.find.call(document.querySelectorAll("table"), function (candidate) {
      return input.compareDocumentPosition(candidate) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    if (!table || !table.tBodies.length) {
      return;
    }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      rows.forEach(function (row) {
        var text = fold(row.textContent);
        row.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
      });
    });
  }
  function setup() {
    document.querySelectorAll("input.itu-filter").forEach(attach);
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
