"""The admin's "view on site" redirect, limited to what the user may see.

Django's own (contenttypes' shortcut) redirects any staff user to the public address of any
object by id, whatever their permissions; for a partner editor that would reveal the address,
and so the title, of another network's draft. This one goes through the object's ModelAdmin,
whose queryset and view permission decide.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseRedirect


def view_on_site(request, content_type_id, object_id):
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        raise Http404
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_view_permission(request, obj):
        raise Http404
    if callable(model_admin.view_on_site):
        url = model_admin.view_on_site(obj)
    elif model_admin.view_on_site and hasattr(obj, "get_absolute_url"):
        url = obj.get_absolute_url()
    else:
        url = None
    if not url:
        raise Http404
    return HttpResponseRedirect(url)


def partner_dashboard(user, limit=10):
    """What a partner editor sees first on the admin index: their networks, the drafts sent
    back to them with the reviewer's latest comment, their other drafts, what waits for
    review and what was published lately. Five queries, each limited, whatever the data."""
    from django.db.models import OuterRef, Subquery

    from core.publication import PublicationStatus
    from networks.models import Network, ProgressUpdate, ReviewComment

    networks = list(Network.objects.edited_by(user).order_by("slug")[:limit])
    updates = (
        ProgressUpdate.objects.filter(network__in=Network.objects.edited_by(user))
        .select_related("network")
        .order_by("-updated_at", "-pk")
    )
    latest_comment = ReviewComment.objects.filter(update=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    drafts = list(
        updates.filter(status=PublicationStatus.DRAFT).annotate(
            review_comment=Subquery(latest_comment.values("text")[:1])
        )[:limit]
    )
    return {
        "networks": networks,
        "sent_back": [update for update in drafts if update.review_comment],
        "drafts": [update for update in drafts if not update.review_comment],
        "in_review": list(updates.filter(status=PublicationStatus.IN_REVIEW)[:limit]),
        "published": list(updates.filter(status=PublicationStatus.PUBLISHED)[:limit]),
    }
