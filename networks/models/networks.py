"""Networks, their status and selections, and the cities taking part in them."""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname

from core import languages
from core.addresses import addresses

from .common import MOST_NETWORKS_FIRST, _as_list, _today
from .programmes import NetworkType, Programme, Theme
from .spans import Progress


class Status(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    ONGOING = "ongoing", _("ongoing")
    CLOSED = "closed", _("closed")


class Blank(models.Expression):
    """The empty string written into the SQL rather than passed as a parameter: an ordering
    by an expression holding it is then the same SQL as the index built on that expression,
    which the database can only use when the two match."""

    output_field = models.CharField()

    def as_sql(self, compiler, connection):
        return "''", []


def name_order(language):
    """What networks sort by in `language`: their name there, else in the default language."""
    fallback = build_localized_fieldname("name", mt_settings.DEFAULT_LANGUAGE)
    if language not in languages.codes() or language == mt_settings.DEFAULT_LANGUAGE:
        return F(fallback)
    return Coalesce(
        NullIf(build_localized_fieldname("name", language), Blank()),
        fallback,
        output_field=models.CharField(),
    )


class NetworkQuerySet(models.QuerySet):
    def with_dates(self):
        """Annotate the effective start and end: the actual date where known, else planned."""
        return self.annotate(
            effective_start=Coalesce("actual_start", "planned_start"),
            effective_end=Coalesce("actual_end", "planned_end"),
        )

    def upcoming(self, today=None):
        today = today or _today()
        return self.with_dates().filter(
            Q(effective_start__gt=today) | Q(effective_start__isnull=True)
        )

    def ongoing(self, today=None):
        today = today or _today()
        return self.with_dates().filter(
            Q(effective_start__lte=today),
            Q(effective_end__gte=today) | Q(effective_end__isnull=True),
        )

    def closed(self, today=None):
        today = today or _today()
        return self.with_dates().filter(effective_start__lte=today, effective_end__lt=today)

    def with_status(self, status, today=None):
        return {
            Status.UPCOMING: self.upcoming,
            Status.ONGOING: self.ongoing,
            Status.CLOSED: self.closed,
        }[Status(status)](today)

    def with_partner_counts(self):
        """`partner_count` on each network, counted by a subquery per row rather than by
        grouping all memberships: a page of networks costs the same at any data size."""
        from .memberships import Membership

        partners = (
            Membership.objects.filter(network=OuterRef("pk"))
            .order_by()
            .values("network")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(
            partner_count=Coalesce(Subquery(partners), 0, output_field=models.IntegerField())
        )

    def by_name(self):
        """Alphabetical in the active language, falling back to the default language's name
        where a translation is missing (SQL sorts a missing one as NULL otherwise). Each
        language's order has an index (`Network.Meta.indexes`), so a page of networks in
        name order is read from it rather than sorted from all of them."""
        return self.order_by(name_order(get_language() or settings.LANGUAGE_CODE), "slug")

    def edited_by(self, user):
        """The networks `user` is a partner editor of (none for an anonymous or inactive user)."""
        from .updates import PartnerEditor

        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(pk__in=PartnerEditor.objects.filter(user=user).values("network_id"))

    def select(
        self,
        *,
        programme=None,
        network_type=None,
        phase=None,
        approved_on=None,
        country=None,
        theme=None,
        status=None,
        today=None,
    ):
        """Networks in a selection. Each argument is optional and takes one value or a list of
        values (any of them matches); the arguments combine with AND.

        programme, network type and theme are slugs; phase a phase number; approved_on the
        Monitoring Committee's approval date of a phase (of that number, when both are given);
        country an ISO alpha-2 code of any partner, not only the lead partner; status one of
        `Status` on `today`.
        """
        from .memberships import Membership
        from .phases import Phase

        programmes, types, phases, approvals, countries, themes, statuses = (
            _as_list(value)
            for value in (programme, network_type, phase, approved_on, country, theme, status)
        )
        qs = self
        if programmes:
            qs = qs.filter(programme__slug__in=programmes)
        if types:
            qs = qs.filter(network_type__slug__in=types)
        if phases or approvals:
            phase_qs = Phase.objects.all()
            if phases:
                phase_qs = phase_qs.filter(number__in=phases)
            if approvals:
                phase_qs = phase_qs.filter(approved_on__in=approvals)
            qs = qs.filter(pk__in=phase_qs.values("network_id"))
        if countries:
            codes = [str(code).upper() for code in countries]
            qs = qs.filter(
                pk__in=Membership.objects.filter(city__country__code__in=codes).values("network_id")
            )
        if themes:
            qs = qs.filter(
                pk__in=Network.themes.through.objects.filter(theme__slug__in=themes).values(
                    "network_id"
                )
            )
        if statuses:
            today = today or _today()
            matching = Q()
            for value in statuses:
                matching |= Q(pk__in=Network.objects.with_status(value, today).values("pk"))
            qs = qs.filter(matching)
        return qs

    def figures(self):
        """The portal's headline figures for these networks, in two queries at most.

        networks: how many; partners: memberships; countries: distinct countries of the
        partners; newcomers: memberships flagged as newcomers; newcomer_share: their share of
        the partners, rounded to three decimals (0 when there are no partners).
        """
        from .memberships import Membership

        memberships = Membership.objects.filter(network__in=self.values("pk"))
        counts = memberships.aggregate(
            partners=Count("pk"),
            countries=Count("city__country", distinct=True),
            newcomers=Count("pk", filter=Q(is_newcomer=True)),
        )
        partners = counts["partners"]
        return {
            "networks": self.order_by().count(),
            "partners": partners,
            "countries": counts["countries"],
            "newcomers": counts["newcomers"],
            "newcomer_share": round(counts["newcomers"] / partners, 3) if partners else 0.0,
        }

    def country_counts(self):
        """The partners' countries of these networks, each annotated with `networks` (how many
        of these networks have a partner there) and `partners` (memberships), most first."""
        from cities.models import Country

        memberships = "cities__memberships"
        return (
            Country.objects.filter(**{f"{memberships}__network__in": self.values("pk")})
            .annotate(
                networks=Count(f"{memberships}__network", distinct=True),
                partners=Count(memberships),
            )
            .order_by(*MOST_NETWORKS_FIRST)
        )


class Network(models.Model):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    network_type = models.ForeignKey(
        NetworkType, on_delete=models.PROTECT, related_name="networks", verbose_name=_("type")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="networks", verbose_name=_("programme")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="networks", verbose_name=_("themes")
    )
    summary = models.TextField(_("summary"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    good_practice = models.ForeignKey(
        "networks.GoodPractice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("good practice transferred"),
    )
    lead_expert = models.CharField(_("lead expert"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        indexes = [
            models.Index(name_order(code), "slug", name=f"network_name_order_{code}")
            for code in languages.codes()
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="network_planned_dates_ordered",
                violation_error_message=_("The planned end cannot be before the planned start."),
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=F("actual_start")),
                name="network_actual_dates_ordered",
                violation_error_message=_("The actual end cannot be before the actual start."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:detail", kwargs={"slug": self.slug})

    @staticmethod
    def addresses():
        """A function of a slug giving the network page's address, as `get_absolute_url`
        does, with one `reverse` for a whole list of networks."""
        address = addresses("networks:detail", "slug")
        return lambda slug: address(slug=slug)

    @property
    def starts_on(self):
        return self.actual_start or self.planned_start

    @property
    def ends_on(self):
        return self.actual_end or self.planned_end

    def status_on(self, day):
        if self.starts_on is None or self.starts_on > day:
            return Status.UPCOMING
        if self.ends_on is not None and self.ends_on < day:
            return Status.CLOSED
        return Status.ONGOING

    @property
    def status(self):
        return self.status_on(_today())

    @property
    def has_description(self):
        return bool(self.summary or self.goals or self.challenges or self.good_practice_id)

    def position_on(self, day):
        """The phase (and period) the network is in on `day`: the current phase; else the
        next one not yet started; else the last finished one. None without phases. Uses the
        prefetched phases and periods when the view prefetched them."""
        phases = sorted(self.listed_phases(), key=lambda phase: phase.start)
        if not phases:
            return None
        for phase in phases:
            if phase.progress_on(day) != Progress.FINISHED:
                return phase.position_on(day)
        return phases[-1].position_on(day)

    @property
    def position(self):
        return self.position_on(_today())

    def listed_phases(self):
        """Its phases: the list a view prefetched (`phase_list`, see
        `networks.models.phases_with_periods`), else from the database."""
        phases = getattr(self, "phase_list", None)
        return self.phases.all() if phases is None else phases
