import dataclasses
import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname

from .dates import add_months, months_between


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    start_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)

    class Meta:
        ordering = ["start_year", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="programme_years_ordered",
            )
        ]

    def __str__(self):
        return self.name


class NetworkType(models.Model):
    """Transfer Network, Action Planning Network, ...: an editable list."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("network type")
        verbose_name_plural = _("network types")

    def __str__(self):
        return self.name


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class GoodPracticeQuerySet(models.QuerySet):
    def select(self, *, theme=None, country=None, programme=None):
        """Good practices in a selection: themes and programmes (slugs) of the networks that
        transfer them, countries (ISO alpha-2) of their cities; each one value or a list."""
        themes, countries, programmes = (_as_list(value) for value in (theme, country, programme))
        qs = self
        if themes:
            qs = qs.filter(
                pk__in=Network.objects.filter(themes__slug__in=themes).values("good_practice_id")
            )
        if programmes:
            qs = qs.filter(
                pk__in=Network.objects.filter(programme__slug__in=programmes).values(
                    "good_practice_id"
                )
            )
        if countries:
            qs = qs.filter(city__country__code__in=[str(code).upper() for code in countries])
        return qs

    def by_title(self):
        """Alphabetical in the active language, the default language's title where a
        translation is missing."""
        language = get_language() or settings.LANGUAGE_CODE
        return self.order_by(
            Coalesce(
                NullIf(build_localized_fieldname("title", language), Value("")),
                build_localized_fieldname("title", mt_settings.DEFAULT_LANGUAGE),
                output_field=models.CharField(),
            ),
            "slug",
        )


class GoodPractice(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    city = models.ForeignKey(
        "cities.City",
        on_delete=models.PROTECT,
        related_name="good_practices",
        verbose_name=_("city"),
    )
    year_labelled = models.PositiveSmallIntegerField(_("year labelled"), null=True, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("The page's address; made from the English title when left empty."),
    )

    objects = GoodPracticeQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Every way of creating one (admin, import, demo data, shell) gets an address.
        if not self.slug:
            self.slug = unique_practice_slug(self)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("good_practices:detail", kwargs={"slug": self.slug})


def practice_slug_base(practice):
    """The slug a good practice's titles suggest: the English one, else the first given."""
    titles = [getattr(practice, "title_en", None)]
    titles += [
        getattr(practice, build_localized_fieldname("title", code), None)
        for code, _name in settings.LANGUAGES
    ]
    titles.append(practice.title)
    title = next((title for title in titles if title and slugify(title)), "")
    max_length = GoodPractice._meta.get_field("slug").max_length - 8
    return slugify(title)[:max_length].strip("-") or "good-practice"


def unique_slug(base, taken):
    """`base`, or `base-2`, `base-3`...: the first one not in `taken`."""
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def unique_practice_slug(practice):
    base = practice_slug_base(practice)
    taken = set(
        GoodPractice.objects.filter(slug__startswith=base)
        .exclude(pk=practice.pk)
        .values_list("slug", flat=True)
    )
    return unique_slug(base, taken)


