"""Registration for NCP events against a real SMTP server: places up to the capacity, the
waiting list, cancellation promoting the next, the calendar attachment, the CSV export and
who may see registrants."""

import csv
import datetime
import io
import re

import icalendar
import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core.groups import NCP_EDITOR, PARTNER_EDITOR
from networks.models import PartnerEditor
from registrations.models import Registration, RegistrationSetup
from tests.factories import EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db

CANCEL = re.compile(r"https://urbact\.example(/\S+/registration/cancel/\S+/)")


@pytest.fixture
def setup():
    day = timezone.localdate() + datetime.timedelta(days=20)
    event = EventFactory(
        title_en="Info day on the Transfer Networks call",
        title_lv="Informācijas diena par pārneses tīklu uzaicinājumu",
        slug="info-day",
        start_date=day,
        end_date=day,
        place="Rīga",
    )
    return RegistrationSetup.objects.create(
        event=event,
        capacity=2,
        closes_at=timezone.now() + datetime.timedelta(days=10),
        starts_at=datetime.time(10, 0),
        ends_at=datetime.time(12, 30),
        online_link="https://meet.example/info-day-secret",
    )


def register(capture, email, *, language="en", name="Anna Bērziņa", client=None, **extra):
    client = client or Client()
    with capture(execute=True):
        return client.post(
            f"/{language}/events/info-day/register/",
            {
                "name": name,
                "organisation": "Jelgavas valstspilsētas pašvaldība",
                "city": "Jelgava",
                "email": email,
                "consent": "on",
                **extra,
            },
        )


def calendar_of(message):
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return icalendar.Calendar.from_ical(part.get_content())


def test_registration_up_to_capacity_then_the_waiting_list(
    setup, smtp, django_capture_on_commit_callbacks
):
    for n in range(4):
        response = register(django_capture_on_commit_callbacks, f"p{n}@example.lv")
        assert response.status_code == 200
    assert [r.status for r in Registration.objects.order_by("created_at", "pk")] == [
        "registered",
        "registered",
        "waiting",
        "waiting",
    ]
    first, third = smtp.to("p0@example.lv")[0], smtp.to("p2@example.lv")[0]
    assert first["From"] == "urbact@ncp.example"
    assert first["Subject"].startswith("You are registered")
    assert "https://meet.example/info-day-secret" in smtp.text(first)
    assert "https://meet.example/info-day-secret" in smtp.html(first)
    # Those waiting get neither the link nor a calendar entry, and their place in the queue.
    assert "info-day-secret" not in smtp.text(third) + smtp.html(third)
    assert not list(third.iter_attachments())
    assert "number 1 on the waiting list" in smtp.text(third)


def test_the_confirmation_carries_the_event_as_ics(setup, smtp, django_capture_on_commit_callbacks):
    register(django_capture_on_commit_callbacks, "anna@example.lv")
    (message,) = smtp.messages
    calendar = calendar_of(message)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Info day on the Transfer Networks call"
    start = event.decoded("DTSTART")
    assert (start.date(), start.hour, start.minute) == (setup.event.start_date, 10, 0)
    assert str(start.tzinfo) == "Europe/Riga"
    assert event.decoded("DTEND").hour == 12
    assert "info-day-secret" in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith("/en/events/info-day/")


