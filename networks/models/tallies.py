"""Tallies: the figures pages show of whole tables, kept as rows so that a page reads them in
one query at any data size.

`SelectionTally` holds the headline figures of the selections pages show unfiltered: every
network (`ALL`), each Monitoring Committee approval and each partner country.
`CountryTally` holds, per country, how many networks have a partner there, how many partners
it has and its first lead partner. `ChoiceTally` holds the network list's filter choices in
each language, with the statuses some network has until the next start or end of one.

They are worked out again by `refresh_tallies()` whenever content changes: once the
transaction of a write commits, and before a tally is read in the process that wrote (so a
request or test that writes and then reads sees its own write). What changes content is the
content version's bump (`core.cache.content_changed`), so every write path that
keeps pages current keeps the tallies current too.

Why they exist (measured on the benchmark's SQLite data, medians of 15, December 2026): worked
out from the content, the network list's figures, country counts and filter choices take 3.7 +
6.0 + 6.2 ms at scale 1 (82 + 78 + 16 ms at scale 10) on a page that renders in about 21 ms;
read from the tallies, 0.3 + 1.0 + 0.3 ms at either scale. Without them the network list is
over its budget (1.15 times its render time before the page cache work) at scale 1, and grows
with the data.
"""

import datetime

from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language

from core import languages

from .common import MOST_NETWORKS_FIRST

ALL = "all"
FIGURES = ("networks", "partners", "countries", "newcomers")


def figures_of(networks, partners, countries, newcomers):
    """The figures as pages and the API show them (`NetworkQuerySet.figures`)."""
    return {
        "networks": networks,
        "partners": partners,
        "countries": countries,
        "newcomers": newcomers,
        "newcomer_share": round(newcomers / partners, 3) if partners else 0.0,
    }


class SelectionTally(models.Model):
    """The figures of one selection of networks: `ALL`, `approval:<pk>` or `country:<code>`."""

    content_derived = True  # written by `refresh_tallies` only: not an edit of content

    key = models.CharField(_("selection"), max_length=40, unique=True)
    networks = models.PositiveIntegerField(_("networks"), default=0)
    partners = models.PositiveIntegerField(_("partners"), default=0)
    countries = models.PositiveIntegerField(_("countries"), default=0)
    newcomers = models.PositiveIntegerField(_("newcomers"), default=0)

    class Meta:
        verbose_name = _("selection tally")
        verbose_name_plural = _("selection tallies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(newcomers__lte=models.F("partners")),
                name="selection_tally_newcomers_among_partners",
            ),
        ]

    def __str__(self):
        return self.key

    @staticmethod
    def key_of_approval(approval):
        return f"approval:{approval.pk}"

    @staticmethod
    def key_of_country(code):
        return f"country:{code}"

    @classmethod
    def figures(cls, key):
        """The figures of the selection `key` (all zero for one with no networks)."""
        return cls.figures_by_key([key])[key]

    @classmethod
    def figures_by_key(cls, keys):
        """The figures of each selection of `keys`, by key, in one query."""
        _refresh_if_written()
        rows = {
            row.pop("key"): row for row in cls.objects.filter(key__in=keys).values("key", *FIGURES)
        }
        return {key: figures_of(**rows.get(key, dict.fromkeys(FIGURES, 0))) for key in keys}

    @classmethod
    def figures_of_approvals(cls, approvals):
        """The figures of each of `approvals`, by approval, in one query."""
        found = cls.figures_by_key([cls.key_of_approval(approval) for approval in approvals])
        return {approval: found[cls.key_of_approval(approval)] for approval in approvals}


