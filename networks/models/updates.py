"""Progress updates and their review: partner editors, attachments and review comments."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import SanitizedHTMLField
from core.images import (
    DescribedImageMixin,
    described_image_constraint,
    described_image_fields,
    random_image_path,
)
from core.publication import PublicationStatus

from .common import _today
from .networks import Network


def can_review_updates(user):
    """NCP staff who review and publish progress updates; everyone else is limited to the
    networks they are a partner editor of."""
    return user.is_active and user.has_perm("networks.publish_progressupdate")


class ProgressUpdateQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED, date__lte=_today())

    def in_review(self):
        return self.filter(status=PublicationStatus.IN_REVIEW)

    def for_network(self, network):
        return self.filter(network=network)

    def drafts(self):
        return self.filter(status=PublicationStatus.DRAFT)

    def visible_to(self, user):
        """The updates `user` may see in the admin: all of them for NCP reviewers, only their
        own networks' for partner editors, none for anybody else."""
        if can_review_updates(user):
            return self
        return self.filter(network__in=Network.objects.edited_by(user))


def _update_image_path(instance, filename):
    return random_image_path("updates", filename)


class ProgressUpdate(DescribedImageMixin, models.Model):
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="updates", verbose_name=_("network")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    body = SanitizedHTMLField(_("text"))
    date = models.DateField(_("date"), default=_today)
    image, image_width, image_height, image_alt = described_image_fields(
        _update_image_path, _("A JPEG, PNG or WebP image of at most 5 MB, shown with the update.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PublicationStatus, default=PublicationStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            # A network's latest published updates.
            models.Index(fields=["network", "status", "-date"], name="update_network_status_idx"),
            # The admin's list: every update, newest first, a page at a time.
            models.Index(fields=["-date", "-id"], name="update_newest_first_idx"),
        ]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        permissions = [("publish_progressupdate", _("Can review and publish progress updates"))]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "slug"], name="update_slug_unique_per_network"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_review", "published"]),
                name="update_status_valid",
            ),
            described_image_constraint("update_image_described"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "networks:update", kwargs={"network_slug": self.network.slug, "slug": self.slug}
        )

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED and self.date <= _today()

    def is_visible_to(self, user):
        """May `user` see this update in the admin (and its attachments before publication)?"""
        return can_review_updates(user) or (
            self.network_id is not None
            and Network.objects.edited_by(user).filter(pk=self.network_id).exists()
        )

    def is_editable_by(self, user):
        """NCP reviewers edit any update; partner editors only their own networks' drafts."""
        if can_review_updates(user):
            return True
        return self.status == PublicationStatus.DRAFT and self.is_visible_to(user)


class PartnerEditor(models.Model):
    """A user who edits one network's progress updates (a city's or the network's contact)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_editor_links",
        verbose_name=_("user"),
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="partner_editors", verbose_name=_("network")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["network", "user"]
        verbose_name = _("partner editor")
        verbose_name_plural = _("partner editors")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "network"],
                name="partner_editor_once_per_network",
                violation_error_message=_("This user already edits this network."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.network}"


class AttachmentKind(models.TextChoices):
    DOCUMENT = "document", _("document")
    PHOTO = "photo", _("photo")


def private_storage():
    from ..storage import private_storage as storage

    return storage


def _attachment_path(instance, filename):
    return f"updates/{timezone.now():%Y}/{filename}"


class UpdateAttachmentQuerySet(models.QuerySet):
    def photos(self):
        return self.filter(kind=AttachmentKind.PHOTO)

    def documents(self):
        return self.filter(kind=AttachmentKind.DOCUMENT)

    def published(self):
        return self.filter(update__in=ProgressUpdate.objects.published())

    def photos_first(self):
        """Photos, then documents, each in their editors' order (for {% regroup %})."""
        return self.order_by("-kind", "order", "pk")


class UpdateAttachment(models.Model):
    """A document or photo of a progress update. Files are checked by content when uploaded
    (see uploads.py), stored outside MEDIA_ROOT and served only by networks.attachments, which
    lets the public fetch them once the update is published."""

    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("progress update"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind)
    file = models.FileField(
        _("file"), upload_to=_attachment_path, storage=private_storage, max_length=200
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("A document's title or a photo's description for people who cannot see it."),
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = UpdateAttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["update", "order", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["document", "photo"]), name="attachment_kind_valid"
            ),
        ]

    def __str__(self):
        return self.title or self.original_name

    def get_absolute_url(self):
        return reverse(
            "networks:attachment",
            kwargs={
                "network_slug": self.update.network.slug,
                "update_slug": self.update.slug,
                "pk": self.pk,
            },
        )

    @property
    def is_photo(self):
        return self.kind == AttachmentKind.PHOTO


class ReviewComment(models.Model):
    """NCP staff's comment when they send an update back to its partner editors."""

    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="review_comments",
        verbose_name=_("progress update"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["update", "-created_at", "-pk"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")

    def __str__(self):
        return self.text[:60]


@receiver(post_delete, sender=UpdateAttachment)
def _remove_attachment_file(sender, instance, **kwargs):
    """A deleted attachment's file goes too (once the deletion is committed): files of removed
    updates must not linger in the private store."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
