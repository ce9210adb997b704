/* The rich-text editor's toolbar in the admin's language. django-prose-editor writes the
 * tooltips and labels of its buttons in English, outside its translations; their Latvian is
 * in the admin's script catalogue (locale_overrides/lv/LC_MESSAGES/djangojs.po), which the
 * change forms load before this file. Loaded by templates/admin/base_site.html. */
(function () {
  "use strict";
  if (typeof window.gettext !== "function") {
    return;
  }

  function translate(text) {
    var heading = /^[Hh]eading (\d)$/.exec(text);
    if (heading) {
      return window.interpolate(window.gettext("Heading %s"), [heading[1]]);
    }
    return window.gettext(text);
  }

  function relabel() {
    document.querySelectorAll(".prose-menubar [title], .prose-menubar [aria-label]").forEach(
      function (element) {
        ["title", "aria-label"].forEach(function (name) {
          var value = element.getAttribute(name);
          if (value && translate(value) !== value) {
            element.setAttribute(name, translate(value));
          }
        });
      }
    );
    document.querySelectorAll(".prose-menubar__option > *").forEach(function (element) {
      var text = element.textContent;
      if (element.children.length === 0 && text && translate(text) !== text) {
        element.textContent = translate(text);
      }
    });
  }

  var pending = false;
  function schedule() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        relabel();
      });
    }
  }

  function start() {
    var editors = "[data-django-prose-editor-configurable], [data-django-prose-editor-default]";
    if (!document.querySelector(editors)) {
      return; // no rich-text field on this page
    }
    // The editors build and change their toolbars after load: relabel what they add.
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
    schedule();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