def test_a_cancellation_promotes_the_first_who_waits(
    setup, smtp, django_capture_on_commit_callbacks
):
    for n in range(4):
        register(django_capture_on_commit_callbacks, f"q{n}@example.lv")
    (cancel_path,) = CANCEL.findall(smtp.text(smtp.to("q1@example.lv")[0]))
    client = Client()
    assert client.get(cancel_path).status_code == 200
    assert Registration.objects.filter(email="q1@example.lv").exists()  # the page asks first
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(cancel_path).status_code == 200
    assert not Registration.objects.filter(email="q1@example.lv").exists()
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "q0@example.lv": "registered",
        "q2@example.lv": "registered",
        "q3@example.lv": "waiting",
    }
    promotion = smtp.to("q2@example.lv")[-1]
    assert promotion["Subject"].startswith("A place for you")
    assert "info-day-secret" in smtp.text(promotion)
    assert calendar_of(promotion).walk("VEVENT")
    # The same link again: a clear page, nothing more changes.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(cancel_path).status_code == 400
    assert Registration.objects.registered().count() == 2
    # Someone waiting who cancels frees no place.
    (waiting_cancel,) = CANCEL.findall(smtp.text(smtp.to("q3@example.lv")[0]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(waiting_cancel)
    assert Registration.objects.count() == 2


def test_registration_closes_at_its_time_and_when_closed(
    setup, smtp, django_capture_on_commit_callbacks
):
    with time_machine.travel(setup.closes_at + datetime.timedelta(minutes=1)):
        response = register(django_capture_on_commit_callbacks, "late@example.lv")
        assert b"Registration for this event is closed" in response.content
    setup.is_open = False
    setup.save()
    register(django_capture_on_commit_callbacks, "later@example.lv")
    assert not Registration.objects.exists()
    assert not smtp.messages


def test_an_address_registers_once(setup, smtp, django_capture_on_commit_callbacks):
    register(django_capture_on_commit_callbacks, "once@example.lv")
    response = register(django_capture_on_commit_callbacks, "ONCE@example.lv", name="Someone")
    assert b"already registered" in response.content
    assert Registration.objects.get().name == "Anna Bērziņa"
    assert len(smtp.to("once@example.lv")) == 2  # the confirmation again, to the address


def test_bad_inputs_are_refused(setup, smtp, django_capture_on_commit_callbacks):
    for extra in ({"email": "nope"}, {"consent": ""}, {"name": ""}, {"organisation": "x" * 201}):
        data = {"email": "ok@example.lv", **extra}
        response = register(django_capture_on_commit_callbacks, **data)
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not Registration.objects.exists()
    assert Client().get("/en/events/no-such-event/register/").status_code == 404
    assert Client().post("/en/events/registration/cancel/forged/").status_code == 400


def test_registrations_are_limited_per_address_and_client(
    setup, smtp, django_capture_on_commit_callbacks, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "registration": (1, 2, 3600)}
    client = Client()
    assert (
        register(django_capture_on_commit_callbacks, "r1@example.lv", client=client).status_code
        == 200
    )
    assert (
        register(django_capture_on_commit_callbacks, "r1@example.lv", client=client).status_code
        == 429
    )
    assert (
        register(django_capture_on_commit_callbacks, "r2@example.lv", client=client).status_code
        == 429
    )
    assert Registration.objects.count() == 1


def test_registrants_are_deleted_days_after_the_event(
    setup, smtp, django_capture_on_commit_callbacks
):
    register(django_capture_on_commit_callbacks, "gdpr@example.lv")
    out = io.StringIO()
    after = setup.event.end_date + datetime.timedelta(days=30)
    with time_machine.travel(datetime.datetime.combine(after, datetime.time(12), datetime.UTC)):
        call_command("delete_past_registrations", stdout=out)
    assert Registration.objects.count() == 1  # 30 days after: still kept
    with time_machine.travel(
        datetime.datetime.combine(
            after + datetime.timedelta(days=1), datetime.time(12), datetime.UTC
        )
    ):
        call_command("delete_past_registrations", stdout=out)
    assert not Registration.objects.exists()
    assert RegistrationSetup.objects.exists()


def test_the_privacy_notice_says_when_registrants_are_deleted(client):
    assert "deleted 30 days after the event" in client.get("/en/privacy/").content.decode()


def staff(django_user_model, group, name):
    user = django_user_model.objects.create_user(name, password=None, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client, user


def test_ncp_staff_export_registrants_as_csv_with_formulas_neutralised(
    setup, smtp, django_capture_on_commit_callbacks, django_user_model
):
    register(django_capture_on_commit_callbacks, "csv@example.lv", name='=HYPERLINK("x")')
    register(django_capture_on_commit_callbacks, "b@example.lv", name="Bērziņš")
    register(django_capture_on_commit_callbacks, "c@example.lv", name="Waiting Person")
    client, _user = staff(django_user_model, NCP_EDITOR, "inga")
    assert client.get("/admin/registrations/registrationsetup/").status_code == 200
    assert (
        client.get(f"/admin/registrations/registrationsetup/{setup.pk}/change/").status_code == 200
    )
    response = client.get(f"/admin/registrations/registrationsetup/{setup.pk}/registrants.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 4
    assert rows[1][1] == '\'=HYPERLINK("x")'
    assert rows[2][1] == "Bērziņš"
    assert rows[3][1] == "Waiting Person" and rows[3][0] != rows[1][0]


def test_partner_editors_cannot_see_registrants(
    setup, smtp, django_capture_on_commit_callbacks, django_user_model
):
    register(django_capture_on_commit_callbacks, "private@example.lv")
    client, user = staff(django_user_model, PARTNER_EDITOR, "liga")
    PartnerEditor.objects.create(user=user, network=NetworkFactory())
    for path in (
        "/admin/registrations/registrationsetup/",
        f"/admin/registrations/registrationsetup/{setup.pk}/change/",
        "/admin/registrations/registration/",
        "/admin/subscriptions/subscriber/",
    ):
        assert client.get(path).status_code == 403, path
    response = client.get(f"/admin/registrations/registrationsetup/{setup.pk}/registrants.csv")
    assert response.status_code == 403
    assert b"private@example.lv" not in client.get("/admin/").content
    anonymous = Client().get(f"/admin/registrations/registrationsetup/{setup.pk}/registrants.csv")
    assert anonymous.status_code == 302


def test_event_page_offers_registration_and_calendars(setup, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = client.get("/en/events/info-day/").content.decode()
    assert 'href="/en/events/info-day/register/"' in page
    assert 'href="/en/events/info-day/calendar.ics"' in page
    assert 'href="/en/events.ics"' in page
    assert "info-day-secret" not in page
    ics = client.get("/en/events/info-day/calendar.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    (event,) = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Info day on the Transfer Networks call"


def test_an_event_without_registration_still_adds_to_calendar(client):
    EventFactory(slug="kick-off")
    page = client.get("/lv/events/kick-off/").content.decode()
    assert "/register/" not in page
    assert 'href="/lv/events/kick-off/calendar.ics"' in page
    assert client.get("/lv/events/kick-off/register/").status_code == 404


def test_registration_page_queries_are_bounded(setup, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get("/lv/events/info-day/register/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
