"""Progress updates in the admin for two kinds of editor.

NCP reviewers (permission networks.publish_progressupdate) see and edit every update.
Everyone else sees only the updates of the networks they are a partner editor of, creates
drafts for those networks only, edits only drafts, and can never publish. Every path checks
it: list, change form and its POST data, inlines, history, delete, actions, autocomplete
and the preview and send-back views.

ProgressUpdateAdmin composes the two mixins: PartnerScopedPermissionsMixin (which updates
and fields an editor may see and change) and UpdateWorkflowMixin (submit, publish and
send back: the change form's buttons, the list's actions, the preview and send-back views).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from .models import (
    Network,
    ProgressUpdate,
    PublicationStatus,
    ReviewComment,
    can_review_updates,
)
from .services import publish_update, send_back_with_comment, submit_for_review


def is_reviewer(request):
    return can_review_updates(request.user)


def still_editable(request, obj):
    """Per-object permission of progress updates and their attachments: none given (a list
    or an empty form) or one the user may still edit (`ProgressUpdate.is_editable_by`)."""
    return obj is None or obj.is_editable_by(request.user)


class PartnerScopedPermissionsMixin:
    """Which updates a partner editor may see, add, change and delete, and which of their
    fields: the updates of their own networks, drafts only, never the status or the author."""

    partner_readonly_fields = ["status", "author_name"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and (
            is_reviewer(request) or Network.objects.edited_by(request.user).exists()
        )

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or obj.is_visible_to(request.user)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and still_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and still_editable(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not is_reviewer(request):
            fields += [field for field in self.partner_readonly_fields if field not in fields]
        return fields

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not is_reviewer(request):
            exclude.append("author")  # shown as text: partner editors may not open user pages
        return exclude

    @admin.display(description=_("author"))
    def author_name(self, obj):
        if obj is None or obj.author is None:
            return "–"
        return obj.author.get_full_name() or obj.author.get_username()

    def get_autocomplete_fields(self, request):
        # Partner editors choose among their own networks in a plain list.
        if not is_reviewer(request):
            return []
        return super().get_autocomplete_fields(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "network" and not is_reviewer(request):
            kwargs["queryset"] = Network.objects.edited_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if not is_reviewer(request) and "network" not in initial:
            networks = list(Network.objects.edited_by(request.user).values_list("pk", flat=True))
            if len(networks) == 1:
                initial["network"] = networks[0]
        return initial

    def save_model(self, request, obj, form, change):
        user = request.user
        if not is_reviewer(request):
            own = Network.objects.edited_by(user)
            if not own.filter(pk=obj.network_id).exists():
                raise PermissionDenied
            if change:
                stored = ProgressUpdate.objects.filter(pk=obj.pk).values("network", "status")
                stored = stored.first()
                if (
                    stored is None
                    or stored["status"] != PublicationStatus.DRAFT
                    or not own.filter(pk=stored["network"]).exists()
                ):
                    raise PermissionDenied
            # Partner editors write drafts; only a reviewer publishes.
            obj.status = PublicationStatus.DRAFT
        if not change and obj.author_id is None:
            obj.author = user
        super().save_model(request, obj, form, change)


class ReviewCommentInline(admin.TabularInline):
    """The reviewers' comments, shown to the update's partner editors; written through
    "Send back with a comment"."""

    model = ReviewComment
    extra = 0
    fields = ["created_at", "reviewer", "text"]
    readonly_fields = fields

    @admin.display(description=_("reviewer"))
    def reviewer(self, obj):
        # Plain text: partner editors may not open user pages.
        return obj.author.get_full_name() or obj.author.get_username() if obj.author else "–"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("comment for the partner editors"), widget=forms.Textarea(attrs={"rows": 6})
    )


class UpdateWorkflowMixin:
    """Submit for review, publish and send back with a comment: buttons on the change form,
    actions on the list, and views of their own (a preview in the public design and the
    send-back form). Only reviewers publish and send back."""

    def view_on_site(self, obj):
        # Drafts have no public page yet: the Preview button shows them in the public design.
        return obj.get_absolute_url() if obj.is_published else None

    def get_inline_instances(self, request, obj=None):
        # Review comments show once there are some.
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            if not isinstance(inline, ReviewCommentInline)
            or (obj is not None and obj.review_comments.exists())
        ]

    def has_publish_permission(self, request):
        return is_reviewer(request)

    # Workflow buttons on the change form and actions on the list.

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        context.update(
            can_submit=(obj is None or obj.status == PublicationStatus.DRAFT)
            and self.has_change_permission(request, obj),
            can_publish=is_reviewer(request)
            and (obj is None or obj.status != PublicationStatus.PUBLISHED),
            can_send_back=obj is not None
            and is_reviewer(request)
            and obj.status != PublicationStatus.DRAFT,
            can_preview=obj is not None and obj.is_visible_to(user),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _workflow_response(self, request, obj):
        try:
            if "_submit_for_review" in request.POST:
                submit_for_review(obj, by=request.user)
                self.message_user(request, _("Submitted for review."), messages.SUCCESS)
            elif "_publish" in request.POST:
                publish_update(obj, by=request.user)
                self.message_user(request, _("Published."), messages.SUCCESS)
            else:
                return None
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        return redirect(reverse("admin:networks_progressupdate_changelist"))

    def response_add(self, request, obj, post_url_continue=None):
        return self._workflow_response(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._workflow_response(request, obj) or super().response_change(request, obj)

    @admin.action(description=_("Submit selected drafts for review"), permissions=["change"])
    def submit_selected(self, request, queryset):
        self._apply(request, queryset.drafts(), submit_for_review, _("Submitted %(count)d."))

    @admin.action(description=_("Publish selected updates"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        queryset = queryset.exclude(status=PublicationStatus.PUBLISHED)
        self._apply(request, queryset, publish_update, _("Published %(count)d."))

    def _apply(self, request, queryset, step, message):
        done = 0
        for update in queryset.select_related("network"):
            try:
                step(update, by=request.user)
                done += 1
            except (PermissionDenied, ValidationError):
                pass
        self.message_user(request, message % {"count": done}, messages.SUCCESS)

    # Views of their own: preview in the public design and send back with a comment.

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/send-back/",
                self.admin_site.admin_view(self.send_back_view),
                name="{}_{}_send_back".format(*info),
            ),
            *super().get_urls(),
        ]

    def _visible_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        return obj

    def preview_view(self, request, object_id):
        update = self._visible_object(request, object_id)
        response = TemplateResponse(
            request,
            "admin/networks/progressupdate/preview.html",
            {
                "update": update,
                "network": update.network,
                "attachments": list(update.attachments.photos_first()),
            },
        )
        add_never_cache_headers(response)
        return response

    def send_back_view(self, request, object_id):
        if not is_reviewer(request):
            raise PermissionDenied
        update = self._visible_object(request, object_id)
        form = SendBackForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                send_back_with_comment(update, form.cleaned_data["comment"], by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, _("Sent back to the partner editors."))
            return redirect(reverse("admin:networks_progressupdate_changelist"))
        return TemplateResponse(
            request,
            "admin/networks/progressupdate/send_back.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Send back with a comment"),
                "form": form,
                "update": update,
                "opts": self.opts,
            },
        )
