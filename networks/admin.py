from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from news.revisions import RevisionAdmin

from .admin_import import NetworkImportMixin
from .forms import MembershipForm
from .models import (
    Event,
    GoodPractice,
    Membership,
    Milestone,
    MilestoneTemplate,
    Network,
    NetworkType,
    Output,
    Period,
    PeriodTemplate,
    Phase,
    PhaseTemplate,
    Programme,
    ProgressUpdate,
    Theme,
)
from .services import create_phase_from_template


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "start_year", "end_year"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(NetworkType)
class NetworkTypeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_lv"]}
    search_fields = ["name_lv", "name_en"]


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_lv"]}
    search_fields = ["name_lv", "name_en"]


@admin.register(GoodPractice)
class GoodPracticeAdmin(TabbedTranslationAdmin):
    list_display = ["title", "city", "year_labelled"]
    list_select_related = ["city"]
    search_fields = ["title_lv", "title_en", "city__name_lv", "city__name_en"]
    autocomplete_fields = ["city"]


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    extra = 0
    autocomplete_fields = ["city"]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    show_change_link = True


class OutputInline(admin.TabularInline):
    model = Output
    extra = 0


class PhaseFromTemplateForm(forms.Form):
    number = forms.IntegerField(label=_("phase number"), min_value=1)
    start = forms.DateField(label=_("start"), widget=forms.DateInput(attrs={"type": "date"}))
    approved_on = forms.DateField(
        label=_("approved on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


@admin.register(Network)
class NetworkAdmin(NetworkImportMixin, RevisionAdmin, TabbedTranslationAdmin):
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
    search_fields = ["name_lv", "name_en", "acronym", "slug", "memberships__city__name_lv"]
    prepopulated_fields = {"slug": ["name_lv"]}
    autocomplete_fields = ["good_practice"]
    filter_horizontal = ["themes"]
    inlines = [MembershipInline, PhaseInline, OutputInline]
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
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_partner_counts()

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
        from django.template.response import TemplateResponse

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
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipForm
    list_display = ["city", "network", "role", "is_newcomer", "organisation"]
    list_filter = ["role", "is_newcomer", "network__programme", "city__country"]
    list_select_related = ["city", "network"]
    search_fields = ["city__name_lv", "city__name_en", "network__name_lv", "organisation"]
    autocomplete_fields = ["city", "network"]

    def get_fields(self, request, obj=None):
        return ["network", *MembershipForm.Meta.fields]


class PeriodInline(admin.TabularInline):
    model = Period
    extra = 0


class MilestoneInline(TranslationTabularInline):
    model = Milestone
    extra = 0


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["network", "number", "start", "end", "approved_on"]
    list_filter = ["number", "approved_on", "network__programme"]
    list_select_related = ["network"]
    search_fields = ["network__name_lv", "network__name_en"]
    autocomplete_fields = ["network"]
    inlines = [PeriodInline, MilestoneInline]


class PeriodTemplateInline(admin.TabularInline):
    model = PeriodTemplate
    extra = 0


class MilestoneTemplateInline(TranslationStackedInline):
    model = MilestoneTemplate
    extra = 0


@admin.register(PhaseTemplate)
class PhaseTemplateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "network_type", "number"]
    inlines = [PeriodTemplateInline, MilestoneTemplateInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(RevisionAdmin, TabbedTranslationAdmin):
    list_display = ["title", "network", "date", "status", "author"]
    list_filter = ["status", "network"]
    list_select_related = ["network", "author"]
    search_fields = ["title_lv", "title_en", "network__name_lv"]
    prepopulated_fields = {"slug": ["title_lv"]}
    autocomplete_fields = ["network"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    list_display = ["title", "when", "place", "network"]
    list_filter = ["precision", "network"]
    list_select_related = ["network"]
    search_fields = ["title_lv", "title_en", "place_lv", "place_en"]
    prepopulated_fields = {"slug": ["title_lv"]}
    autocomplete_fields = ["network"]

    @admin.display(description=_("when"), ordering="start_date")
    def when(self, obj):
        return obj.when


@admin.register(Output)
class OutputAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "membership", "kind", "language"]
    list_filter = ["kind", "language"]
    list_select_related = ["network", "membership__city"]
    search_fields = ["title", "network__name_lv"]
    autocomplete_fields = ["network", "membership"]
