"""What needs the NCP editors' attention, shown on the admin index. A fixed number of queries,
each limited, whatever the amount of content."""

import datetime

from django.db.models import F, Max, Q
from django.utils import timezone

from core.publication import PublicationStatus
from networks.models import Network, ProgressUpdate

from .models import Article

LIMIT = 10
QUIET_DAYS = 60


def _listing(queryset):
    """The first LIMIT rows and how many there are in all (two queries)."""
    return {"items": list(queryset[:LIMIT]), "count": queryset.count()}


def quiet_networks(today=None, days=QUIET_DAYS):
    """Ongoing networks without a published progress update in the last `days` days,
    the longest silent first (never updated at the top)."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=days)
    return (
        Network.objects.ongoing(today)
        .annotate(
            last_update=Max(
                "updates__date",
                filter=Q(updates__status=PublicationStatus.PUBLISHED, updates__date__lte=today),
            )
        )
        .filter(Q(last_update__lt=since) | Q(last_update__isnull=True))
        .order_by(F("last_update").asc(nulls_first=True), "slug")
    )


def editorial_dashboard(now=None):
    now = now or timezone.now()
    return {
        "articles_in_review": _listing(Article.objects.in_review().order_by("-updated_at")),
        "updates_in_review": _listing(
            ProgressUpdate.objects.in_review().select_related("network").order_by("-updated_at")
        ),
        "scheduled": _listing(Article.objects.scheduled(now).order_by("published_at")),
        "missing_translation": _listing(
            Article.objects.missing_translation().order_by("-updated_at")
        ),
        "quiet_networks": _listing(quiet_networks(timezone.localdate(now))),
        "quiet_days": QUIET_DAYS,
    }
