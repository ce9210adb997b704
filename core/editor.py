"""The rich-text editor of the back office (django-prose-editor), for every field that holds
HTML through `core.fields.SanitizedHTMLField`: articles and progress updates.

The editor offers what the field keeps (`fields.ALLOWED_TAGS`): whatever it could produce
beyond that would be removed on saving anyway."""

from django_prose_editor.widgets import (
    AdminProseEditorWidget,
    prose_editor_admin_media,
    prose_editor_js,
)
from js_asset import Media, Script

PROSE_EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Underline": True,
        "Strike": True,
        "Subscript": True,
        "Superscript": True,
        "Code": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
        "History": True,
        "HTML": True,
        "SpecialCharacters": True,
    }
}


class CSPSafeProseEditorWidget(AdminProseEditorWidget):
    """django-prose-editor's admin widget (the "configurable" preset) working under the
    portal's strict CSP: the editor's base CSS comes from a file instead of an inline style,
    and the import map gets the admin's CSP nonce (Django's admin renders media with it)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("preset", "configurable")
        kwargs.setdefault("config", PROSE_EDITOR_CONFIG)
        super().__init__(*args, **kwargs)

    @property
    def media(self):
        return prose_editor_admin_media + Media(
            css={"all": ["news/admin/prose-editor-base.css"]},
            js=[
                prose_editor_js,
                Script("news/admin/prose-editor-csp.js", type="module"),
                Script("django_prose_editor/configurable.js", type="module"),
            ],
        )
