"""Phases of a network with their periods and milestones, the templates they are built
from (the approvals are in `approvals`)."""

import datetime

from django.db import models
from django.db.models import F, Prefetch, Q
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
    # URBACT IV's stages, as the programme names them.
    ACTIVATION = "activation", _("activation stage")
    UNDERSTAND = "understand", _("Understand stage")
    ADAPT = "adapt", _("Adapt stage")
    REUSE = "reuse", _("Re-use stage")
    IGNITION = "ignition", _("ignition phase")
    HANDS_ON = "hands_on", _("hands-on phase")


class PhaseTemplateQuerySet(models.QuerySet):
    def for_network(self, network, number):
        """The template of phase `number` of `network`: its programme's own for its type,
        else the type's template for any programme (None when there is neither)."""
        matching = [
            template
            for template in self.filter(network_type=network.network_type_id, number=number)
            if template.programme_id in (network.programme_id, None)
        ]
        matching.sort(key=lambda template: template.programme_id is None)
        return matching[0] if matching else None


class PhaseTemplate(models.Model):
    """How a phase of a network type is built in a programme: URBACT III Transfer Network
    phase 2 = 18 + 6 months. A stage whose length the programme does not state has no
    months; a phase is then laid out from the template's stated duration alone."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="phase_templates",
        verbose_name=_("programme"),
        help_text=_("Empty: the template of this type in every programme without its own."),
    )
    network_type = models.ForeignKey(
        NetworkType,
        on_delete=models.CASCADE,
        related_name="phase_templates",
        verbose_name=_("network type"),
    )
    number = models.PositiveSmallIntegerField(_("phase number"))
    months = models.PositiveSmallIntegerField(
        _("duration in months"),
        null=True,
        blank=True,
        help_text=_("As the programme states it; empty: the sum of the periods' months."),
    )

    objects = PhaseTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "network_type", "number"]
        verbose_name = _("phase template")
        verbose_name_plural = _("phase templates")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "network_type", "number"],
                condition=Q(programme__isnull=False),
                name="phase_template_unique_per_programme_and_type",
                violation_error_message=_("This programme already has this phase of this type."),
            ),
            models.UniqueConstraint(
                fields=["network_type", "number"],
                condition=Q(programme__isnull=True),
                name="phase_template_unique_per_type",
                violation_error_message=_("This type already has this phase for every programme."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="phase_template_number_gte_1"),
            models.CheckConstraint(
                condition=Q(months__isnull=True) | Q(months__gte=1),
                name="phase_template_months_gte_1",
            ),
        ]

    def __str__(self):
        values = {"type": self.network_type, "number": self.number}
        if self.programme_id is None:
            return _("%(type)s, phase %(number)s") % values
        return _("%(programme)s, %(type)s, phase %(number)s") % {
            **values,
            "programme": self.programme,
        }

    @property
    def duration_months(self):
        """The stated duration, else the periods' months added up (None when a period's
        length is not stated)."""
        if self.months:
            return self.months
        months = [period.months for period in self.periods.all()]
        return sum(months) if months and None not in months else None

    @property
    def lays_out(self):
        """Whether a phase can be built from it: each period's length, or the phase's, known."""
        periods = list(self.periods.all())
        return bool(self.months) or bool(periods and all(period.months for period in periods))

    def layout(self, start):
        """The end and the periods `(kind, start, end)` of a phase built from this template
        from `start`: the periods end to end when each has its months; else no periods, and
        the end from the stated duration. None when neither is known."""
        periods = list(self.periods.all())
        if periods and all(period.months for period in periods):
            laid_out, offset, period_start = [], 0, start
            for period in periods:
                offset += period.months
                period_end = add_months(start, offset) - datetime.timedelta(days=1)
                laid_out.append((period.kind, period_start, period_end))
                period_start = period_end + datetime.timedelta(days=1)
            return laid_out[-1][2], laid_out
        if self.months:
            return add_months(start, self.months) - datetime.timedelta(days=1), []
        return None  # not lays_out


class PeriodTemplate(models.Model):
    template = models.ForeignKey(
        PhaseTemplate, on_delete=models.CASCADE, related_name="periods", verbose_name=_("template")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind)
    months = models.PositiveSmallIntegerField(
        _("months"),
        null=True,
        blank=True,
        help_text=_("Empty when the programme does not state it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["template", "order", "pk"]
        verbose_name = _("period template")
        verbose_name_plural = _("period templates")
        constraints = [
            models.CheckConstraint(
                condition=Q(months__isnull=True) | Q(months__gte=1),
                name="period_template_months_gte_1",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.months or '?'})"


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
