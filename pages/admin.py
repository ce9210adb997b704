from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.editor import CSPSafeProseEditorWidget

from .models import Page, PageKind


@admin.register(Page)
class PageAdmin(TabbedTranslationAdmin):
    """NCP staff edit the statements; the site owes both, so none is deleted, and the add
    form offers only a kind that is missing."""

    list_display = ["title", "kind", "conformance", "last_reviewed", "updated_at"]
    fields = ["kind", "title", "conformance", "last_reviewed", "body"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("body"):
            kwargs["widget"] = CSPSafeProseEditorWidget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return ["kind"] if obj is not None else []

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "kind":
            # Only a missing statement can be added: each kind exists once.
            existing = set(Page.objects.values_list("kind", flat=True))
            kwargs["choices"] = [
                ("", "---------"),
                *((kind.value, kind.label) for kind in PageKind if kind.value not in existing),
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False
