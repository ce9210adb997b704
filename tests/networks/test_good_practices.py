"""Good practices as pages: slugs from every creation path, the list with its filters, a
practice's page (its city, the networks transferring it, the cities adopting it, its
outputs), links from the network and city pages, bounded queries and 404s."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from networks.importer.apply import import_networks
from networks.models import GoodPractice
from tests.csvdata import phase2_rows, to_csv, transfer_network_template
from tests.factories import (
    CityFactory,
    CountryFactory,
    GoodPracticeFactory,
    MembershipFactory,
    NetworkFactory,
    OutputFactory,
    ProgrammeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


# Slugs


def test_a_new_practice_gets_its_slug_from_the_english_title():
    practice = GoodPracticeFactory(title_lv="NVO nams", title_en="NGO House")
    assert practice.slug == "ngo-house"
    assert practice.get_absolute_url() == "/lv/good-practices/ngo-house/"


def test_same_titles_get_numbered_slugs_and_a_given_slug_is_kept():
    first = GoodPracticeFactory(title_en="Citizen card")
    second = GoodPracticeFactory(title_en="Citizen card")
    third = GoodPracticeFactory(title_en="Citizen card")
    chosen = GoodPracticeFactory(title_en="Citizen card", slug="gijon-card")
    assert [first.slug, second.slug, third.slug, chosen.slug] == [
        "citizen-card",
        "citizen-card-2",
        "citizen-card-3",
        "gijon-card",
    ]


def test_without_an_english_title_the_latvian_one_gives_the_slug():
    practice = GoodPracticeFactory(title_lv="Vēsturisku māju atjaunošana", title_en="")
    assert practice.slug == "vesturisku-maju-atjaunosana"


def test_a_title_without_letters_still_gives_an_address():
    practice = GoodPracticeFactory(title_lv="★★★", title_en="")
    assert practice.slug == "good-practice"


def test_saving_only_some_fields_still_stores_a_missing_slug():
    practice = GoodPracticeFactory(title_en="NGO House")
    GoodPractice.objects.filter(pk=practice.pk).update(slug="")
    practice.refresh_from_db()
    practice.year_labelled = 2017
    practice.save(update_fields=["year_labelled"])
    practice.refresh_from_db()
    assert (practice.slug, practice.year_labelled) == ("ngo-house", 2017)


def test_the_migration_fills_existing_practices_with_unique_slugs():
    fill_slugs = importlib.import_module("networks.migrations.0007_good_practice_slug").fill_slugs
    city = CityFactory()
    practices = [
        GoodPracticeFactory(city=city, title_en="NGO House"),
        GoodPracticeFactory(city=city, title_en="NGO House"),
        GoodPracticeFactory(city=city, title_lv="Kopienas dārzi", title_en=""),
    ]
    for practice in practices:  # what the rows held before: no usable slug (unique here)
        GoodPractice.objects.filter(pk=practice.pk).update(slug=f"old-{practice.pk}")
    fill_slugs(apps, None)
    slugs = [GoodPractice.objects.get(pk=p.pk).slug for p in practices]
    assert slugs == ["ngo-house", "ngo-house-2", "kopienas-darzi"]


def test_the_import_gives_new_practices_unique_slugs():
    transfer_network_template()
    GoodPracticeFactory(title_en="Good practice 1", slug="good-practice-1")
    import_networks(to_csv(phase2_rows(networks=2, partners_per_network=2, newcomers=0)).encode())
    slugs = set(GoodPractice.objects.values_list("slug", flat=True))
    # The file's "Good practice 1" belongs to another city: a new practice, numbered.
    assert slugs == {"good-practice-1", "good-practice-1-2", "good-practice-2"}


# Pages


@pytest.fixture
def transfer():
    """Riga's NGO House transferred by Active NGOs to three partner cities, with outputs."""
    lv = CountryFactory(code="LV", name_lv="Latvija", name_en="Latvia")
    es = CountryFactory(code="ES", name_lv="Spānija", name_en="Spain")
    riga = CityFactory(name_lv="Rīga", name_en="Riga", slug="riga", country=lv)
    practice = GoodPracticeFactory(
        city=riga, title_lv="NVO nams", title_en="NGO House", year_labelled=2017
    )
    theme = ThemeFactory(slug="civic-participation", name_en="Civic participation")
    network = NetworkFactory(slug="active-ngos", name_lv="Active NGOs", good_practice=practice)
    network.themes.add(theme)
    MembershipFactory(network=network, city=riga, role="lead_partner")
    adopters = [
        MembershipFactory(
            network=network,
            city=CityFactory(name_lv=f"Pilsēta {n}", name_en=f"Town {n}", country=es),
        )
        for n in range(3)
    ]
    OutputFactory(network=network, kind="transfer_plan", title="Transfer plan of Town 0",
                  membership=adopters[0])  # fmt: skip
    OutputFactory(network=network, kind="final_product", title="NGO House handbook")
    return {"practice": practice, "network": network, "theme": theme, "adopters": adopters}


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_list_and_a_practice_page_answer_in_both_languages(client, transfer, language):
    practice = transfer["practice"]
    with translation.override(language):
        list_url = reverse("good_practices:list")
        detail_url = practice.get_absolute_url()
    assert list_url == f"/{language}/good-practices/"
    listing = client.get(list_url)
    assert listing.status_code == 200
    title = "NVO nams" if language == "lv" else "NGO House"
    assert title in listing.content.decode()
    page = client.get(detail_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"<h1>{title}</h1>" in html


def test_a_practice_page_shows_its_city_networks_adopters_and_outputs(client, transfer):
    html = client.get("/en/good-practices/ngo-house/").content.decode()
    assert 'href="/en/cities/lv/riga/"' in html
    assert 'href="/en/networks/active-ngos/"' in html
    for membership in transfer["adopters"]:
        assert f">{membership.city.name_en}</a>" in html
    # The owner city is not one of the cities adopting its own practice.
    adopters = html.split('id="adopters-heading"')[1].split("</table>")[0]
    assert "Riga" not in adopters
    assert "Transfer plan of Town 0" in html
    assert "NGO House handbook" in html
    assert 'href="/en/networks/active-ngos/outputs/"' in html


def test_a_practice_nobody_transfers_has_a_page_too(client):
    practice = GoodPracticeFactory(title_en="Waiting practice")
    response = client.get(f"/en/good-practices/{practice.slug}/")
    assert response.status_code == 200
    assert "No network transfers this practice yet." in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/en/good-practices/no-such-practice/", "/lv/good-practices/NGO%20House/"]
)
def test_an_unknown_practice_is_a_404_in_the_site_design(client, transfer, path):
    response = client.get(path)
    assert response.status_code == 404
    assert 'class="error-page"' in response.content.decode()


