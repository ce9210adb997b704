"""Subscribers are the public's own: staff may see who follows what and delete a subscriber
on request, never add one or change what they chose (only a confirmed address does that)."""

from django.contrib import admin

from .models import Consent, Follow, SignupRequest, Subscriber


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class FollowInline(ReadOnlyInline):
    model = Follow
    fields = readonly_fields = ["topic", "network", "city", "created_at"]


class ConsentInline(ReadOnlyInline):
    model = Consent
    fields = readonly_fields = ["text", "language", "shown_at", "confirmed_at"]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "frequency", "confirmed_at", "last_digest_at"]
    list_filter = ["frequency", "language"]
    search_fields = ["email"]
    fields = readonly_fields = ["email", "language", "frequency", "confirmed_at", "last_digest_at"]
    inlines = [FollowInline, ConsentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SignupRequest)
class SignupRequestAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "created_at"]
    search_fields = ["email"]
    fields = readonly_fields = ["email", "language", "frequency", "topics", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
