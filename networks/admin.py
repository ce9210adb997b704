"""The admin of programmes, networks and their partners, progress updates, events and outputs.

Their parts have modules of their own: phases, approvals and phase templates (admin_phases),
partner editors (admin_editors), update attachments (admin_attachments), the CSV import
(admin_import) and the update workflow (admin_updates).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin_filters import FewRelatedFieldListFilter
from core.editor import CSPSafeProseEditorWidget
from core.languages import in_default_language, localized
from core.revisions import RevisionAdmin

from . import admin_editors, admin_phases  # noqa: F401 (their admins register on import)
from .admin_attachments import UpdateAttachmentInline
from .admin_import import NetworkImportMixin
from .admin_related import BackToNetworkMixin, network_lists
from .admin_updates import (
    PartnerScopedPermissionsMixin,
    ReviewCommentInline,
    UpdateWorkflowMixin,
)
from .forms import MembershipForm, SlugFromTitleMixin
from .models import (
    Event,
    GoodPractice,
    Membership,
    Network,
    NetworkType,
    Output,
    Phase,
    Programme,
    ProgressUpdate,
    Theme,
)
from .output_files import OutputForm
from .services import create_phase_from_template


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "start_year", "end_year"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(NetworkType)
class NetworkTypeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": [in_default_language("name")]}
    search_fields = localized("name")


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": [in_default_language("name")]}
    search_fields = localized("name")


@admin.register(GoodPractice)
class GoodPracticeAdmin(TabbedTranslationAdmin):
    list_display = ["title", "city", "year_labelled"]
    search_fields = localized("title", "city__name")
    autocomplete_fields = ["city"]


#: The browser's own date input (and its picker) for a network's dates and its phases'.
DATE_FIELDS = {
    models.DateField: {"widget": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}
}


class PhaseInline(admin.TabularInline):
    model = Phase
    formfield_overrides = DATE_FIELDS
    # Named, so that the admin does not build the inline's form an extra time to find them.
    fields = ["number", "start", "end", "approved_on"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        # Each row is named after its network ("REFILL, phase 2"): read with the phase.
        return super().get_queryset(request).select_related("network")


class PhaseFromTemplateForm(forms.Form):
    number = forms.IntegerField(label=_("phase number"), min_value=1)
    start = forms.DateField(label=_("start"), widget=forms.DateInput(attrs={"type": "date"}))
    approved_on = forms.DateField(
        label=_("approved on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class NetworkForm(SlugFromTitleMixin, forms.ModelForm):
    slug_source = "name"


@admin.register(Network)
class NetworkAdmin(NetworkImportMixin, RevisionAdmin, TabbedTranslationAdmin):
    form = NetworkForm
    formfield_overrides = DATE_FIELDS
    list_per_page = 50  # the search and the filters find a row sooner than paging
    list_display = [
        "name",
        "acronym",
        "network_type",
        "programme",
        "partner_count",
        "planned_start",
        "planned_end",
    ]
    list_filter = ["programme", "network_type", "themes"]
    list_select_related = ["programme", "network_type"]
    search_fields = [
        *localized("name"),
        "acronym",
        "slug",
        in_default_language("memberships__city__name"),
    ]
    prepopulated_fields = {"slug": [in_default_language("name")]}
    autocomplete_fields = ["good_practice"]
    filter_horizontal = ["themes"]
    inlines = [PhaseInline]
    actions = ["create_phase_from_template"]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "network_type", "programme", "themes"]}),
        (_("Content"), {"fields": ["summary", "goals", "challenges", "good_practice"]}),
        (
            _("People and dates"),
            {
                "fields": [
                    "lead_expert",
                    "website",
                    ("planned_start", "planned_end"),
                    ("actual_start", "actual_end"),
                    "approved_on",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_partner_counts()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Its partners and outputs, listed with links to their own forms (admin_related).
        if obj is not None and obj.pk is not None:
            context.update(network_lists(request, self.admin_site, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=_("partners"), ordering="partner_count")
    def partner_count(self, obj):
        return obj.partner_count

    @admin.action(description=_("Create a phase from its type's template"))
    def create_phase_from_template(self, request, queryset):
        form = PhaseFromTemplateForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            created = 0
            for network in queryset:
                try:
                    create_phase_from_template(
                        network,
                        form.cleaned_data["number"],
                        form.cleaned_data["start"],
                        approved_on=form.cleaned_data["approved_on"],
                    )
                    created += 1
                except ValidationError as error:
                    self.message_user(request, f"{network}: {error.messages[0]}", messages.ERROR)
                except Exception:  # an existing phase of that number
                    self.message_user(
                        request,
                        _("%(network)s already has phase %(number)s.")
                        % {"network": network, "number": form.cleaned_data["number"]},
                        messages.ERROR,
                    )
            if created:
                self.message_user(
                    request, _("Created %(count)d phase(s).") % {"count": created}, messages.SUCCESS
                )
            return redirect(request.get_full_path())
        return TemplateResponse(
            request,
            "admin/networks/phase_from_template.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Create a phase from its type's template"),
                "form": form,
                "networks": queryset,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Membership)
class MembershipAdmin(BackToNetworkMixin, admin.ModelAdmin):
    form = MembershipForm
    list_display = ["city", "network", "role", "is_newcomer", "organisation"]
    list_filter = ["role", "is_newcomer", "network__programme", "city__country"]
    list_select_related = ["city", "network"]
    search_fields = [
        *localized("city__name"),
        in_default_language("network__name"),
        "organisation",
    ]
    autocomplete_fields = ["city", "network"]

    def get_fields(self, request, obj=None):
        return ["network", *MembershipForm.Meta.fields]


class ProgressUpdateForm(SlugFromTitleMixin, forms.ModelForm):
    """A slug unique within the update's network, made from the title when left empty; no
    date means today."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "date" in self.fields:
            self.fields["date"].required = False
            self.fields["date"].help_text = _("Empty: today.")

    def clean_date(self):
        return self.cleaned_data.get("date") or timezone.localdate()

    def slug_siblings(self):
        network = self.cleaned_data.get("network") or getattr(self.instance, "network", None)
        if network is None:
            return None
        return ProgressUpdate.objects.filter(network=network)


