"""The editorial workflow of articles: draft -> in review -> published (possibly scheduled)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from core.publication import PublicationStatus

PUBLISH_PERMISSION = "news.publish_article"

#: Editing one of these (in any language) is a substantive edit: it moves "Edited on".
SUBSTANTIVE_FIELDS = ("title", "lead", "body")


def substantive_field_names():
    return {
        build_localized_fieldname(name, code)
        for name in SUBSTANTIVE_FIELDS
        for code, _name in settings.LANGUAGES
    } | set(SUBSTANTIVE_FIELDS)


def can_publish(user):
    """NCP editors (and superusers) publish; everybody else can only submit for review."""
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def save_article(article, *, changed_fields=(), now=None):
    """Save an edited article, moving its "Edited on" date only when its title, lead or text
    changed (a new status, link or image is not an edit readers need to know about)."""
    if article.pk is not None and substantive_field_names() & set(changed_fields):
        article.edited_at = now or timezone.now()
    article.save()
    return article


def check_status_change(user, old_status, new_status):
    """Refuse a status only a publisher may set. Returns the error message or None."""
    if (
        new_status == PublicationStatus.PUBLISHED
        and old_status != PublicationStatus.PUBLISHED
        and not can_publish(user)
    ):
        return _("Only NCP editors can publish articles. Submit it for review instead.")
    return None


def publish(article, user, *, when=None):
    """Publish `article` at `when` (default: its planned time, else now). A time in the future
    schedules it: the article becomes public then, with no job to run."""
    if not can_publish(user):
        raise PermissionDenied(_("Only NCP editors can publish articles."))
    article.status = PublicationStatus.PUBLISHED
    article.published_at = when or article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


def submit_for_review(article):
    if article.status == PublicationStatus.DRAFT:
        article.status = PublicationStatus.IN_REVIEW
        article.save(update_fields=["status", "updated_at"])
    return article
