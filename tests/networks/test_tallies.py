"""The tallies: the figures pages show of whole tables, kept as rows by the write paths that
bump the content version, and equal to the figures counted from the networks."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from cities.models import City, Country
from networks.filters import choices_in_use, status_choices
from networks.importer.apply import import_networks
from networks.models import (
    Approval,
    ChoiceTally,
    CountryTally,
    Membership,
    Network,
    ProgressUpdate,
    SelectionTally,
    refresh_tallies,
)
from networks.models import tallies as tallies_module
from networks.models.tallies import ALL
from tests.csvdata import phase2_rows, to_csv, transfer_network_template
from tests.factories import (
    CityFactory,
    CountryFactory,
    MembershipFactory,
    NetworkFactory,
    PhaseFactory,
    ProgressUpdateFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def networks():
    """Three networks over three countries: newcomers, a city in two networks, two leads in
    Latvia (Riga's network starts first) and a network with no partner."""
    lv, es, de = (CountryFactory(code=code) for code in ("LV", "ES", "DE"))
    riga, valencia = CityFactory(country=lv, slug="riga"), CityFactory(country=es)
    first = NetworkFactory(slug="first", planned_start=D(2019, 1, 1), planned_end=D(2020, 1, 1))
    later = NetworkFactory(slug="later", planned_start=D(2021, 1, 1), planned_end=D(2022, 1, 1))
    NetworkFactory(slug="empty")
    MembershipFactory(network=first, city=riga, role="lead_partner")
    MembershipFactory(network=first, city=valencia, is_newcomer=True)
    MembershipFactory(network=later, city=CityFactory(country=lv), role="lead_partner")
    MembershipFactory(network=later, city=valencia)
    MembershipFactory(network=later, city=CityFactory(country=de), is_newcomer=True)
    return {"first": first, "later": later, "riga": riga, "lv": lv, "es": es, "de": de}


def assert_tallies_match_the_networks():
    """Every tally equals what `NetworkQuerySet` counts from the rows."""
    refresh_tallies()
    assert SelectionTally.figures(ALL) == Network.objects.figures()
    for approval in Approval.objects.all():
        key = SelectionTally.key_of_approval(approval)
        assert SelectionTally.figures(key) == approval.networks().figures()
    for country in Country.objects.all():
        key = SelectionTally.key_of_country(country.code)
        assert SelectionTally.figures(key) == Network.objects.select(country=country.code).figures()
    counted = [
        (country.code, country.networks, country.partners)
        for country in Network.objects.all().country_counts()
    ]
    tallied = [
        (country.code, country.networks, country.partners)
        for country in CountryTally.country_counts()
    ]
    assert tallied == counted
    for country in Country.objects.all():
        taking_part = City.objects.filter(country=country).taking_part().count()
        assert CountryTally.cities_of(country) == taking_part
    today = timezone.localdate()
    for code in ("lv", "en"):
        with translation.override(code):
            found = {**choices_in_use(), "status": status_choices(today)}
            assert ChoiceTally.choices_on(today) == found


def test_the_tallies_equal_the_figures_counted_from_the_networks(networks):
    assert_tallies_match_the_networks()
    assert SelectionTally.figures(ALL) == {
        "networks": 3,
        "partners": 5,
        "countries": 3,
        "newcomers": 2,
        "newcomer_share": 0.4,
    }
    lv = SelectionTally.figures(SelectionTally.key_of_country("LV"))
    # Both networks have a Latvian partner; their partners count wherever they are.
    assert (lv["networks"], lv["partners"], lv["countries"]) == (2, 5, 3)
    assert CountryTally.first_lead_of(networks["lv"]).city == networks["riga"]
    assert CountryTally.first_lead_of(networks["es"]) is None


def test_an_approval_is_tallied(networks):
    first = networks["first"]
    phase = PhaseFactory(network=first, number=2, approved_on=D(2022, 5, 1))
    approval = Approval.objects.create(
        programme=first.programme,
        network_type=first.network_type,
        phase=phase.number,
        approved_on=phase.approved_on,
        announced_networks=2,
        announced_partners=14,
    )
    assert_tallies_match_the_networks()
    figures = approval.figures()
    assert (figures["networks"], figures["partners"], figures["complete"]) == (1, 2, False)


def test_a_selection_with_no_networks_has_zero_figures(db):
    assert SelectionTally.figures(SelectionTally.key_of_country("FI")) == {
        "networks": 0,
        "partners": 0,
        "countries": 0,
        "newcomers": 0,
        "newcomer_share": 0.0,
    }


@pytest.mark.parametrize(
    "write", ["add", "delete", "move", "newcomer", "theme", "theme renamed", "network deleted"]
)
def test_every_change_of_memberships_or_networks_is_tallied(networks, write):
    refresh_tallies()
    if write == "add":
        MembershipFactory(network=networks["first"], city=CityFactory(country=networks["de"]))
    elif write == "delete":
        Membership.objects.filter(city=networks["riga"]).delete()
    elif write == "move":
        city = networks["riga"]
        city.country = networks["de"]
        city.save()
    elif write == "newcomer":
        membership = Membership.objects.get(city=networks["riga"])
        membership.is_newcomer = True
        membership.save()
    elif write == "theme":
        networks["first"].themes.add(ThemeFactory(slug="parks"))
    elif write == "theme renamed":
        theme = ThemeFactory(slug="parks", name_en="Parks")
        networks["later"].themes.add(theme)
        theme.name_en = "Parks and gardens"
        theme.save()
    else:
        networks["later"].delete()
    # Read as a page does: the write is seen, without anyone asking for a refresh.
    assert SelectionTally.figures(ALL) == Network.objects.figures()
    today = timezone.localdate()
    assert ChoiceTally.choices_on(today)["theme"] == choices_in_use()["theme"]
    assert_tallies_match_the_networks()


def test_a_write_is_tallied_once_when_its_transaction_commits(
    networks, django_capture_on_commit_callbacks, monkeypatch
):
    refresh_tallies()
    refreshes = []
    refresh = tallies_module.refresh_tallies
    monkeypatch.setattr(tallies_module, "refresh_tallies", lambda: refreshes.append(1) or refresh())
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            MembershipFactory(network=networks["first"], city=CityFactory(country=networks["de"]))
    assert refreshes == [1]  # three rows (and their cities), one refresh
    assert not tallies_module._Written.pending
    assert SelectionTally.figures(ALL)["partners"] == 8


def test_writes_the_tallies_do_not_count_leave_them_alone(
    networks, django_capture_on_commit_callbacks
):
    refresh_tallies()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ProgressUpdateFactory(network=networks["first"])
    assert tallies_module._refresh_if_written not in callbacks
    assert ProgressUpdate.objects.count() == 1


def test_writing_the_tallies_does_not_move_the_content_version(networks):
    from core.cache import content_version

    before = content_version()
    refresh_tallies()
    assert content_version() == before


def test_the_import_a_bulk_write_is_tallied(networks, django_capture_on_commit_callbacks):
    transfer_network_template()
    refresh_tallies()
    rows = phase2_rows(networks=2, partners_per_network=3, newcomers=1)
    with django_capture_on_commit_callbacks(execute=True):
        import_networks(to_csv(rows))
    assert not tallies_module._Written.pending  # worked out when the import committed
    assert SelectionTally.figures(ALL)["networks"] == 5
    assert_tallies_match_the_networks()


def counts_whole_tables(sql):
    """A query whose own select list counts (not a per-row subquery's) and whose table is
    the memberships or the countries: an aggregate over whole tables. Not one narrowed to a
    page's own rows by their keys (the map of the networks or cities a page lists)."""
    head, _, rest = sql.partition(" FROM ")
    return (
        "COUNT(" in head
        and "(SELECT" not in head
        and rest.startswith(('"networks_membership"', '"cities_country"'))
        and not re.search(r" IN \(\d+(, \d+)*\)", rest)
    )


def test_the_pages_read_their_figures_from_the_tallies(client, networks):
    refresh_tallies()
    for url in ("/en/", "/en/networks/", "/en/countries/lv/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [q["sql"] for q in queries if counts_whole_tables(q["sql"])], url
    # A filtered list counts its selection itself: the test above can tell.
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/networks/?country=lv")
    assert [q["sql"] for q in queries if counts_whole_tables(q["sql"])]


def test_the_tallies_are_worked_out_after_migrating(networks):
    from django.core.management import call_command

    SelectionTally.objects.all().delete()
    CountryTally.objects.all().delete()
    tallies_module._Written.pending = False
    call_command("migrate", verbosity=0)
    assert SelectionTally.objects.filter(key=ALL).exists()
    assert_tallies_match_the_networks()
