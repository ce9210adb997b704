"""The subscription pages: what they offer, where they are offered, and their queries."""

import datetime

import pytest
from django.utils import timezone

from subscriptions import links, services, sources
from subscriptions.models import Subscriber
from tests.factories import CityFactory, CountryFactory, MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ours():
    """Three networks with a Latvian city each, and one without."""
    latvia = CountryFactory(code="LV")
    memberships = [MembershipFactory(city=CityFactory(country=latvia)) for _ in range(3)]
    return memberships, NetworkFactory(slug="elsewhere")


def test_the_form_offers_our_networks_and_cities_and_the_one_asked_for(client, ours):
    memberships, elsewhere = ours
    form = client.get("/en/subscribe/").context["form"]
    assert {n.pk for n in form.fields["networks"].queryset} == {m.network_id for m in memberships}
    assert {c.pk for c in form.fields["cities"].queryset} == {m.city_id for m in memberships}
    form = client.get("/en/subscribe/?network=elsewhere").context["form"]
    assert elsewhere in form.fields["networks"].queryset
    assert form["networks"].initial == [elsewhere.pk]
    foreign = CityFactory()
    form = client.get(f"/en/subscribe/?city={foreign.pk}").context["form"]
    assert foreign in form.fields["cities"].queryset
    # Nonsense in the address is ignored, never an error.
    assert client.get("/en/subscribe/?city=abc&network=nope&topic=x").status_code == 200


def test_a_topic_is_offered_once_an_app_fills_the_registry(client, monkeypatch):
    # The calls app registers its topic from its ready(); without it, no offer.
    monkeypatch.delitem(sources._SOURCES, "calls")
    form = client.get("/en/subscribe/").context["form"]
    assert "calls" not in dict(form.fields["topics"].choices)
    monkeypatch.setitem(sources._SOURCES, "calls", sources.Source("calls", lambda f: []))
    form = client.get("/en/subscribe/?topic=calls").context["form"]
    assert "calls" in dict(form.fields["topics"].choices)
    assert form["topics"].initial == ["calls"]


def test_network_and_city_pages_offer_to_follow_them(client, ours):
    memberships, _elsewhere = ours
    network, city = memberships[0].network, memberships[0].city
    page = client.get(network.get_absolute_url()).content.decode()
    assert f'href="/lv/subscribe/?network={network.slug}"' in page
    page = client.get(city.get_absolute_url()).content.decode()
    assert f'href="/lv/subscribe/?city={city.pk}"' in page


@pytest.mark.parametrize("language", ["lv", "en"])
def test_subscribe_page_queries_are_bounded(client, ours, django_assert_max_num_queries, language):
    latvia = CountryFactory(code="LV")
    for _ in range(10):
        MembershipFactory(city=CityFactory(country=latvia))
    with django_assert_max_num_queries(6):
        response = client.get(f"/{language}/subscribe/")
    assert response.status_code == 200
    assert "max-age=0" in response["Cache-Control"]


def test_manage_page_queries_are_bounded(client, ours, django_assert_max_num_queries):
    memberships, _elsewhere = ours
    subscriber = Subscriber.objects.create(
        email="m@example.lv", language="lv", frequency="daily", confirmed_at=timezone.now()
    )
    services.follow(
        subscriber,
        topics=["news", "events"],
        networks=[m.network for m in memberships],
        cities=[m.city for m in memberships],
    )
    with django_assert_max_num_queries(10):
        response = client.get(f"/lv/subscribe/manage/{links.manage_token(subscriber)}/")
    assert response.status_code == 200
    form = response.context["form"]
    assert sorted(form["topics"].initial) == ["events", "news"]


def test_weekly_digests_are_due_seven_days_after_the_last(db):
    now = timezone.now()
    subscriber = Subscriber(frequency="weekly", last_digest_at=now, confirmed_at=now)
    assert not subscriber.digest_due(now + datetime.timedelta(days=6))
    assert subscriber.digest_due(now + datetime.timedelta(days=7))
    assert Subscriber(frequency="daily", confirmed_at=now).digest_due(now)


def test_a_confirmation_link_is_for_one_use(client, db):
    from subscriptions.models import SignupRequest

    signup = SignupRequest.objects.create(
        email="once@example.lv", language="en", topics=["news"], consent_text="shown"
    )
    path = f"/en/subscribe/confirm/{links.confirm_token(signup)}/"
    assert client.post(path).status_code == 302
    assert client.post(path).status_code == 400
    assert Subscriber.objects.get().consents.count() == 1