class CountryTally(models.Model):
    """A country's part in the networks: `networks` with a partner there, `partners` there
    (memberships), its `cities` in a network, and the first of its cities to lead a network
    (by the network's start)."""

    content_derived = True

    country = models.OneToOneField(
        "cities.Country",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="tally",
        verbose_name=_("country"),
    )
    networks = models.PositiveIntegerField(_("networks"), default=0)
    partners = models.PositiveIntegerField(_("partners"), default=0)
    cities = models.PositiveIntegerField(_("cities"), default=0)
    first_lead = models.ForeignKey(
        "networks.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first lead partner"),
    )

    class Meta:
        verbose_name = _("country tally")
        verbose_name_plural = _("country tallies")

    def __str__(self):
        return str(self.country_id)

    @classmethod
    def country_counts(cls):
        """The partners' countries of every network, each annotated with `networks` and
        `partners`, most first (`NetworkQuerySet.country_counts` of all networks)."""
        from cities.models import Country

        _refresh_if_written()
        return (
            Country.objects.filter(tally__partners__gt=0)
            .annotate(networks=models.F("tally__networks"), partners=models.F("tally__partners"))
            .order_by(*MOST_NETWORKS_FIRST)
        )

    @classmethod
    def cities_of(cls, country):
        """How many of the country's cities take part in a network."""
        _refresh_if_written()
        return cls.objects.filter(country=country).values_list("cities", flat=True).first() or 0

    @classmethod
    def first_lead_of(cls, country):
        """The membership of the country's first city to lead a network, or None."""
        from .memberships import Membership

        _refresh_if_written()
        return (
            Membership.objects.filter(
                pk__in=cls.objects.filter(country=country).values("first_lead")
            )
            .with_network_start()
            .select_related("city__country", "network")
            .first()
        )


class ChoiceTally(models.Model):
    """The network list's filter choices in one language, as `networks.filters` finds them:
    the values some network has, with their labels. The statuses some network has move with
    the day: they hold from `statuses_on` until the day before `statuses_until` (the next
    start, or the day after the next end, of a network; open-ended when there is none)."""

    content_derived = True

    language = models.CharField(_("language"), max_length=10, primary_key=True)
    choices = models.JSONField(_("choices"), default=dict)
    statuses_on = models.DateField(_("statuses found on"))
    statuses_until = models.DateField(_("statuses hold until"), null=True, blank=True)

    class Meta:
        verbose_name = _("filter choices tally")
        verbose_name_plural = _("filter choices tallies")

    def __str__(self):
        return self.language

    @classmethod
    def choices_on(cls, today):
        """Every filter's choices in the active language on `today`, in one query; found
        from the content where no tally was worked out yet, and the statuses where the day
        is past what the tally holds for."""
        from networks.filters import choices_in_use, status_choices

        _refresh_if_written()
        row = (
            cls.objects.filter(language=get_language())
            .values("choices", "statuses_on", "statuses_until")
            .first()
        )
        if row is None:
            return {**choices_in_use(), "status": status_choices(today)}
        choices = {
            name: [tuple(choice) for choice in found] for name, found in row["choices"].items()
        }
        until = row["statuses_until"]
        if not (row["statuses_on"] <= today and (until is None or today < until)):
            choices["status"] = status_choices(today)
        return choices


class _Written:
    """Whether this process wrote content since the tallies were last worked out."""

    pending = False


TALLIED = {
    "cities.City",
    "cities.Country",
    "networks.Approval",
    "networks.Membership",
    "networks.Network",
    "networks.NetworkType",
    "networks.Phase",
    "networks.Programme",
    "networks.Theme",
    "networks.Network_themes",
}


def content_changed(sender=None, **kwargs):
    """Receiver of `core.cache.content_changed`: a write of something the tallies
    count (or a bulk write, which names no model) has them worked out again when its
    transaction commits (at once outside one), and before this process reads one before
    then."""
    if sender is not None and sender._meta.label not in TALLIED:
        return
    _Written.pending = True
    # Once per write: the first to run after the commit refreshes, the others find nothing
    # pending. (A transaction rolled back drops its own; the next write schedules anew.)
    transaction.on_commit(_refresh_if_written, robust=True)


def _refresh_if_written():
    if _Written.pending:
        refresh_tallies()


def refresh_tallies():
    """Work every tally out again, from four queries over the memberships and networks
    (counted per network, then added up per selection here), in one transaction: a page
    reads either the old tallies or the new ones."""
    from core.replicas import pin_to_primary

    _Written.pending = False
    pin_to_primary()  # counted from the rows just written, not from a lagging replica
    with transaction.atomic():
        _write_tallies()


