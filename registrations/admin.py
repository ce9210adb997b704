"""NCP staff see who registered and export the list as CSV. Only those with the
registrants' view permission (NCP editors, not partner editors) see either; the CSV export
checks it too, being a view of its own."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Registration, RegistrationSetup, Status


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["status", "name", "organisation", "email", "city", "created_at"]
    readonly_fields = fields
    can_delete = True
    ordering = ["status", "created_at", "pk"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("registrations.view_registration")


@admin.register(RegistrationSetup)
class RegistrationSetupAdmin(admin.ModelAdmin):
    list_display = ["event", "is_open", "closes_at", "capacity", "registered", "waiting", "export"]
    list_select_related = ["event"]
    autocomplete_fields = ["event"]
    inlines = [RegistrationInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                registered_total=Count(
                    "registrations", filter=Q(registrations__status=Status.REGISTERED)
                ),
                waiting_total=Count(
                    "registrations", filter=Q(registrations__status=Status.WAITING)
                ),
            )
        )

    @admin.display(description=_("registered"), ordering="registered_total")
    def registered(self, obj):
        return obj.registered_total

    @admin.display(description=_("waiting"), ordering="waiting_total")
    def waiting(self, obj):
        return obj.waiting_total

    @admin.display(description=_("registrants"))
    def export(self, obj):
        url = reverse("admin:registrations_registrationsetup_export", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("CSV"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/registrants.csv",
                self.admin_site.admin_view(self.export_view),
                name="registrations_registrationsetup_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, pk):
        if not request.user.has_perm("registrations.view_registration"):
            raise PermissionDenied
        setup = get_object_or_404(RegistrationSetup.objects.select_related("event"), pk=pk)
        response = HttpResponse(services.export_csv(setup), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="registrants-{setup.event.slug}.csv"'
        )
        response["Cache-Control"] = "no-store"
        return response


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "email", "city", "status", "setup", "created_at"]
    list_filter = ["status", "setup"]
    list_select_related = ["setup__event"]
    search_fields = ["name", "organisation", "email", "city"]
    readonly_fields = [
        "setup",
        "name",
        "organisation",
        "email",
        "city",
        "language",
        "status",
        "consent_text",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
