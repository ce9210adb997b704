"""Where a piece of content stands on its way to the public: shared by news articles and
the networks' progress updates."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")
