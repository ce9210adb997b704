"""Registration for the NCP's own events (info days, trainings): whether an event takes
registrations, up to how many and until when, and who registered or waits for a place.

Registrants' data is deleted REGISTRATIONS_KEEP_DAYS after the event
(`manage.py delete_past_registrations`)."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import Event


def language_choices():
    return settings.LANGUAGES


def new_key():
    return secrets.token_urlsafe(24)


class RegistrationSetupQuerySet(models.QuerySet):
    def ended_before(self, day):
        return self.filter(event__end_date__lt=day)


class RegistrationSetup(models.Model):
    event = models.OneToOneField(
        Event,
        on_delete=models.CASCADE,
        related_name="registration_setup",
        verbose_name=_("event"),
    )
    is_open = models.BooleanField(
        _("takes registrations"),
        default=True,
        help_text=_("Untick to close the registration before its closing time."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), help_text=_("Beyond this, people join the waiting list.")
    )
    closes_at = models.DateTimeField(_("registration closes"))
    starts_at = models.TimeField(
        _("starts at"), null=True, blank=True, help_text=_("For the calendar; empty: all day.")
    )
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    online_link = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Sent only to those registered, never shown on the site."),
    )

    objects = RegistrationSetupQuerySet.as_manager()

    class Meta:
        ordering = ["event__start_date", "pk"]
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gt=0), name="registration_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=False, ends_at__gt=models.F("starts_at")),
                name="registration_ends_after_start",
                violation_error_message=_("The end time must come after the start time."),
            ),
        ]

    def __str__(self):
        return str(self.event)

    def get_absolute_url(self):
        return reverse("registrations:register", args=[self.event.slug])

    def accepting(self, now=None):
        return self.is_open and (now or timezone.now()) < self.closes_at

    def registered_count(self):
        return self.registrations.registered().count()

    def places_left(self):
        return max(0, self.capacity - self.registered_count())

    def delete_after(self):
        return self.event.end_date + datetime.timedelta(days=settings.REGISTRATIONS_KEEP_DAYS)


class Status(models.TextChoices):
    REGISTERED = "registered", _("registered")
    WAITING = "waiting", _("on the waiting list")


class RegistrationQuerySet(models.QuerySet):
    def registered(self):
        return self.filter(status=Status.REGISTERED)

    def waiting(self):
        return self.filter(status=Status.WAITING).order_by("created_at", "pk")


class Registration(models.Model):
    setup = models.ForeignKey(
        RegistrationSetup,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    email = models.EmailField(_("email address"))
    city = models.CharField(_("city or municipality"), max_length=120)
    language = models.CharField(_("language"), max_length=10, choices=language_choices)
    status = models.CharField(_("status"), max_length=20, choices=Status)
    consent_text = models.TextField(_("consent shown"))
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["setup", "status", "created_at", "pk"]
        verbose_name = _("registrant")
        verbose_name_plural = _("registrants")
        constraints = [
            models.UniqueConstraint(
                fields=["setup", "email"], name="registration_once_per_address"
            ),
        ]
        indexes = [
            models.Index(fields=["setup", "status", "created_at"], name="registration_queue_idx")
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def is_registered(self):
        return self.status == Status.REGISTERED
