"""Subscribing, confirming, digests, unsubscribing and deleting everything, against a real
SMTP server (tests/smtp.py)."""

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from networks.models import ProgressUpdate
from subscriptions import services
from subscriptions.models import Consent, Delivery, Follow, SignupRequest, Subscriber
from tests.factories import (
    ArticleFactory,
    CallFactory,
    CityFactory,
    CountryFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https://urbact\.example(/\S+)")


def links_in(message):
    return LINK.findall(message.get_body(preferencelist=("plain",)).get_content())


def subscribe(client, capture, address, *, query="", language="en", **data):
    with capture(execute=True):
        return client.post(
            f"/{language}/subscribe/{query}",
            {"email": address, "frequency": "daily", "consent": "on", **data},
        )


def confirm(client, smtp, address):
    (path,) = links_in(smtp.to(address)[-1])
    assert client.get(path).status_code == 200  # a page with a button: nothing yet
    assert not Subscriber.objects.filter(email=address).exists()
    response = client.post(path)
    assert response.status_code == 302
    return response["Location"]


def publish_update(network, **fields):
    return ProgressUpdateFactory(network=network, date=timezone.localdate(), **fields)


@pytest.fixture
def network():
    return NetworkFactory(name_en="Active NGOs", name_lv="Aktīvas NVO", slug="active-ngos")


@pytest.fixture
def subscribed(client, smtp, network, django_capture_on_commit_callbacks):
    response = subscribe(
        client,
        django_capture_on_commit_callbacks,
        "Officer@Example.lv",
        query="?network=active-ngos",
        networks=[network.pk],
    )
    assert response.status_code == 302
    manage_path = confirm(client, smtp, "officer@example.lv")
    smtp.messages.clear()
    return Subscriber.objects.get(email="officer@example.lv"), manage_path


def test_subscribing_sends_only_the_confirmation_until_it_is_followed(
    client, smtp, network, django_capture_on_commit_callbacks
):
    response = subscribe(
        client,
        django_capture_on_commit_callbacks,
        "officer@example.lv",
        query="?network=active-ngos",
        networks=[network.pk],
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/subscribe/sent/"
    (message,) = smtp.messages
    assert message["From"] == "urbact@ncp.example"
    assert message["Subject"] == "Confirm your subscription to URBACT news"
    assert message.get_body(preferencelist=("html",)) is not None
    signup = SignupRequest.objects.get()
    assert signup.consent_text.startswith("I agree")
    publish_update(network)
    assert services.send_due() == 0
    assert len(smtp.messages) == 1


def test_confirmation_records_the_consent_and_the_follow(subscribed, network):
    subscriber, manage_path = subscribed
    assert manage_path.startswith("/en/subscribe/manage/")
    consent = Consent.objects.get(subscriber=subscriber)
    assert "privacy notice" in consent.text
    assert consent.language == "en"
    assert consent.shown_at <= consent.confirmed_at
    assert list(subscriber.follows.values_list("topic", "network")) == [("network", network.pk)]
    assert not SignupRequest.objects.exists()


def test_a_published_update_reaches_the_subscriber_in_one_digest_never_twice(
    subscribed, smtp, network
):
    subscriber, _manage = subscribed
    update = publish_update(network, title_en="Transfer plan ready", title_lv="Plāns gatavs")
    draft = publish_update(network, title_en="Not yet", status="draft")
    assert services.send_due() == 1
    (message,) = smtp.to(subscriber.email)
    text = smtp.text(message)
    assert "Transfer plan ready" in text and update.get_absolute_url() not in ""
    assert draft.title_en not in text
    assert "Transfer plan ready" in smtp.html(message)
    assert message["From"] == "urbact@ncp.example"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith(
        "<https://urbact.example/en/subscribe/unsubscribe/"
    )
    assert services.send_due() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert services.send_due() == 0
    assert len(smtp.to(subscriber.email)) == 1


def test_a_daily_digest_waits_for_the_next_day(subscribed, smtp, network):
    publish_update(network)
    assert services.send_due() == 1
    publish_update(network)
    assert services.send_due() == 0  # the day's digest has gone
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert services.send_due() == 1
    assert len(smtp.messages) == 2


def _follower(address, network):
    subscriber = Subscriber.objects.create(
        email=address,
        language="lv",
        frequency="daily",
        confirmed_at=timezone.now() - datetime.timedelta(days=1),
    )
    services.follow(subscriber, networks=[network], now=subscriber.confirmed_at)
    return subscriber


def test_sending_refused_half_way_and_run_again_sends_each_item_once(smtp, network):
    followers = [_follower(f"city{n}@example.lv", network) for n in range(3)]
    publish_update(network, title_lv="Pārneses plāns")
    smtp.fail_after = 1  # the mail server stops accepting after the first message
    assert services.send_due() == 1
    assert Delivery.objects.count() == 1  # the refused ones recorded nothing
    smtp.fail_after = None
    assert services.send_due() == 2
    assert services.send_due() == 0
    for follower in followers:
        (message,) = smtp.to(follower.email)
        assert "Pārneses plāns" in smtp.text(message)


def test_sending_stopped_half_way_and_run_again_sends_each_item_once(smtp, network, monkeypatch):
    followers = [_follower(f"town{n}@example.lv", network) for n in range(3)]
    publish_update(network)
    send_to = services.send_to
    calls = []

    def stops_after_the_first_email(subscriber_id, **kwargs):
        sent = send_to(subscriber_id, **kwargs)
        calls.append(sent)
        if sent:
            raise KeyboardInterrupt  # the process is stopped right after one email
        return sent

    monkeypatch.setattr(services, "send_to", stops_after_the_first_email)
    with pytest.raises(KeyboardInterrupt):
        services.send_due()
    monkeypatch.setattr(services, "send_to", send_to)
    assert len(smtp.messages) == 1
    assert services.send_due() == 2
    assert services.send_due() == 0
    assert sorted(len(smtp.to(follower.email)) for follower in followers) == [1, 1, 1]


def test_an_email_that_fails_inside_the_transaction_records_nothing(smtp, network, monkeypatch):
    follower = _follower("one@example.lv", network)
    publish_update(network)

    def broken(*args, **kwargs):
        raise OSError("connection reset")

    monkeypatch.setattr("networks.services.ReadableEmail.send", broken)
    assert services.send_due() == 0
    assert not follower.deliveries.exists() and not follower.digests.exists()
    monkeypatch.undo()
    assert services.send_due() == 1


def test_digest_is_in_the_subscribers_language(smtp, network):
    follower = _follower("lv@example.lv", network)
    publish_update(network, title_lv="Latviski", title_en="In English")
    services.send_due()
    (message,) = smtp.to(follower.email)
    assert message["Subject"] == "URBACT jaunumu apkopojums"
    assert "Latviski" in smtp.text(message) and "In English" not in smtp.text(message)
    assert "/lv/networks/" in smtp.text(message)


def test_events_go_at_once_and_those_known_at_confirmation_are_not_sent(smtp):
    today = timezone.localdate()
    EventFactory(
        start_date=today + datetime.timedelta(days=5), end_date=today + datetime.timedelta(days=5)
    )
    subscriber = Subscriber.objects.create(
        email="events@example.lv", language="en", frequency="weekly", confirmed_at=timezone.now()
    )
    services.follow(subscriber, topics=["events"])
    assert services.send_due() == 0
    new = EventFactory(
        title_en="Info day on the call",
        start_date=today + datetime.timedelta(days=9),
        end_date=today + datetime.timedelta(days=9),
    )
    subscriber.last_digest_at = timezone.now()  # a weekly digest went out today
    subscriber.save()
    assert services.send_due() == 1
    (message,) = smtp.messages
    assert "Info day on the call" in smtp.text(message)
    assert message["Subject"] == "New from URBACT: calls and events"
    assert Delivery.objects.get(item=f"networks.event:{new.pk}").digest.immediate


def test_a_call_published_after_the_follow_goes_at_once_and_once(smtp):
    CallFactory(title_en="A call known before")
    subscriber = Subscriber.objects.create(
        email="calls@example.lv", language="en", frequency="weekly", confirmed_at=timezone.now()
    )
    services.follow(subscriber, topics=["calls"])
    assert services.send_due() == 0
    draft = CallFactory(title_en="Call for Action Networks", status="draft")
    assert services.send_due() == 0  # a draft is not public
    draft.status = "published"
    draft.save()
    subscriber.last_digest_at = timezone.now()  # a weekly digest went out today
    subscriber.save()
    assert services.send_due() == 1
    (message,) = smtp.messages
    assert "Call for Action Networks" in smtp.text(message)
    assert "A call known before" not in smtp.text(message)
    assert Delivery.objects.get(item=f"calls.call:{draft.pk}").digest.immediate
    assert services.send_due() == 0


def test_a_city_follow_gets_news_about_the_city_and_its_networks_updates(smtp):
    city = CityFactory(name_en="Riga", country=CountryFactory(code="LV"))
    membership = MembershipFactory(city=city)
    subscriber = Subscriber.objects.create(
        email="riga@example.lv",
        language="en",
        frequency="daily",
        confirmed_at=timezone.now() - datetime.timedelta(hours=1),
    )
    services.follow(subscriber, cities=[city], now=subscriber.confirmed_at)
    ArticleFactory(
        title_en="Old news", published_at=timezone.now() - datetime.timedelta(days=3)
    ).cities.add(city)
    article = ArticleFactory(title_en="Riga hosts a meeting", published_at=timezone.now())
    article.cities.add(city)
    publish_update(membership.network, title_en="Network step")
    services.send_due()
    text = smtp.text(smtp.messages[0])
    assert "Riga hosts a meeting" in text and "Network step" in text and "Old news" not in text


def test_an_item_followed_twice_is_sent_once(smtp, network):
    city = CityFactory(country=CountryFactory(code="LV"))
    MembershipFactory(network=network, city=city)
    subscriber = _follower("both@example.lv", network)
    services.follow(subscriber, cities=[city], now=subscriber.confirmed_at)
    update = publish_update(network)
    services.send_due()
    text = smtp.text(smtp.messages[0])
    assert text.count(update.get_absolute_url().split("/updates/")[1]) == 1


def test_unsubscribe_in_one_click_is_a_csrf_free_idempotent_post(subscribed, smtp, network):
    subscriber, _manage = subscribed
    publish_update(network)
    services.send_due()
    header = smtp.messages[0]["List-Unsubscribe"].strip("<>")
    path = header.removeprefix("https://urbact.example")
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(path).status_code == 200
    assert subscriber.follows.exists()  # opening the link changes nothing
    for _ in range(2):
        response = strict.post(path, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
    assert not subscriber.follows.exists()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        publish_update(network)
        assert services.send_due() == 0
    assert len(smtp.messages) == 1


def test_delete_everything(subscribed, smtp, network, client):
    subscriber, manage_path = subscribed
    publish_update(network)
    services.send_due()
    response = client.post(manage_path.replace("/manage/", "/manage/", 1) + "delete/")
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert not Follow.objects.exists()
    assert not Consent.objects.exists()
    assert not Delivery.objects.exists()
    assert client.get(manage_path).status_code == 400  # the link names nothing any more


def test_manage_page_changes_what_is_followed(subscribed, client, network):
    subscriber, manage_path = subscribed
    other = NetworkFactory()
    page = client.get(manage_path)
    assert page.status_code == 200
    assert page.headers["Cache-Control"].startswith("max-age=0")
    response = client.post(manage_path, {"frequency": "weekly", "topics": ["news"]})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.frequency == "weekly"
    assert list(subscriber.follows.values_list("topic", flat=True)) == ["news"]
    response = client.post(manage_path, {"frequency": "weekly", "networks": [other.pk]})
    assert "networks" in response.context["form"].errors  # not offered on this page
    assert client.post(manage_path, {"frequency": "daily"}).context["form"].errors


def test_wrong_expired_or_tampered_links_give_a_clear_page_and_change_nothing(
    client, smtp, network, django_capture_on_commit_callbacks
):
    subscribe(
        client,
        django_capture_on_commit_callbacks,
        "late@example.lv",
        query="?network=active-ngos",
        networks=[network.pk],
    )
    (path,) = links_in(smtp.messages[0])
    tampered = path[:-3] + ("AAA" if not path.endswith("AAA/") else "BBB") + "/"
    for bad in (tampered, "/en/subscribe/confirm/nonsense/", "/en/subscribe/manage/x:y/"):
        response = client.post(bad)
        assert response.status_code == 400
        assert b"This link does not work" in response.content
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=49)):
        response = client.post(path)
        assert response.status_code == 400
        assert b"expired" in response.content
    assert not Subscriber.objects.exists()
    assert client.post("/en/subscribe/unsubscribe/forged:token/").status_code == 400


def test_someone_else_cannot_change_a_confirmed_subscription(
    subscribed, client, smtp, django_capture_on_commit_callbacks
):
    subscriber, _manage = subscribed
    subscribe(
        Client(),
        django_capture_on_commit_callbacks,
        subscriber.email,
        topics=["news"],
    )
    assert list(subscriber.follows.values_list("topic", flat=True)) == ["network"]
    (message,) = smtp.messages  # only a confirmation, to the address itself
    assert message["To"] == subscriber.email


def test_sign_ups_are_limited_per_address_and_per_client(
    client, smtp, network, django_capture_on_commit_callbacks, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": (2, 3, 3600)}
    data = {"networks": [network.pk]}
    codes = [
        subscribe(
            client,
            django_capture_on_commit_callbacks,
            "a@example.lv",
            query="?network=active-ngos",
            **data,
        ).status_code
        for _ in range(3)
    ]
    assert codes == [302, 302, 429]
    assert (
        subscribe(
            client,
            django_capture_on_commit_callbacks,
            "b@example.lv",
            query="?network=active-ngos",
            **data,
        ).status_code
        == 429  # the fourth from this client
    )
    other_client = Client(REMOTE_ADDR="10.0.0.9")
    assert (
        subscribe(
            other_client,
            django_capture_on_commit_callbacks,
            "a@example.lv",
            query="?network=active-ngos",
            **data,
        ).status_code
        == 429  # the third for this address
    )
    assert len(smtp.messages) == 2


def test_bad_inputs_are_refused(client, smtp, network):
    for data in (
        {"email": "not-an-address", "frequency": "daily", "consent": "on", "topics": ["news"]},
        {"email": "a@example.lv", "frequency": "daily", "topics": ["news"]},  # no consent
        {"email": "a@example.lv", "frequency": "daily", "consent": "on"},  # nothing to follow
        {"email": "a@example.lv", "frequency": "hourly", "consent": "on", "topics": ["news"]},
        {"email": "a@example.lv", "frequency": "daily", "consent": "on", "topics": ["nonsense"]},
        {"email": "a@example.lv", "frequency": "daily", "consent": "on", "networks": ["x"]},
    ):
        response = client.post("/en/subscribe/", data)
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not SignupRequest.objects.exists()
    assert client.put("/en/subscribe/").status_code == 405


def test_forget_unconfirmed(smtp, network):
    old = SignupRequest.objects.create(
        email="old@example.lv",
        language="lv",
        consent_text="...",
        created_at=timezone.now() - datetime.timedelta(days=8),
    )
    recent = SignupRequest.objects.create(email="new@example.lv", language="lv", consent_text="...")
    call_command("forget_unconfirmed", stdout=__import__("io").StringIO())
    assert list(SignupRequest.objects.all()) == [recent]
    assert not SignupRequest.objects.filter(pk=old.pk).exists()


def test_the_privacy_notice_says_unconfirmed_addresses_are_forgotten(client):
    assert "never confirmed is deleted after 7 days" in client.get("/en/privacy/").content.decode()
    assert "dzēsta pēc 7 dienām" in client.get("/lv/privacy/").content.decode()


def test_send_digests_command_and_task(smtp, network, settings):
    _follower("cmd@example.lv", network)
    publish_update(network)
    out = __import__("io").StringIO()
    call_command("send_digests", stdout=out)
    assert out.getvalue().strip() == "1 emails sent."
    _follower("task@example.lv", network)
    call_command("send_digests", "--enqueue", stdout=out)  # immediate backend: runs now
    assert len(smtp.messages) == 2


def test_progress_update_published_later_counts_from_its_publication(smtp, network):
    follower = _follower("later@example.lv", network)
    old = ProgressUpdateFactory(network=network, status="draft", date=datetime.date(2019, 1, 1))
    ProgressUpdate.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=30)
    )
    assert services.send_due() == 0
    old.status = "published"
    old.save()
    assert services.send_due() == 1
    assert follower.deliveries.filter(item=f"networks.progressupdate:{old.pk}").exists()
