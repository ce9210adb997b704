"""Outputs of networks and partners: studies, plans and other products, as a file or a link."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .common import _as_list
from .memberships import Membership
from .networks import Network


class OutputKind(models.TextChoices):
    TRANSFERABILITY_STUDY = "transferability_study", _("transferability study")
    TRANSFER_PLAN = "transfer_plan", _("transfer plan")
    LEARNING_LOG = "learning_log", _("learning log")
    INTEGRATED_ACTION_PLAN = "integrated_action_plan", _("integrated action plan")
    FINAL_PRODUCT = "final_product", _("final product")


def output_storage():
    """Output files are kept with the attachments, outside MEDIA_ROOT: only the portal's
    file view (networks.output_views) serves them, with the attachments' headers."""
    from ..storage import private_storage as storage

    return storage


def _output_path(instance, filename):
    return f"outputs/{timezone.now():%Y}/{filename}"


class OutputQuerySet(models.QuerySet):
    """Outputs have no workflow: every one is public once saved."""

    def for_listing(self):
        return self.select_related("network", "membership__city__country")

    def select(self, *, kind=None, network=None, city=None, language=None):
        """Outputs in a selection: kinds, network slugs, cities as "<country>/<slug>" (a
        partner's outputs) and language codes, each one value or a list (any matches)."""
        kinds, networks, cities, languages = (
            _as_list(value) for value in (kind, network, city, language)
        )
        qs = self
        if kinds:
            qs = qs.filter(kind__in=kinds)
        if networks:
            qs = qs.filter(network__slug__in=networks)
        if cities:
            matching = Q()
            for value in cities:
                code, _slash, slug = str(value).partition("/")
                matching |= Q(
                    membership__city__country__code=code.upper(), membership__city__slug=slug
                )
            qs = qs.filter(matching)
        if languages:
            qs = qs.filter(language__in=languages)
        return qs


class Output(models.Model):
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="outputs", verbose_name=_("network")
    )
    membership = models.ForeignKey(
        Membership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outputs",
        verbose_name=_("partner"),
        help_text=_("Leave empty for an output of the whole network."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OutputKind)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=_output_path,
        storage=output_storage,
        max_length=200,
        blank=True,
        help_text=_(
            "PDF, DOCX, XLSX, PPTX, ODT, ODS or ODP (up to 20 MB), or a JPEG, PNG or WebP "
            "image (up to 5 MB). Files are checked by their content."
        ),
    )
    url = models.URLField(_("link"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")

    objects = OutputQuerySet.as_manager()

    class Meta:
        ordering = ["network", "kind", "title"]
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="output_file_xor_link",
                violation_error_message=_("Give either a file or a link, not both."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def href(self):
        """Where a visitor gets the output: the portal's own file address, or the link."""
        if self.file:
            return reverse("outputs:file", kwargs={"pk": self.pk})
        return self.url

    @property
    def file_extension(self):
        name = self.file.name if self.file else ""
        return name.rsplit(".", 1)[-1].lower() if "." in name else ""

    @property
    def is_image(self):
        """Images open in the browser; every other file is a download."""
        return self.file_extension in ("jpg", "jpeg", "png", "webp")

    @property
    def language_name(self):
        from django.utils.translation import get_language_info

        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.membership_id and self.network_id and self.membership.network_id != self.network_id:
            raise ValidationError({"membership": _("This partner belongs to another network.")})
