// The network list's filters are a <details> element, folded on a phone. On a wide screen
// they are open: CSS shows them where the browser styles a details element's content
// (::details-content); this opens the element itself elsewhere, and again when a narrow
// window is widened. The page is complete without it.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 60.01rem)");
  function sync() {
    var folds = document.querySelectorAll("details[data-open-when-wide]");
    for (var i = 0; i < folds.length; i++) {
      if (wide.matches) {
        folds[i].open = true;
      }
    }
  }
  if (wide.addEventListener) {
    wide.addEventListener("change", sync);
  }
  sync();
})();
