"""The pages every public-sector site owes its visitors: the accessibility statement (EU Web
Accessibility Directive 2016/2102) and the privacy notice. One row per kind, created with
their first text by a migration; NCP staff edit them in the admin, in both languages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import SanitizedHTMLField


class PageKind(models.TextChoices):
    ACCESSIBILITY = "accessibility", _("accessibility statement")
    PRIVACY = "privacy", _("privacy notice")


class Conformance(models.TextChoices):
    """The compliance statuses of the Commission's model accessibility statement."""

    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class Page(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=PageKind, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = SanitizedHTMLField(_("text"))
    conformance = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=Conformance,
        blank=True,
        help_text=_(
            "Accessibility statement only: how far the site meets the requirements "
            "(EN 301 549, which refers to WCAG 2.1 level AA)."
        ),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        help_text=_("When what the page says was last checked against the site."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("statement page")
        verbose_name_plural = _("statement pages")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["accessibility", "privacy"]), name="page_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind="accessibility", conformance__in=["full", "partial", "none"])
                | (~Q(kind="accessibility") & Q(conformance="")),
                name="page_conformance_for_accessibility_only",
                violation_error_message=_(
                    "The accessibility statement needs a compliance status; other pages have none."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"pages:{self.kind}")

    def clean(self):
        super().clean()
        if self.kind == PageKind.ACCESSIBILITY and not self.conformance:
            raise ValidationError(
                {"conformance": _("The accessibility statement needs a compliance status.")}
            )
        if self.kind != PageKind.ACCESSIBILITY and self.conformance:
            raise ValidationError(
                {"conformance": _("Only the accessibility statement has a compliance status.")}
            )