def _listed(response):
    return [practice.slug for practice in response.context["practices"]]


def test_filters_by_theme_country_and_programme(client, transfer):
    other = GoodPracticeFactory(
        title_en="Citizen card",
        city=CityFactory(country=CountryFactory(code="ES")),
    )
    NetworkFactory(
        good_practice=other,
        programme=ProgrammeFactory(name="URBACT II", slug="urbact-ii", start_year=2007),
    )
    assert sorted(_listed(client.get("/en/good-practices/"))) == ["citizen-card", "ngo-house"]
    assert _listed(client.get("/en/good-practices/?theme=civic-participation")) == ["ngo-house"]
    assert _listed(client.get("/en/good-practices/?country=es")) == ["citizen-card"]
    assert _listed(client.get("/en/good-practices/?programme=urbact-ii")) == ["citizen-card"]
    both = client.get("/en/good-practices/?country=lv&country=es")
    assert sorted(_listed(both)) == ["citizen-card", "ngo-house"]
    assert _listed(client.get("/en/good-practices/?country=lv&programme=urbact-ii")) == []


def test_the_form_keeps_the_filter_and_hides_empty_options(client, transfer):
    ThemeFactory(slug="unused-theme", name_en="Unused theme")
    html = client.get("/en/good-practices/?theme=civic-participation").content.decode()
    assert 'value="civic-participation" id="id_theme_0" checked' in html
    assert "unused-theme" not in html
    assert 'value="lv"' in html and 'value="es"' not in html  # no Spanish practice


