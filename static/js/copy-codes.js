// Recovery codes: a button that copies them to the clipboard, added only where the browser
// can do it (without it the codes stay selectable text and the download link works).
(function () {
  "use strict";
  var list = document.getElementById("recovery-codes");
  if (!list || !navigator.clipboard) {
    return;
  }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button two-factor__copy";
  button.textContent = list.dataset.copyLabel;
  button.addEventListener("click", function () {
    var codes = Array.prototype.map.call(list.querySelectorAll("code"), function (code) {
      return code.textContent.trim();
    });
    navigator.clipboard.writeText(codes.join("\n") + "\n").then(function () {
      button.textContent = list.dataset.copiedLabel;
    });
  });
  var actions = list.nextElementSibling;
  actions.insertBefore(button, actions.firstChild);
})();
