"""Phases of a network with their periods and milestones, the templates they are built
from, and the Monitoring Committee's approvals."""

import datetime

from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..dates import add_months
from .networks import Network
from .programmes import NetworkType, Programme
from .spans import DatedSpanMixin, PhasePosition, Progress


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

    def listed_periods(self):
        """Its periods: the list a view prefetched (`period_list`, see
        `phases_with_periods`), else from the database."""
        periods = getattr(self, "period_list", None)
        return self.periods.all() if periods is None else periods

    def position_on(self, day):
        """This phase's `PhasePosition` on `day`: within the current period, month x of the
        period's y months; between or without periods, month x of the phase."""
        progress = self.progress_on(day)
        if progress != Progress.CURRENT:
            return PhasePosition(phase=self, progress=progress)
        for period in self.listed_periods():
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
        from ..dates_display import on_day

        return on_day(self.approved_on)

    def networks(self):
        return Network.objects.select(**self.selection)

    def figures(self):
        """The figures of the recorded networks of this approval (`NetworkQuerySet.figures`,
        read from its tally), with what the programme announced and whether the record is
        complete."""
        from .tallies import SelectionTally

        figures = SelectionTally.figures(SelectionTally.key_of_approval(self))
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


def phases_with_periods():
    """The prefetch that `Network.position_on` reads: phases with their periods, as lists
    (`phase_list`, `period_list`: no queryset made for each network and phase), each ordered
    by its own columns (the models' orderings sort by the network's slug, a join of the
    network for every phase and period)."""
    periods = Period.objects.order_by("start", "pk")
    return Prefetch(
        "phases",
        queryset=Phase.objects.order_by("number").prefetch_related(
            Prefetch("periods", queryset=periods, to_attr="period_list")
        ),
        to_attr="phase_list",
    )
