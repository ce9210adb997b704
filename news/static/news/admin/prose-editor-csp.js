// Tiptap (inside django-prose-editor) injects its base CSS as an inline <style> element,
// which the portal's Content Security Policy (style-src 'self') refuses. The same rules are
// served as a file (prose-editor-base.css); this switches the injection off. It runs before
// the editors are created: module scripts run in document order.
import { Editor } from "django-prose-editor/editor";

Editor.prototype.injectCSS = function injectCSS() {};
