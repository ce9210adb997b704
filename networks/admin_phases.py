"""Phases with their periods and milestones, the Monitoring Committee approvals, and the
templates a network type's phases are created from."""

from django.contrib import admin
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from core.languages import localized

from .models import (
    Approval,
    Milestone,
    MilestoneTemplate,
    Period,
    PeriodTemplate,
    Phase,
    PhaseTemplate,
)


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
    search_fields = localized("network__name")
    autocomplete_fields = ["network"]
    inlines = [PeriodInline, MilestoneInline]


@admin.register(Approval)
class ApprovalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "programme", "announced_networks", "announced_partners"]
    list_filter = ["programme", "network_type"]
    list_select_related = ["programme", "network_type"]


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
