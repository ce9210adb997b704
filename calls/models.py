"""Calls for proposals: the programme invites cities to form networks of a type (or, as the
2024 Good Practice call did, to submit something else), between an opening and a closing
time; the Monitoring Committee's approval decides it. Its status at a moment follows from
those times and the approval's date alone: it is worked out, never stored."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import SanitizedHTMLField
from core.publication import PublicationStatus
from networks.models import Approval, Event, NetworkType, Programme


class CallStatus(models.TextChoices):
    UPCOMING = "upcoming", pgettext_lazy("call", "upcoming")
    OPEN = "open", pgettext_lazy("call", "open")
    CLOSED = "closed", pgettext_lazy("call", "closed")
    DECIDED = "decided", pgettext_lazy("call", "decided")


def _now(now=None):
    return now or timezone.now()


def _decided_by(now):
    """Calls whose approval was made by `now` (and that have closed)."""
    return Q(closes_at__lte=now, approval__approved_on__lte=timezone.localdate(now))


class CallQuerySet(models.QuerySet):
    """Chainable selections of calls. Each takes the moment to judge by (`now`, an aware
    datetime; the current time when left out), so a page, a digest or a test all see the same
    status on the same moment."""

    def published(self):
        """The calls the public sees (and subscribers hear of): every other method is usually
        chained after this one."""
        return self.filter(status=PublicationStatus.PUBLISHED)

    def upcoming(self, now=None):
        return self.filter(opens_at__gt=_now(now))

    def open(self, now=None):
        now = _now(now)
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def current(self, now=None):
        """Open or upcoming: what a city can still apply to."""
        return self.filter(closes_at__gt=_now(now))

    def closed(self, now=None):
        """Closed and not decided yet (no approval recorded, or one dated later)."""
        now = _now(now)
        return self.filter(closes_at__lte=now).exclude(_decided_by(now))

    def decided(self, now=None):
        return self.filter(_decided_by(_now(now)))

    def finished(self, now=None):
        """Closed or decided: no longer open to applications."""
        return self.filter(closes_at__lte=_now(now))

    def opening_between(self, start, end):
        """Calls that open in [start, end): what a digest of that span announces."""
        return self.filter(opens_at__gte=start, opens_at__lt=end)

    def closing_between(self, start, end):
        """Calls whose deadline falls in [start, end): what a reminder of that span names."""
        return self.filter(closes_at__gte=start, closes_at__lt=end)

    def with_status(self, status, now=None):
        return {
            CallStatus.UPCOMING: self.upcoming,
            CallStatus.OPEN: self.open,
            CallStatus.CLOSED: self.closed,
            CallStatus.DECIDED: self.decided,
        }[CallStatus(status)](now)

    def of_the_moment(self, now=None):
        """What a visitor should hear of first on `now`: the open and upcoming calls (closing
        soonest first); when there are none, the latest decided call together with any call
        that closed after it and awaits its decision (latest first); with no decided call,
        the call that closed last."""
        now = _now(now)
        current = self.current(now)
        if current.exists():
            return current.soonest_first()
        finished = self.finished(now)
        latest_decided = self.decided(now).latest_first().values("closes_at")[:1]
        latest_closed = finished.latest_first().values("closes_at")[:1]
        return finished.filter(
            closes_at__gte=Coalesce(Subquery(latest_decided), Subquery(latest_closed))
        ).latest_first()

    def soonest_first(self):
        return self.order_by("closes_at", "slug")

    def latest_first(self):
        return self.order_by("-closes_at", "-slug")

    def with_facts(self):
        """What a list of calls shows besides their own columns, in the same query."""
        return self.select_related(
            "programme", "network_type", "approval__programme", "approval__network_type"
        )

    def next_change(self, now=None):
        """The next moment a call's status changes (it opens or closes), or None: one
        query."""
        now = _now(now)
        opening = self.filter(opens_at__gt=now).values_list("opens_at", flat=True).order_by()
        closing = self.filter(closes_at__gt=now).values_list("closes_at", flat=True).order_by()
        return opening.union(closing).order_by("opens_at").first()


def next_status_change():
    """When a published call next opens or closes (a publication schedule of `core.cache`:
    pages showing calls are renewed then), or None."""
    return Call.objects.published().next_change()


class Call(models.Model):
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="calls", verbose_name=_("programme")
    )
    network_type = models.ForeignKey(
        NetworkType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("network type"),
        help_text=_(
            "The type of the networks the call creates. Empty for a call that creates no "
            "networks, such as a call for good practices."
        ),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in lists of calls.")
    )
    body = SanitizedHTMLField(
        _("text"), blank=True, help_text=_("Who may apply, how to apply, what the call offers.")
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    closing_time_stated = models.BooleanField(
        _("closing time stated"),
        default=True,
        help_text=_(
            "Untick when the programme gave only the closing day: the page then shows the day "
            "without a time."
        ),
    )
    networks_start = models.DateField(_("networks start"), null=True, blank=True)
    networks_end = models.DateField(_("networks end"), null=True, blank=True)
    budget = models.CharField(
        _("budget"),
        max_length=300,
        blank=True,
        help_text=_(
            'As the programme states it, e.g. "up to €850,000 per network". Leave it empty '
            "when no source states it."
        ),
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the call led to, as the programme announced it, for a call that no "
            'recorded approval decides (e.g. "116 Good Practices labelled in 2024").'
        ),
    )
    approval = models.ForeignKey(
        Approval,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("Monitoring Committee approval"),
        help_text=_("The decision on the call: once its date has come, the call is decided."),
    )
    events = models.ManyToManyField(
        Event,
        blank=True,
        related_name="calls",
        verbose_name=_("info days and trainings"),
        help_text=_("The National Contact Point's events about this call."),
    )
    source = models.URLField(_("source"), max_length=500, blank=True)
    status = models.CharField(
        _("publication"),
        max_length=20,
        choices=[
            (PublicationStatus.DRAFT, PublicationStatus.DRAFT.label),
            (PublicationStatus.PUBLISHED, PublicationStatus.PUBLISHED.label),
        ],
        default=PublicationStatus.DRAFT,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_at", "slug"]
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="call_closes_after_it_opens",
                violation_error_message=_("A call must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(networks_end__isnull=True)
                | Q(networks_start__isnull=True)
                | Q(networks_end__gt=F("networks_start")),
                name="call_networks_end_after_start",
                violation_error_message=_("The networks must end after they start."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=[PublicationStatus.DRAFT, PublicationStatus.PUBLISHED]),
                name="call_status_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("calls:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if (
            self.approval_id
            and self.network_type_id
            and self.approval.network_type_id != self.network_type_id
        ):
            raise ValidationError(
                {"approval": _("The approval must be of the call's network type.")}
            )
        if self.approval_id and self.approval.programme_id != self.programme_id:
            raise ValidationError({"approval": _("The approval must be of the call's programme.")})
        if (
            self.approval_id
            and self.closes_at
            and self.approval.approved_on < timezone.localdate(self.closes_at)
        ):
            raise ValidationError(
                {"approval": _("The approval cannot be dated before the call closed.")}
            )

    def status_on(self, now):
        """`CallStatus` at the moment `now` (an aware datetime)."""
        if now < self.opens_at:
            return CallStatus.UPCOMING
        if now < self.closes_at:
            return CallStatus.OPEN
        if self.approval is not None and self.approval.approved_on <= timezone.localdate(now):
            return CallStatus.DECIDED
        return CallStatus.CLOSED

    @property
    def current_status(self):
        return self.status_on(timezone.now())

    @property
    def opens_on(self):
        return timezone.localdate(self.opens_at)

    @property
    def closes_on(self):
        return timezone.localdate(self.closes_at)

    @property
    def networks_months(self):
        """How many months the networks run, when they start on the 1st of a month and end
        on the last day of one (else None, as without both dates)."""
        if not (self.networks_start and self.networks_end):
            return None
        end = self.networks_end + datetime.timedelta(days=1)
        if self.networks_start.day != 1 or end.day != 1:
            return None
        return (end.year - self.networks_start.year) * 12 + end.month - self.networks_start.month


class CallLink(models.Model):
    """A document or page of the call: its terms of reference, the application form, the
    programme's announcement."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="links", verbose_name=_("call")
    )
    title = models.CharField(_("title"), max_length=250)
    url = models.URLField(_("address"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["call", "order", "pk"]
        verbose_name = _("document or link")
        verbose_name_plural = _("documents and links")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "url"],
                name="call_link_once_per_call",
                violation_error_message=_("This address is already listed for the call."),
            )
        ]

    def __str__(self):
        return self.title
