from django_prose_editor.widgets import (
    AdminProseEditorWidget,
    prose_editor_admin_media,
    prose_editor_js,
)
from js_asset import Media, Script


class CSPSafeProseEditorWidget(AdminProseEditorWidget):
    """django-prose-editor's admin widget (the "configurable" preset) working under the
    portal's strict CSP: the editor's base CSS comes from a file instead of an inline style,
    and the import map gets the admin's CSP nonce (Django's admin renders media with it)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("preset", "configurable")
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
