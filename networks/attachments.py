"""Serving the files attached to progress updates.

They are stored outside MEDIA_ROOT (see storage.py), so this view is the only way to them: the
public gets a file once its update is published; before that only the update's partner editors
and NCP reviewers do, uncached, once their session has its second factor.
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_safe

from core.security import second_factor_required

from .models import UpdateAttachment


@require_safe
def serve_attachment(request, network_slug, update_slug, pk):
    attachment = get_object_or_404(
        UpdateAttachment.objects.select_related("update__network"),
        pk=pk,
        update__slug=update_slug,
        update__network__slug=network_slug,
    )
    update = attachment.update
    public = update.is_published
    if not public and not request.user.is_authenticated:
        raise Http404  # a visitor learns nothing of a draft
    if not public:
        return serve_draft_attachment(request, attachment)
    return file_response(attachment, public=True)


@second_factor_required
def serve_draft_attachment(request, attachment):
    if not attachment.update.is_visible_to(request.user):
        raise Http404
    return file_response(attachment, public=False)


def file_response(attachment, *, public):
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=not attachment.is_photo,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    # Never let a browser guess another type (an "image" that is really HTML).
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        patch_cache_control(response, public=True, max_age=3600)
    else:
        add_never_cache_headers(response)
    return response