def _write_tallies():
    from cities.models import Country

    from .approvals import Approval
    from .memberships import Membership
    from .networks import Network

    memberships = Membership.objects.order_by()
    per_network = {
        row["network"]: row
        for row in memberships.values("network").annotate(
            partners=models.Count("pk"),
            newcomers=models.Count("pk", filter=models.Q(is_newcomer=True)),
        )
    }
    countries_of = {}  # network: its partners' countries
    networks_in = {}  # country: the networks with a partner there
    partners_in = {}  # country: its partners
    pairs = memberships.values("network", "city__country").annotate(partners=models.Count("pk"))
    for row in pairs:
        network, country = row["network"], row["city__country"]
        countries_of.setdefault(network, set()).add(country)
        networks_in.setdefault(country, set()).add(network)
        partners_in[country] = partners_in.get(country, 0) + row["partners"]

    def counts(networks):
        found = [per_network[pk] for pk in networks if pk in per_network]
        return {
            "networks": len(networks),
            "partners": sum(row["partners"] for row in found),
            "countries": len(set().union(*(countries_of.get(pk, ()) for pk in networks))),
            "newcomers": sum(row["newcomers"] for row in found),
        }

    cities_in = dict(
        memberships.values("city__country")
        .annotate(cities=models.Count("city", distinct=True))
        .values_list("city__country", "cities")
    )
    countries = {country.pk: country for country in Country.objects.filter(pk__in=networks_in)}
    selections = {ALL: set(Network.objects.values_list("pk", flat=True))}
    for approval in Approval.objects.select_related("programme", "network_type"):
        selections[SelectionTally.key_of_approval(approval)] = set(
            approval.networks().values_list("pk", flat=True)
        )
    for pk, country in countries.items():
        selections[SelectionTally.key_of_country(country.code)] = networks_in[pk]
    first_leads = {}
    for lead in (
        memberships.lead_partners()
        .with_network_start()
        .filter(network_start__isnull=False)
        .order_by("network_start", "pk")
        .values("pk", "city__country")
    ):
        first_leads.setdefault(lead["city__country"], lead["pk"])

    SelectionTally.objects.bulk_create(
        [SelectionTally(key=key, **counts(networks)) for key, networks in selections.items()],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=FIGURES,
    )
    SelectionTally.objects.exclude(key__in=selections).delete()
    CountryTally.objects.bulk_create(
        [
            CountryTally(
                country=country,
                networks=len(networks_in[pk]),
                partners=partners_in[pk],
                cities=cities_in.get(pk, 0),
                first_lead_id=first_leads.get(pk),
            )
            for pk, country in countries.items()
        ],
        update_conflicts=True,
        unique_fields=["country"],
        update_fields=["networks", "partners", "cities", "first_lead"],
    )
    CountryTally.objects.exclude(country__in=list(countries)).delete()
    _write_choices()


def _write_choices():
    from networks.filters import choices_in_use, status_choices

    from .networks import Network

    today = timezone.localdate()
    changes = Network.objects.with_dates().aggregate(
        start=models.Min("effective_start", filter=models.Q(effective_start__gt=today)),
        end=models.Min("effective_end", filter=models.Q(effective_end__gte=today)),
    )
    after_end = changes["end"] + datetime.timedelta(days=1) if changes["end"] else None
    until = min((day for day in (changes["start"], after_end) if day), default=None)
    tallies = []
    for code in languages.codes():
        with translation.override(code):
            choices = {**choices_in_use(), "status": status_choices(today)}
        tallies.append(
            ChoiceTally(language=code, choices=choices, statuses_on=today, statuses_until=until)
        )
    ChoiceTally.objects.bulk_create(
        tallies,
        update_conflicts=True,
        unique_fields=["language"],
        update_fields=["choices", "statuses_on", "statuses_until"],
    )
    ChoiceTally.objects.exclude(language__in=languages.codes()).delete()