class Status(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    ONGOING = "ongoing", _("ongoing")
    CLOSED = "closed", _("closed")


class Progress(models.TextChoices):
    """Where a dated span (a phase, a period) stands on a given day."""

    NOT_STARTED = "not_started", _("not yet started")
    CURRENT = "current", _("current")
    FINISHED = "finished", _("finished")


class DatedSpanMixin:
    """For models with `start` and `end` dates: month x of y and progress on a day."""

    @property
    def months(self):
        return months_between(self.start, self.end)

    def month_on(self, day):
        """Month x of this span on `day`, or None outside it."""
        if not self.start <= day <= self.end:
            return None
        return months_between(self.start, day)

    def progress_on(self, day):
        if day < self.start:
            return Progress.NOT_STARTED
        if day > self.end:
            return Progress.FINISHED
        return Progress.CURRENT

    def describe_progress_on(self, day):
        """ "finished", "not yet started" or "now · month 7 of 18"."""
        progress = self.progress_on(day)
        if progress == Progress.CURRENT:
            return _("now · month %(month)s of %(months)s") % {
                "month": self.month_on(day),
                "months": self.months,
            }
        return progress.label

    @property
    def progress_today(self):
        return self.progress_on(_today())

    @property
    def progress_today_text(self):
        return self.describe_progress_on(_today())


@dataclasses.dataclass(frozen=True)
class PhasePosition:
    """Where a network stands on a day: its phase, the period inside it and the month."""

    phase: "Phase"
    progress: str
    period: "Period | None" = None
    month: int | None = None
    months: int | None = None

    @property
    def is_current(self):
        return self.progress == Progress.CURRENT

    def __str__(self):
        number = self.phase.number
        if self.progress == Progress.NOT_STARTED:
            return _("Phase %(number)s · not yet started · starts on %(date)s") % {
                "number": number,
                "date": date_format(self.phase.start, "DATE_FORMAT"),
            }
        if self.progress == Progress.FINISHED:
            return _("Phase %(number)s · finished on %(date)s") % {
                "number": number,
                "date": date_format(self.phase.end, "DATE_FORMAT"),
            }
        if self.period is not None:
            return _("Phase %(number)s · %(period)s · month %(month)s of %(months)s") % {
                "number": number,
                "period": self.period.get_kind_display(),
                "month": self.month,
                "months": self.months,
            }
        return _("Phase %(number)s · month %(month)s of %(months)s") % {
            "number": number,
            "month": self.month,
            "months": self.months,
        }


def _today():
    return timezone.localdate()


def _as_list(value):
    """A filter value as a list: None and "" mean no filter, a scalar one value."""
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return [item for item in value if item is not None and item != ""]
    return [value]


def can_review_updates(user):
    """NCP staff who review and publish progress updates; everyone else is limited to the
    networks they are a partner editor of."""
    return user.is_active and user.has_perm("networks.publish_progressupdate")


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
        where a translation is missing (SQL sorts a missing one as NULL otherwise)."""
        language = get_language() or settings.LANGUAGE_CODE
        fallback = mt_settings.DEFAULT_LANGUAGE
        return self.order_by(
            Coalesce(
                NullIf(build_localized_fieldname("name", language), Value("")),
                build_localized_fieldname("name", fallback),
                output_field=models.CharField(),
            ),
            "slug",
        )

    def edited_by(self, user):
        """The networks `user` is a partner editor of (none for an anonymous or inactive user)."""
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
            .order_by("-networks", "-partners", "code")
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
        GoodPractice,
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
        phases = sorted(self.phases.all(), key=lambda phase: phase.start)
        if not phases:
            return None
        for phase in phases:
            if phase.progress_on(day) != Progress.FINISHED:
                return phase.position_on(day)
        return phases[-1].position_on(day)

    @property
    def position(self):
        return self.position_on(_today())


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


class PeriodKind(models.TextChoices):
    LEARNING = "learning", _("learning period")
    SHARING = "sharing", _("sharing period")
    DEVELOPMENT = "development", _("development period")
    IMPLEMENTATION = "implementation", _("implementation period")


class PhaseTemplate(models.Model):
    """How a phase of a network type is built: Transfer Network phase 2 = 18 + 6 months."""

    network_type = models.ForeignKey(
        NetworkType,
        on_delete=models.CASCADE,
        related_name="phase_templates",
        verbose_name=_("network type"),
    )
    number = models.PositiveSmallIntegerField(_("phase number"))

    class Meta:
        ordering = ["network_type", "number"]
        verbose_name = _("phase template")
        verbose_name_plural = _("phase templates")
        constraints = [
            models.UniqueConstraint(
                fields=["network_type", "number"], name="phase_template_unique_per_type"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="phase_template_number_gte_1"),
        ]

    def __str__(self):
        return _("%(type)s, phase %(number)s") % {"type": self.network_type, "number": self.number}

    @property
    def duration_months(self):
        return sum(period.months for period in self.periods.all())


class PeriodTemplate(models.Model):
    template = models.ForeignKey(
        PhaseTemplate, on_delete=models.CASCADE, related_name="periods", verbose_name=_("template")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind)
    months = models.PositiveSmallIntegerField(_("months"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["template", "order", "pk"]
        verbose_name = _("period template")
        verbose_name_plural = _("period templates")
        constraints = [
            models.CheckConstraint(condition=Q(months__gte=1), name="period_template_months_gte_1")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.months})"


class MilestoneTemplate(models.Model):
    template = models.ForeignKey(
        PhaseTemplate,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("template"),
    )
    month = models.PositiveSmallIntegerField(_("month"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["template", "month"]
        verbose_name = _("milestone template")
        verbose_name_plural = _("milestone templates")
        constraints = [
            models.CheckConstraint(condition=Q(month__gte=1), name="milestone_template_month_gte_1")
        ]

    def __str__(self):
        return self.title


class Phase(DatedSpanMixin, models.Model):
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="phases", verbose_name=_("network")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    approved_on = models.DateField(
        _("approved on"),
        null=True,
        blank=True,
        help_text=_("Date of the URBACT Monitoring Committee's approval."),
    )

    class Meta:
        ordering = ["network", "number"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["network", "number"], name="phase_unique_per_network"),
            models.CheckConstraint(condition=Q(number__gte=1), name="phase_number_gte_1"),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="phase_end_after_start",
                violation_error_message=_("A phase cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return _("%(network)s, phase %(number)s") % {"network": self.network, "number": self.number}

    def position_on(self, day):
        """This phase's `PhasePosition` on `day`: within the current period, month x of the
        period's y months; between or without periods, month x of the phase."""
        progress = self.progress_on(day)
        if progress != Progress.CURRENT:
            return PhasePosition(phase=self, progress=progress)
        for period in self.periods.all():
            month = period.month_on(day)
            if month is not None:
                return PhasePosition(
                    phase=self, progress=progress, period=period, month=month, months=period.months
                )
        return PhasePosition(
            phase=self, progress=progress, month=self.month_on(day), months=self.months
        )


class ApprovalQuerySet(models.QuerySet):
    def latest_first(self):
        return self.select_related("programme", "network_type").order_by("-approved_on", "-pk")


class Approval(models.Model):
    """A Monitoring Committee decision as the programme announced it: how many networks (and
    partners) it approved for a phase on a date. The portal's figures are always counted from
    the recorded networks; the announced numbers are kept to say how complete the record is."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="approvals", verbose_name=_("programme")
    )
    network_type = models.ForeignKey(
        NetworkType,
        on_delete=models.PROTECT,
        related_name="approvals",
        verbose_name=_("network type"),
    )
    phase = models.PositiveSmallIntegerField(_("phase number"))
    approved_on = models.DateField(_("approved on"))
    announced_networks = models.PositiveIntegerField(_("networks approved"))
    announced_partners = models.PositiveIntegerField(_("partners approved"), null=True, blank=True)
    source = models.URLField(_("source"), blank=True)

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
            models.CheckConstraint(condition=Q(phase__gte=1), name="approval_phase_gte_1"),
        ]

    def __str__(self):
        return _("%(type)s, phase %(phase)s, approved on %(date)s") % {
            "type": self.network_type,
            "phase": self.phase,
            "date": date_format(self.approved_on),
        }

    @property
    def selection(self):
        """The arguments of `Network.objects.select` for the networks of this approval."""
        return {
            "programme": self.programme.slug,
            "network_type": self.network_type.slug,
            "phase": self.phase,
            "approved_on": self.approved_on,
        }

    @property
    def approved_on_text(self):
        from .dates_display import on_day

        return on_day(self.approved_on)

    def networks(self):
        return Network.objects.select(**self.selection)

    def figures(self):
        """The figures of the recorded networks of this approval (`NetworkQuerySet.figures`),
        with what the programme announced and whether the record is complete."""
        figures = self.networks().figures()
        return {
            **figures,
            "announced_networks": self.announced_networks,
            "announced_partners": self.announced_partners,
            "complete": figures["networks"] >= self.announced_networks
            and figures["partners"] >= (self.announced_partners or 0),
        }


class Period(DatedSpanMixin, models.Model):
    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, related_name="periods", verbose_name=_("phase")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        ordering = ["phase", "start"]
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="period_end_after_start",
                violation_error_message=_("A period cannot end before it starts."),
            ),
            models.UniqueConstraint(fields=["phase", "kind"], name="period_kind_unique_per_phase"),
        ]

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        phase = self.phase if self.phase_id else None
        if (
            phase
            and self.start
            and self.end
            and not (phase.start <= self.start <= self.end <= phase.end)
        ):
            raise ValidationError(_("A period must lie inside its phase."))


class Milestone(models.Model):
    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("phase")
    )
    month = models.PositiveSmallIntegerField(_("month"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["phase", "month"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(condition=Q(month__gte=1), name="milestone_month_gte_1")
        ]

    def __str__(self):
        return self.title

    @property
    def due_on(self):
        """The last day of the milestone's month in its phase."""
        return add_months(self.phase.start, self.month) - datetime.timedelta(days=1)


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")


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


class ProgressUpdate(models.Model):
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="updates", verbose_name=_("network")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    body = models.TextField(_("text"))
    date = models.DateField(_("date"), default=_today)
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
            models.Index(fields=["network", "status", "-date"], name="update_network_status_idx")
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


class DatePrecision(models.TextChoices):
    DAY = "day", _("exact days")
    MONTH = "month", _("month")
    MID_MONTH = "mid_month", _("middle of the month")
    SEASON = "season", _("season")


class EventQuerySet(models.QuerySet):
    def upcoming(self, today=None):
        return self.filter(end_date__gte=today or _today())

    def past(self, today=None):
        return self.filter(end_date__lt=today or _today())


class Event(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    precision = models.CharField(
        _("date precision"),
        max_length=20,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_(
            "How precisely the dates are known: 'mid-January 2019' is the middle of a month, "
            "'spring 2019' a season. The dates then span that month or season."
        ),
    )
    networks = models.ManyToManyField(
        Network,
        blank=True,
        related_name="events",
        verbose_name=_("networks"),
        help_text=_(
            "The networks taking part: one for a transnational meeting, many for a programme "
            "event such as the phase-2 kick-off."
        ),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "slug"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="event_end_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def when(self):
        from .dates_display import describe_event_dates

        return describe_event_dates(self.start_date, self.end_date, self.precision)


class OutputKind(models.TextChoices):
    TRANSFERABILITY_STUDY = "transferability_study", _("transferability study")
    TRANSFER_PLAN = "transfer_plan", _("transfer plan")
    LEARNING_LOG = "learning_log", _("learning log")
    INTEGRATED_ACTION_PLAN = "integrated_action_plan", _("integrated action plan")
    FINAL_PRODUCT = "final_product", _("final product")


def output_storage():
    """Output files are kept with the attachments, outside MEDIA_ROOT: only the portal's
    file view (networks.output_views) serves them, with the attachments' headers."""
    from .storage import private_storage as storage

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
            "image (up to 10 MB). Files are checked by their content."
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
    from .storage import private_storage as storage

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
