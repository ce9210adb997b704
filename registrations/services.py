"""Registering, cancelling, and what is sent to registrants.

Places are counted with the event's registration row locked, so two people registering at
once cannot both take the last place (PostgreSQL; SQLite writes one at a time anyway). A
cancellation of a place gives it to the first on the waiting list, in the order they came."""

import csv
import datetime
import io
import zoneinfo

import icalendar
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

from networks.importer.columns import neutralise_cell
from subscriptions import links, mail

from .models import Registration, RegistrationSetup, Status

CANCEL_SALT = "registrations.cancel"


class Closed(Exception):
    """The event takes no registrations now."""


class AlreadyRegistered(Exception):
    def __init__(self, registration):
        super().__init__(registration.email)
        self.registration = registration


def register(setup, *, name, organisation, email, city, language, consent_text, now=None):
    """A place if one is left, else a place on the waiting list; the confirmation follows
    by email once the registration is committed."""
    now = now or timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        setup = RegistrationSetup.objects.select_for_update().get(pk=setup.pk)
        if not setup.accepting(now):
            raise Closed
        existing = setup.registrations.filter(email=email).first()
        if existing is not None:
            raise AlreadyRegistered(existing)
        status = Status.REGISTERED if setup.places_left() > 0 else Status.WAITING
        registration = Registration.objects.create(
            setup=setup,
            name=name,
            organisation=organisation,
            email=email,
            city=city,
            language=language,
            status=status,
            consent_text=consent_text,
            created_at=now,
        )
        _send_later(registration.pk, "confirmation")
    return registration


def resend(registration):
    _send_later(registration.pk, "confirmation")


def cancel(registration):
    """Give the place (or the place in the queue) up; a freed place goes to the first who
    waits. The registration promoted, or None."""
    with transaction.atomic():
        setup = RegistrationSetup.objects.select_for_update().get(pk=registration.setup_id)
        current = Registration.objects.filter(pk=registration.pk).first()
        if current is None:
            return None
        current.delete()
        promoted = None
        if current.is_registered and setup.places_left() > 0:
            promoted = setup.registrations.waiting().first()
            if promoted is not None:
                promoted.status = Status.REGISTERED
                promoted.save(update_fields=["status"])
                _send_later(promoted.pk, "promotion")
    return promoted


def _send_later(registration_id, kind):
    from .tasks import send_registration_email

    transaction.on_commit(lambda: send_registration_email.enqueue(registration_id, kind))


def cancel_token(registration):
    return links.sign(registration.key, CANCEL_SALT)


def registration_for(token):
    """The registration a cancellation link names; `links.BadLink` if none."""
    key = links.unsign(token, CANCEL_SALT)
    registration = Registration.objects.select_related("setup__event").filter(key=key).first()
    if registration is None:
        raise links.BadLink
    return registration


def calendar(registration):
    """The event as an iCalendar file (RFC 5545) for one registrant: its times if the NCP
    gave them, else whole days; the online link only in a registered person's copy."""
    setup, event = registration.setup, registration.setup.event
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//URBACT National Contact Point {settings.PORTAL_COUNTRY}//Portal//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@{settings.PORTAL_URL.split('//')[-1]}")
    vevent.add("dtstamp", timezone.now())
    if setup.starts_at:
        start = datetime.datetime.combine(event.start_date, setup.starts_at, zone)
        end_time = setup.ends_at or setup.starts_at
        end = datetime.datetime.combine(event.end_date, end_time, zone)
        if end <= start:
            end = start + datetime.timedelta(hours=1)
        vevent.add("dtstart", start)
        vevent.add("dtend", end)
    else:
        vevent.add("dtstart", event.start_date)
        vevent.add("dtend", event.end_date + datetime.timedelta(days=1))
    vevent.add("summary", event.title)
    url = mail.portal_url(event.get_absolute_url())
    vevent.add("url", url)
    description = [url]
    location = event.place
    if registration.is_registered and setup.online_link:
        description.insert(0, setup.online_link)
        location = location or setup.online_link
    vevent.add("description", "\n".join(description))
    if location:
        vevent.add("location", location)
    cal.add_component(vevent)
    return cal.to_ical()


def registration_message(registration, kind):
    """The confirmation (or, for `kind` "promotion", the news of a place) in the
    registrant's language, with the calendar file and, for those with a place, the link."""
    setup = registration.setup
    with translation.override(registration.language):
        cancel_url = mail.portal_url(
            reverse("registrations:cancel", args=[cancel_token(registration)])
        )
        position = (
            None
            if registration.is_registered
            else list(setup.registrations.waiting().values_list("pk", flat=True)).index(
                registration.pk
            )
            + 1
        )
        context = {
            "registration": registration,
            "event": setup.event,
            "event_url": mail.portal_url(setup.event.get_absolute_url()),
            "online_link": setup.online_link if registration.is_registered else "",
            "cancel_url": cancel_url,
            "position": position,
            "promotion": kind == "promotion",
        }
    attachments = []
    if registration.is_registered:
        attachments.append(
            (f"{setup.event.slug}.ics", calendar(registration), "text/calendar; method=PUBLISH")
        )
    return mail.build(
        "registrations/email/registration",
        context,
        to=registration.email,
        language=registration.language,
        attachments=attachments,
    )


def delete_past(today=None):
    """Registrants of events that ended more than REGISTRATIONS_KEEP_DAYS ago: deleted.
    Their number."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=settings.REGISTRATIONS_KEEP_DAYS)
    _total, by_model = Registration.objects.filter(setup__event__end_date__lt=limit).delete()
    return by_model.get("registrations.Registration", 0)


CSV_COLUMNS = ["status", "name", "organisation", "email", "city", "language", "created_at"]


def export_csv(setup):
    """The registrants of `setup`, those with a place first, then the waiting list in its
    order; cells a spreadsheet would run as formulas are neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [capfirst(Registration._meta.get_field(name).verbose_name) for name in CSV_COLUMNS]
    )
    rows = list(setup.registrations.registered().order_by("created_at", "pk")) + list(
        setup.registrations.waiting()
    )
    for row in rows:
        writer.writerow(
            neutralise_cell(value)
            for value in (
                row.get_status_display(),
                row.name,
                row.organisation,
                row.email,
                row.city,
                row.language,
                timezone.localtime(row.created_at).strftime("%Y-%m-%d %H:%M"),
            )
        )
    return out.getvalue()
