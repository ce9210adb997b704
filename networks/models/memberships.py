"""A city's part in a network: its memberships, as lead partner or partner."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .networks import Network


class Role(models.TextChoices):
    LEAD_PARTNER = "lead_partner", _("lead partner")
    PARTNER = "partner", _("partner")


class MembershipQuerySet(models.QuerySet):
    def lead_partners(self):
        return self.filter(role=Role.LEAD_PARTNER)

    def newcomers(self):
        return self.filter(is_newcomer=True)

    def with_network_start(self):
        return self.annotate(
            network_start=Coalesce("network__actual_start", "network__planned_start")
        )

    def with_network_dates(self):
        """`network_start` and `network_end`: when the member's network runs (actual, else
        planned), as `Network.starts_on` and `ends_on` say."""
        return self.with_network_start().annotate(
            network_end=Coalesce("network__actual_end", "network__planned_end")
        )

    def earlier_than(self, network):
        """Memberships in other networks that started before `network` did.

        With no start date on `network`, every membership with a known start counts as earlier.
        """
        qs = self.exclude(network=network).with_network_start().filter(network_start__isnull=False)
        if network.starts_on is not None:
            qs = qs.filter(network_start__lt=network.starts_on)
        return qs


class Membership(models.Model):
    """A city's part in a network, as lead partner or partner."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("network")
    )
    city = models.ForeignKey(
        "cities.City", on_delete=models.PROTECT, related_name="memberships", verbose_name=_("city")
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("The partner body when it is not the municipality itself."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.PARTNER)
    is_newcomer = models.BooleanField(
        _("newcomer"),
        default=False,
        help_text=_("The city had never taken part in an URBACT network before this one."),
    )
    phase_joined = models.PositiveSmallIntegerField(_("phase joined"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["network", "order", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "city"],
                name="membership_one_per_network_and_city",
                violation_error_message=_("This city is already a partner of this network."),
            ),
            models.UniqueConstraint(
                fields=["network"],
                condition=Q(role="lead_partner"),
                name="membership_one_lead_partner_per_network",
                violation_error_message=_("This network already has a lead partner."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["lead_partner", "partner"]),
                name="membership_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.city} – {self.network}"

    @property
    def is_lead_partner(self):
        return self.role == Role.LEAD_PARTNER

    @classmethod
    def computed_newcomer(cls, city, network):
        """A city is a newcomer when it had no membership in a network that started earlier."""
        return not cls.objects.filter(city=city).earlier_than(network).exists()
