"""A city page's map, its networks' progress updates and the events held in it; an event
page's place, organiser and description; the outputs link only where there are outputs."""

import datetime

import pytest

from tests.factories import (
    CityFactory,
    CountryFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    OutputFactory,
    ProgressUpdateFactory,
)
from tests.pagetext import page_text

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def riga(db):
    latvia = CountryFactory(code="LV", name_en="Latvia", name_lv="Latvija")
    spain = CountryFactory(code="ES", name_en="Spain", name_lv="Spānija")
    riga = CityFactory(
        country=latvia, slug="riga", name_en="Riga", name_lv="Rīga", latitude=56.95, longitude=24.1
    )
    gijon = CityFactory(
        country=spain, slug="gijon", name_en="Gijón", name_lv="Hihona", latitude=43.5, longitude=-6
    )
    elsewhere = CityFactory(
        country=spain, slug="murcia", name_en="Murcia", latitude=38, longitude=-1
    )
    alt_bau = NetworkFactory(slug="alt-bau", name_en="ALT/BAU", name_lv="ALT/BAU")
    other = NetworkFactory(slug="other", name_en="Other network")
    MembershipFactory(network=alt_bau, city=riga)
    MembershipFactory(network=alt_bau, city=gijon, role="lead_partner")
    MembershipFactory(network=other, city=elsewhere)
    ProgressUpdateFactory(network=alt_bau, title_en="Riga hosts the partners", date=D(2019, 6, 14))
    ProgressUpdateFactory(network=alt_bau, title_en="Draft plan", status="draft")
    ProgressUpdateFactory(network=other, title_en="Murcia news")
    EventFactory(
        title_en="ALT/BAU meeting",
        place_en="Riga",
        city=riga,
        start_date=D(2019, 6, 12),
        end_date=D(2019, 6, 13),
        organiser_en="Riga City Council",
        description_en="The partners compare how they work with owners.",
    )
    EventFactory(title_en="Meeting in Murcia", place_en="Murcia", city=elsewhere)
    return riga


def test_a_city_page_maps_the_city_and_its_partners(client, riga):
    response = client.get("/en/cities/lv/riga/")
    names = sorted(point["name"] for point in response.context["map_points"])
    assert names == ["Gijón", "Riga"]  # not Murcia, a partner of another network only
    text = page_text(response)
    assert "Riga and its partners" in text
    assert "The 2 cities on the map, as a list" in text
    assert "data-network-map" in response.content.decode()


def test_a_city_page_lists_its_networks_published_updates(client, riga):
    text = page_text(client.get("/en/cities/lv/riga/"))
    assert "Progress updates of its networks" in text
    assert "14 June 2019\nRiga hosts the partners\nALT/BAU" in text
    assert "Draft plan" not in text
    assert "Murcia news" not in text


def test_a_city_page_lists_the_events_held_there(client, riga):
    text = page_text(client.get("/en/cities/lv/riga/"))
    assert "Events in this city\n12–13 June 2019\nALT/BAU meeting\nRiga" in text
    assert "Meeting in Murcia" not in text
    latvian = page_text(client.get("/lv/cities/lv/riga/"))
    assert "Pasākumi šajā pilsētā\n2019. gada 12.–13. jūnijs" in latvian


def test_a_city_without_networks_or_events_says_so(client, riga):
    CityFactory(country=riga.country, slug="quiet", name_en="Quiet town")
    response = client.get("/en/cities/lv/quiet/")
    text = page_text(response)
    assert response.context["map_points"] == []
    assert "No events recorded in this city yet." in text
    assert "Progress updates of its networks" not in text
    assert "data-network-map" not in response.content.decode()


def test_the_city_page_runs_a_fixed_number_of_queries(client, riga, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get("/en/cities/lv/riga/").status_code == 200


def test_an_event_page_shows_its_place_organiser_and_description(client, riga):
    event = riga.events.get()
    text = page_text(client.get(f"/en/events/{event.slug}/"))
    assert "Where\nRiga\n" in text
    assert "Organiser\nRiga City Council" in text
    assert "The partners compare how they work with owners." in text
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert '<a href="/en/cities/lv/riga/">Riga</a>' in html


def test_an_event_without_organiser_or_city_names_neither(client, db):
    event = EventFactory(place_en="online")
    text = page_text(client.get(f"/en/events/{event.slug}/"))
    assert "Organiser" not in text
    assert "Where\nonline" in text


def test_the_event_page_runs_a_fixed_number_of_queries(client, riga, django_assert_max_num_queries):
    event = riga.events.get()
    with django_assert_max_num_queries(4):
        assert client.get(f"/en/events/{event.slug}/").status_code == 200


def test_the_outputs_library_is_linked_only_where_there_are_outputs(client, riga):
    link = "/en/networks/alt-bau/outputs/"
    assert link not in client.get("/en/networks/alt-bau/").content.decode()
    OutputFactory(network=riga.memberships.get().network)
    assert link in client.get("/en/networks/alt-bau/").content.decode()


def test_the_network_filters_are_folded_and_say_how_many_are_chosen(client, riga):
    html = client.get("/en/networks/").content.decode()
    assert '<details class="filters-fold" data-open-when-wide>' in html
    assert "js/filters-fold.js" in html and "<script>" not in html
    text = page_text(client.get("/en/networks/?country=lv&country=es"))
    assert "Filter networks (2 chosen)" in text
    latvian = page_text(client.get("/lv/networks/?country=lv&country=es"))
    assert "Atlasīt tīklus (izvēlēti 2)" in latvian
