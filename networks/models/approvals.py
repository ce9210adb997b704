"""The Monitoring Committee's approvals: how many networks (and partners and countries) the
programme announced it approved on a date, for a type of network (and a phase), beside what
the portal records."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.dates import day_locative

from .networks import Network
from .programmes import NetworkType, Programme


class ApprovalQuerySet(models.QuerySet):
    def latest_first(self):
        return self.select_related("programme", "network_type").order_by("-approved_on", "-pk")

    def for_programme(self, slug):
        return self.filter(programme__slug=slug)


class Approval(models.Model):
    """A Monitoring Committee decision as the programme announced it: how many networks (and
    partners, from how many countries) it approved on a date, for a phase or, when the
    programme approves networks whole (URBACT IV), for no phase in particular. The portal's
    figures are always counted from the recorded networks; the announced numbers are kept to
    say how complete the record is."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="approvals", verbose_name=_("programme")
    )
    network_type = models.ForeignKey(
        NetworkType,
        on_delete=models.PROTECT,
        related_name="approvals",
        verbose_name=_("network type"),
    )
    phase = models.PositiveSmallIntegerField(
        _("phase number"),
        null=True,
        blank=True,
        help_text=_("Empty when the networks were approved whole, not a phase of them."),
    )
    approved_on = models.DateField(_("approved on"))
    announced_networks = models.PositiveIntegerField(_("networks approved"))
    announced_partners = models.PositiveIntegerField(_("partners approved"), null=True, blank=True)
    announced_countries = models.PositiveIntegerField(
        _("countries of the partners approved"), null=True, blank=True
    )
    source = models.URLField(_("source"), max_length=300, blank=True)

    objects = ApprovalQuerySet.as_manager()

    class Meta:
        ordering = ["-approved_on"]
        verbose_name = _("Monitoring Committee approval")
        verbose_name_plural = _("Monitoring Committee approvals")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "network_type", "phase", "approved_on"],
                name="approval_once_per_selection",
                violation_error_message=_("This approval is already recorded."),
            ),
            models.UniqueConstraint(
                fields=["programme", "network_type", "approved_on"],
                condition=Q(phase__isnull=True),
                name="approval_once_per_selection_without_phase",
                violation_error_message=_("This approval is already recorded."),
            ),
            models.CheckConstraint(condition=Q(phase__gte=1), name="approval_phase_gte_1"),
        ]

    def __str__(self):
        values = {
            "programme": self.programme,
            "type": self.network_type,
            "phase": self.phase,
            "date": day_locative(self.approved_on),
        }
        if self.phase is None:
            return _("%(programme)s, %(type)s, approved on %(date)s") % values
        return _("%(programme)s, %(type)s, phase %(phase)s, approved on %(date)s") % values

    def get_absolute_url(self):
        kwargs = {
            "programme": self.programme.slug,
            "network_type": self.network_type.slug,
            "approved_on": self.approved_on.isoformat(),
        }
        if self.phase is None:
            return reverse("approvals:detail", kwargs=kwargs)
        return reverse("approvals:phase_detail", kwargs={**kwargs, "phase": self.phase})

    @property
    def selection(self):
        """The arguments of `Network.objects.select` for the networks of this approval."""
        selection = {
            "programme": self.programme.slug,
            "network_type": self.network_type.slug,
            "approved_on": self.approved_on,
        }
        if self.phase is not None:
            selection["phase"] = self.phase
        return selection

    @property
    def approved_on_text(self):
        from ..dates_display import on_day

        return on_day(self.approved_on)

    def networks(self):
        return Network.objects.select(**self.selection)

    def figures(self, counted=None):
        """The figures of the recorded networks of this approval (`NetworkQuerySet.figures`
        of `networks()`, read from its tally unless `counted` gives them), with what the
        programme announced and whether the record is complete."""
        from .tallies import SelectionTally

        figures = counted
        if figures is None:
            figures = SelectionTally.figures(SelectionTally.key_of_approval(self))
        return {
            **figures,
            "announced_networks": self.announced_networks,
            "announced_partners": self.announced_partners,
            "announced_countries": self.announced_countries,
            "complete": figures["networks"] >= self.announced_networks
            and figures["partners"] >= (self.announced_partners or 0),
        }