#: What a good progress update holds, shown under its text on the form.
UPDATE_BODY_HELP = _(
    "A good progress update says what happened (a meeting, a visit, a decision, a result), "
    "what your city learnt or changed, and what comes next. A few short paragraphs for "
    "residents, not a report: explain acronyms, name the people and places, and add a photo "
    "or the document it is about."
)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(
    RevisionAdmin,
    PartnerScopedPermissionsMixin,
    UpdateWorkflowMixin,
    TabbedTranslationAdmin,
):
    form = ProgressUpdateForm
    list_per_page = 50  # the search and the filters find a row sooner than paging
    list_display = ["title", "network", "date", "status", "author"]
    list_filter = ["status", ("network", FewRelatedFieldListFilter)]
    list_select_related = ["network", "author"]
    # One count of the rows a page lists, not a second one of the whole table beside it.
    show_full_result_count = False
    search_fields = [*localized("title"), in_default_language("network__name")]
    prepopulated_fields = {"slug": [in_default_language("title")]}
    autocomplete_fields = ["network"]
    inlines = [UpdateAttachmentInline, ReviewCommentInline]
    actions = ["submit_selected", "publish_selected"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("body"):
            kwargs["help_text"] = UPDATE_BODY_HELP
            kwargs["widget"] = CSPSafeProseEditorWidget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    list_display = ["title", "when", "place", "organiser"]
    list_filter = ["precision", "networks"]
    search_fields = localized("title", "place", "organiser")
    prepopulated_fields = {"slug": [in_default_language("title")]}
    autocomplete_fields = ["networks", "city"]

    @admin.display(description=_("when"), ordering="start_date")
    def when(self, obj):
        return obj.when


@admin.register(Output)
class OutputAdmin(BackToNetworkMixin, admin.ModelAdmin):
    form = OutputForm  # files checked by content, as attachments are
    list_display = ["title", "network", "membership", "kind", "language"]
    list_filter = ["kind", "language"]
    list_select_related = ["network", "membership__city"]
    search_fields = ["title", in_default_language("network__name")]
    autocomplete_fields = ["network", "membership"]
