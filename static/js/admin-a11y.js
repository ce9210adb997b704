/* Accessible names and roles the admin's widgets leave out, added once they are built (axe's
 * serious and critical rules on the article, progress update and network forms):
 * - the translation tabs (django-modeltranslation on jQuery UI): a tab is a focusable list
 *   item holding a link, an interactive control inside another; the link loses its href
 *   (the tab keeps working: it is told its panel is on the page) and the language switch
 *   gets a name;
 * - fields without a label of their own: the cells of tabular inlines are named by their
 *   column, a file input by its fieldset's legend;
 * - the rich-text editor's editable area and the autocomplete boxes (select2) are named by
 *   their field's label; select2's selection list gets no list role it cannot honour;
 * - the two-list selector's help icon is an image with a name.
 * Loaded by templates/admin/base_site.html; the page works the same without it. */
(function () {
  "use strict";

  var gettext = window.gettext || function (text) { return text; };

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").replace(/[\s:*?]+$/, "").trim() : "";
  }

  function named(element) {
    return (
      element.hasAttribute("aria-label") ||
      element.hasAttribute("aria-labelledby") ||
      (element.labels && element.labels.length > 0)
    );
  }

  function name(element, label) {
    if (label && !named(element)) {
      element.setAttribute("aria-label", label);
    }
  }

  function fieldLabel(element) {
    var row = element.closest(".form-row, .fieldBox");
    var label = row && row.querySelector("label");
    return text(label);
  }

  function columnHeader(cell) {
    var table = cell.closest("table");
    var head = table && table.tHead && table.tHead.rows[0];
    if (!head) {
      return "";
    }
    var position = 0;
    for (var i = 0; i < cell.parentElement.cells.length; i++) {
      if (cell.parentElement.cells[i] === cell) {
        break;
      }
      position += cell.parentElement.cells[i].colSpan;
    }
    var column = 0;
    for (var j = 0; j < head.cells.length; j++) {
      column += head.cells[j].colSpan;
      if (column > position) {
        return text(head.cells[j]);
      }
    }
    return "";
  }

  function patchTabs() {
    var jq = window.django && window.django.jQuery;
    var tabs = jq && jq.ui && jq.ui.tabs && jq.ui.tabs.prototype;
    if (tabs && !tabs._portalPatched) {
      var isLocal = tabs._isLocal;
      tabs._isLocal = function (anchor) {
        return anchor.hasAttribute("data-panel") || isLocal.call(this, anchor);
      };
      tabs._portalPatched = true;
    }
    return Boolean(tabs);
  }

  function fix() {
    if (patchTabs()) {
      document.querySelectorAll("a.ui-tabs-anchor[href]").forEach(function (anchor) {
        anchor.setAttribute("data-panel", anchor.getAttribute("href"));
        anchor.removeAttribute("href");
      });
    }
    var languages = document.getElementById("modeltranslation-main-switch");
    if (languages) {
      name(languages, gettext("Language of the form"));
    }
    document
      .querySelectorAll("input:not([type=hidden]), select, textarea")
      .forEach(function (field) {
        if (named(field)) {
          return;
        }
        var cell = field.closest("td");
        if (cell && cell.closest(".tabular")) {
          name(field, columnHeader(cell));
          return;
        }
        var fieldset = field.closest("fieldset");
        var legend = fieldset && fieldset.querySelector("legend");
        if (legend && !field.closest(".select2")) {
          name(field, text(legend));
        }
      });
    document.querySelectorAll('.prose-editor [contenteditable="true"]').forEach(function (area) {
      name(area, fieldLabel(area));
    });
    document.querySelectorAll(".select2-container").forEach(function (container) {
      var select = container.previousElementSibling;
      var label = select && select.tagName === "SELECT" ? fieldLabel(select) : "";
      container
        .querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field')
        .forEach(function (element) {
          name(element, label);
        });
      container.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
        list.setAttribute("role", "presentation");
        list.querySelectorAll(":scope > li").forEach(function (item) {
          item.setAttribute("role", "presentation");
        });
      });
    });
    document.querySelectorAll("span.help-tooltip[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  var pending = false;
  function schedule() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        fix();
      });
    }
  }

  function start() {
    if (!document.querySelector("form")) {
      return;
    }
    // Widgets build their markup after load and again when rows are added: fix what they add.
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
    schedule();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