@pytest.mark.parametrize(
    "query",
    [
        "?theme=no-such-theme",
        "?theme=civic-participation&theme=civic-participation",
        "?country=xx&country=lv",
        "?country=%00",
        "?programme=" + "a" * 5000,
        "?page=999",
        "?page=-1&theme=",
        "?theme[]=x",
    ],
)
def test_bad_filter_values_give_a_page(client, transfer, query):
    response = client.get(f"/en/good-practices/{query}")
    assert response.status_code == 200
    assert _listed(response) == ["ngo-house"]


def test_an_unknown_value_is_dropped_and_the_rest_applies(client, transfer):
    spain = CountryFactory(code="ES")
    GoodPracticeFactory(title_en="Citizen card", city=CityFactory(country=spain))
    response = client.get("/en/good-practices/?country=xx&country=lv")
    assert _listed(response) == ["ngo-house"]
    assert "An unknown value was ignored." in response.content.decode()


def test_the_network_page_links_its_good_practice(client, transfer):
    html = client.get("/en/networks/active-ngos/").content.decode()
    assert 'href="/en/good-practices/ngo-house/"' in html
    assert 'href="/en/networks/active-ngos/outputs/"' in html


def test_the_city_page_lists_the_practices_it_owns(client, transfer):
    html = client.get("/en/cities/lv/riga/").content.decode()
    assert 'href="/en/good-practices/ngo-house/">NGO House</a>' in html
    partner = transfer["adopters"][0].city
    html = client.get(partner.get_absolute_url()).content.decode()
    assert "Good practices of this city" not in html


def _many_practices(count):
    lv = CountryFactory(code="LV")
    theme = ThemeFactory()
    for _n in range(count):
        city = CityFactory(country=lv)
        practice = GoodPracticeFactory(city=city)
        network = NetworkFactory(good_practice=practice)
        network.themes.add(theme)
        MembershipFactory(network=network, city=city, role="lead_partner")
        for _partner in range(3):
            MembershipFactory(network=network)
        OutputFactory(network=network)
    return theme


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    theme = _many_practices(count)
    # The content stamp's publication lookups (articles, calls), three filters' choices,
    # count, page, networks.
    with django_assert_max_num_queries(8):
        response = client.get(f"/en/good-practices/?theme={theme.slug}&country=lv")
    assert len(response.context["practices"]) == count


@pytest.mark.parametrize("count", [2, 20])
def test_a_practice_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    practice = GoodPracticeFactory(city=CityFactory(country=CountryFactory(code="LV")))
    for _n in range(count // 2):
        network = NetworkFactory(good_practice=practice)
        network.themes.add(ThemeFactory())
        for _partner in range(count):
            MembershipFactory(network=network)
        for _output in range(count):
            OutputFactory(network=network, membership=network.memberships.first())
    with django_assert_max_num_queries(7):
        response = client.get(f"/en/good-practices/{practice.slug}/")
    assert len(response.context["adopters"]) == (count // 2) * count


@pytest.mark.parametrize("count", [2, 20])
def test_the_city_page_with_practices_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    city = CityFactory(country=CountryFactory(code="LV"), slug="riga")
    for _n in range(count):
        practice = GoodPracticeFactory(city=city)
        NetworkFactory(good_practice=practice)
        NetworkFactory(good_practice=practice)
    with django_assert_max_num_queries(8):
        response = client.get("/en/cities/lv/riga/")
    assert response.content.decode().count('class="card card--practice"') == count
