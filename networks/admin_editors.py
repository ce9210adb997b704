"""Partner editors: the links between a user and the networks whose updates they write.
Adding one by email creates the user when needed and sends a password link."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.languages import in_default_language

from .models import Network, PartnerEditor
from .services import create_partner_editor, send_password_link


class PartnerEditorAddForm(forms.ModelForm):
    email = forms.EmailField(
        label=_("email"),
        help_text=_(
            "A new user gets an email with a link to choose a password; an existing user with "
            "this email is given the network."
        ),
    )

    class Meta:
        model = PartnerEditor
        fields = ["email", "network"]


@admin.register(PartnerEditor)
class PartnerEditorAdmin(admin.ModelAdmin):
    list_display = ["user", "user_email", "network", "created_at"]
    list_filter = [("network", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "network"]
    search_fields = [
        "user__email",
        "user__username",
        in_default_language("network__name"),
        "network__slug",
    ]
    actions = ["send_password_links"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = PartnerEditorAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ["email", "network"] if obj is None else ["user", "network", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["user", "network", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False  # a link is created or deleted, never moved to another user or network

    @admin.display(description=_("email"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email

    def save_model(self, request, obj, form, change):
        user, _created = create_partner_editor(form.cleaned_data["email"], [obj.network])
        link = PartnerEditor.objects.get(user=user, network=obj.network)
        obj.pk, obj.user, obj.created_at = link.pk, user, link.created_at
        obj._state.adding = False

    @admin.action(description=_("Email a new password link"), permissions=["add"])
    def send_password_links(self, request, queryset):
        users = {link.user for link in queryset.select_related("user")}
        for user in users:
            send_password_link(user, Network.objects.edited_by(user))
        self.message_user(request, _("Sent %(count)d link(s).") % {"count": len(users)})
