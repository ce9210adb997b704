from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.editor import PROSE_EDITOR_CONFIG, CSPSafeProseEditorWidget
from core.languages import in_default_language, localized
from core.revisions import RevisionAdmin

from .models import Call, CallLink, CallStatus


class CallLinkInline(TranslationTabularInline):
    model = CallLink
    extra = 1
    fields = ["title", "url", "order"]


class CallStatusFilter(admin.SimpleListFilter):
    """Where calls stand now (upcoming, open, closed, decided), as the public pages say."""

    title = _("status")
    parameter_name = "call_status"

    def lookups(self, request, model_admin):
        return CallStatus.choices

    def queryset(self, request, queryset):
        if self.value() in CallStatus.values:
            return queryset.with_status(self.value(), timezone.now())
        return queryset


@admin.register(Call)
class CallAdmin(RevisionAdmin, TabbedTranslationAdmin):
    list_display = [
        "title",
        "programme",
        "network_type",
        "opens_at",
        "closes_at",
        "call_status",
        "status",
    ]
    list_filter = [CallStatusFilter, "status", "programme", "network_type"]
    list_select_related = ["programme", "network_type", "approval"]
    search_fields = [*localized("title"), "slug"]
    prepopulated_fields = {"slug": [in_default_language("title")]}
    autocomplete_fields = ["events"]
    inlines = [CallLinkInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "programme", "network_type", "summary", "body"]}),
        (
            _("Dates"),
            {
                "fields": [
                    "opens_at",
                    "closes_at",
                    "closing_time_stated",
                    "networks_start",
                    "networks_end",
                ]
            },
        ),
        (_("Budget and decision"), {"fields": ["budget", "approval", "outcome", "source"]}),
        (_("Info days and trainings"), {"fields": ["events"]}),
        (_("Publication"), {"fields": ["status"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("body"):
            kwargs["widget"] = CSPSafeProseEditorWidget(config=PROSE_EDITOR_CONFIG)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "approval":
            kwargs["queryset"] = db_field.related_model.objects.latest_first()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("now"))
    def call_status(self, obj):
        return obj.current_status.label
