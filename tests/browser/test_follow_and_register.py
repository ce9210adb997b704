"""Subscribing and registering for an event in a real browser, by keyboard alone, in both
languages: every page on the way has one h1 and no serious axe-core violation, and the
emails arrive at a real SMTP server (tests/smtp.py)."""

import datetime
import re

import pytest
from django.utils import timezone

from registrations.models import Registration, RegistrationSetup
from subscriptions.models import Subscriber
from tests.factories import EventFactory, NetworkFactory
from tests.smtp import smtp_server

from .conftest import run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = {
    "lv": {
        "email": "E-pasta adrese",
        "consent": "Piekrītu",
        "subscribe": "Abonēt",
        "sent": "Pārbaudiet savu e-pastu",
        "confirm": "Apstiprināt",
        "manage": "Jūsu abonements",
        "name": "Vārds un uzvārds",
        "organisation": "Organizācija",
        "city": "Pilsēta vai novads",
        "register": "Reģistrēties",
        "registered": "Jūsu reģistrācija ir pieņemta.",
        "follow": "Sekot pa e-pastu: ",
    },
    "en": {
        "email": "Email address",
        "consent": "I agree",
        "subscribe": "Subscribe",
        "sent": "Check your email",
        "confirm": "Confirm",
        "manage": "Your subscription",
        "name": "Name and surname",
        "organisation": "Organisation",
        "city": "City or municipality",
        "register": "Register",
        "registered": "You are registered.",
        "follow": "Follow by email: ",
    },
}
LINK = re.compile(r"https://urbact\.example(/\S+)")


@pytest.fixture
def mailbox(site_settings):
    with smtp_server(site_settings) as mailbox:
        yield mailbox


@pytest.fixture
def site(site_settings, live_server, mailbox):
    NetworkFactory(name_lv="Aktīvas NVO", name_en="Active NGOs", slug="active-ngos")
    day = timezone.localdate() + datetime.timedelta(days=14)
    event = EventFactory(
        slug="info-day",
        title_lv="Informācijas diena",
        title_en="Info day",
        start_date=day,
        end_date=day,
    )
    RegistrationSetup.objects.create(
        event=event,
        capacity=10,
        closes_at=timezone.now() + datetime.timedelta(days=7),
        online_link="https://meet.example/info-day",
    )
    return live_server.url, mailbox


def check(page, language):
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    assert run_axe(page) == []


def type_into(page, label, text):
    page.get_by_label(label, exact=True).focus()
    page.keyboard.type(text)


def tick(page, label_start):
    box = page.get_by_role("checkbox", name=re.compile(f"^{re.escape(label_start)}"))
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()


def press(page, name):
    page.get_by_role("button", name=name, exact=True).focus()
    page.keyboard.press("Enter")


@pytest.mark.parametrize("language", ["lv", "en"])
def test_subscribe_and_register_by_keyboard(site, open_page, language):
    url, mailbox = site
    text = TEXT[language]
    address = f"officer-{language}@example.lv"

    # The network page offers to follow it; the CSP-enforced page shows no error on the way.
    plain = open_page()
    plain.goto(f"{url}/{language}/networks/active-ngos/")
    offer = plain.get_by_role("link", name=re.compile(f"^{re.escape(text['follow'])}"))
    offer.focus()
    plain.keyboard.press("Enter")
    plain.wait_for_url("**/subscribe/?network=active-ngos")

    page = open_page(bypass_csp=True)  # axe-core needs to be injected
    page.goto(f"{url}/{language}/subscribe/?network=active-ngos")
    check(page, language)
    assert page.get_by_role(
        "checkbox", name="Aktīvas NVO" if language == "lv" else "Active NGOs"
    ).is_checked()
    type_into(page, text["email"], address)
    tick(page, text["consent"])
    press(page, text["subscribe"])
    page.wait_for_url("**/subscribe/sent/")
    assert page.locator("h1").inner_text() == text["sent"]
    check(page, language)

    (confirmation,) = mailbox.to(address)
    (path,) = LINK.findall(mailbox.text(confirmation))
    page.goto(f"{url}{path}")
    check(page, language)
    press(page, text["confirm"])
    page.wait_for_url("**/subscribe/manage/**")
    assert page.locator("h1").inner_text() == text["manage"]
    check(page, language)
    assert Subscriber.objects.get(email=address).follows.count() == 1

    plain.goto(f"{url}/{language}/events/info-day/")
    register = plain.get_by_role("link", name=text["register"], exact=True)
    register.focus()
    plain.keyboard.press("Enter")
    plain.wait_for_url("**/events/info-day/register/")

    page.goto(f"{url}/{language}/events/info-day/register/")
    check(page, language)
    type_into(page, text["name"], "Anna Bērziņa")
    type_into(page, text["organisation"], "Jelgavas valstspilsētas pašvaldība")
    type_into(page, text["city"], "Jelgava")
    type_into(page, text["email"], address)
    tick(page, text["consent"])
    press(page, text["register"])
    page.wait_for_selector("[role=status]")
    assert page.get_by_role("status").inner_text().startswith(text["registered"])
    check(page, language)
    assert Registration.objects.get(email=address).language == language
    registration_email = mailbox.to(address)[-1]
    assert "https://meet.example/info-day" in mailbox.text(registration_email)
