"""The CSV import: figures reproduced, idempotent, corrections in place, and a bad row stops the
whole file with its row number, column and reason."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from cities.models import City, Country
from networks.importer.apply import import_networks
from networks.importer.columns import COLUMNS
from networks.importer.rows import ImportFailed
from networks.models import (
    GoodPractice,
    Membership,
    Milestone,
    Network,
    NetworkType,
    Period,
    Phase,
    Programme,
)
from networks.services import create_phase_from_template
from tests.csvdata import APPROVED_ON, phase2_rows, to_csv, transfer_network_template
from tests.factories import CityFactory, CountryFactory, MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db

MODELS = [Country, City, Programme, NetworkType, GoodPractice, Network, Phase, Period, Milestone]
FIGURES = {
    "networks": 23,
    "partners": 161,
    "countries": 25,
    "newcomers": 60,
    "newcomer_share": 0.373,
}


def snapshot():
    """Every row the import may touch, to compare before and after."""
    tables = {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}
    tables["Membership"] = list(Membership.objects.order_by("pk").values())
    return tables


@pytest.fixture
def template(db):
    return transfer_network_template()


def rows_of(**changes):
    """Two networks of three partners, with `changes` applied to the row numbered like a
    spreadsheet (row 2 is the first after the header)."""
    rows = phase2_rows(networks=2, partners_per_network=3, newcomers=2)
    for row_number, values in changes.items():
        rows[int(row_number.removeprefix("row")) - 2].update(values)
    return rows


def test_the_phase_2_file_reproduces_its_figures(template):
    result = import_networks(to_csv(phase2_rows()).encode())

    assert result.created["networks"] == 23
    assert result.created["memberships"] == 161
    selection = Network.objects.select(
        programme="urbact-iii", network_type="transfer-network", phase=2, approved_on=APPROVED_ON
    )
    assert selection.figures() == FIGURES
    assert Network.objects.figures() == FIGURES
    assert Network.objects.select(country="lv").count() == len(
        {row["network"] for row in phase2_rows() if row["country"] == "LV"}
    )


def test_a_new_phase_is_laid_out_like_the_template(template):
    import_networks(to_csv(phase2_rows(networks=1)).encode())
    imported = Phase.objects.get()
    assert (imported.start, imported.end, imported.approved_on) == (
        datetime.date(2019, 1, 1),
        datetime.date(2020, 12, 31),
        APPROVED_ON,
    )
    reference = create_phase_from_template(
        NetworkFactory(network_type=template.network_type), 2, imported.start
    )
    assert [(p.kind, p.start, p.end) for p in imported.periods.all()] == [
        (p.kind, p.start, p.end) for p in reference.periods.all()
    ]


def test_importing_the_same_file_twice_changes_nothing(template, django_assert_max_num_queries):
    data = to_csv(phase2_rows()).encode()
    import_networks(data)
    before = snapshot()

    with django_assert_max_num_queries(15):  # reads only: nothing to write
        result = import_networks(data)

    assert not result.has_changes
    assert result.changes == []
    assert snapshot() == before


def test_a_corrected_file_updates_rows_in_place(template):
    import_networks(to_csv(rows_of()).encode())
    ids = set(Membership.objects.values_list("pk", flat=True))

    corrected = rows_of(
        row2={"role": "partner", "good_practice": ""},
        row3={"role": "lead_partner", "organisation": "ADL Santa Pola", "newcomer": "no"},
        row5={"approved_on": "2018-12-05"},
        row6={"approved_on": "2018-12-05"},
        row7={"approved_on": "2018-12-05"},
    )
    result = import_networks(to_csv(corrected).encode())

    assert result.updated["memberships"] == 2
    assert result.updated["phases"] == 1
    assert not result.created
    assert set(Membership.objects.values_list("pk", flat=True)) == ids
    lead = Membership.objects.lead_partners().get(network__slug="network-01")
    assert (lead.city.name, lead.organisation, lead.is_newcomer) == (
        corrected[1]["city"],
        "ADL Santa Pola",
        False,
    )
    assert Phase.objects.get(network__slug="network-02").approved_on == datetime.date(2018, 12, 5)
    assert import_networks(to_csv(corrected).encode()).has_changes is False


def test_cities_match_ignoring_case_and_accents_and_keep_their_name(template):
    latvia = CountryFactory(code="LV", name_lv="Latvija", name_en="Latvia")
    jurmala = CityFactory(name_lv="Jūrmala", name_en="Jūrmala", slug="jurmala", country=latvia)
    rows = rows_of(row2={"city": "JURMALA", "country": "lv"})

    import_networks(to_csv(rows).encode())

    assert Membership.objects.lead_partners().get(network__slug="network-01").city == jurmala
    assert City.objects.get(pk=jurmala.pk).name_lv == "Jūrmala"
    assert City.objects.filter(slug="jurmala").count() == 1


def test_new_cities_and_countries_get_their_names(template):
    import_networks(to_csv(rows_of(row2={"city": "Gijón", "country": "ES"})).encode())
    gijon = City.objects.get(slug="gijon")
    assert (gijon.name_lv, gijon.name_en) == ("Gijón", "Gijón")
    spain = Country.objects.get(code="ES")
    assert (spain.name_lv, spain.name_en) == ("Spānija", "Spain")


def test_an_empty_newcomer_is_computed_from_the_history(template):
    riga = CityFactory(slug="riga", name_lv="Rīga", name_en="Riga", country__code="LV")
    earlier = NetworkFactory(planned_start=datetime.date(2016, 1, 1))
    MembershipFactory(network=earlier, city=riga)
    later = NetworkFactory(
        name_lv="Later", name_en="Later", slug="later", planned_start=datetime.date(2019, 1, 1)
    )
    rows = [
        {"network": "Later", "network_type": "Transfer Network", "programme": "URBACT III",
         "city": city, "country": "LV", "role": "partner"}
        for city in ("Riga", "Cēsis")
    ]  # fmt: skip

    import_networks(to_csv(rows).encode())

    flags = dict(later.memberships.values_list("city__slug", "is_newcomer"))
    assert flags == {"riga": False, "cesis": True}
    for membership in later.memberships.all():
        assert membership.is_newcomer == Membership.computed_newcomer(membership.city, later)


def test_an_existing_newcomer_flag_is_kept_when_the_file_leaves_it_empty(template):
    import_networks(to_csv(rows_of(row2={"newcomer": "yes"})).encode())
    import_networks(to_csv(rows_of(row2={"newcomer": ""})).encode())
    assert Membership.objects.lead_partners().get(network__slug="network-01").is_newcomer


def test_a_bom_and_semicolons_are_accepted(template):
    text = to_csv(rows_of(), bom=True).replace(",", ";")
    assert import_networks(text.encode()).created["memberships"] == 6


def test_the_command_imports_and_reports(template, tmp_path):
    path = tmp_path / "networks.csv"
    path.write_text(to_csv(rows_of()), encoding="utf-8")
    with translation.override("en"):
        call_command("import_networks", str(path), "--dry-run", stdout=(out := _Out()))
        assert "would change" in out.text
        assert Network.objects.count() == 0
        call_command("import_networks", str(path), stdout=(out := _Out()))
        assert "partners: 6 new, 0 changed" in out.text
    assert Membership.objects.count() == 6


def test_the_command_fails_on_a_bad_row_and_writes_nothing(template, tmp_path):
    path = tmp_path / "networks.csv"
    path.write_text(to_csv(rows_of(row6={"country": "XX"})), encoding="utf-8")
    err = _Out()
    with translation.override("en"), pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_networks", str(path), stderr=err, stdout=_Out())
    assert "6" in err.text and "country" in err.text
    assert Network.objects.count() == 0


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


# -- bad files: each stops the import where it should, and writes nothing -------------------


def _fails(data, row, column, needle=""):
    before = snapshot()
    with pytest.raises(ImportFailed) as failure:
        import_networks(data if isinstance(data, bytes) else data.encode())
    first = failure.value.errors[0]
    assert (first.row, first.column) == (row, column), failure.value.errors
    assert needle in first.message
    assert snapshot() == before
    return failure.value


@pytest.mark.parametrize(
    ("change", "column", "needle"),
    [
        ({"country": "XX"}, "country", "XX"),
        ({"country": "Latvia"}, "country", "Latvia"),
        ({"role": "coordinator"}, "role", "coordinator"),
        ({"role": "lead_partner"}, "role", "5"),  # the network's second lead partner
        ({"approved_on": "04.12.2018"}, "approved_on", "04.12.2018"),
        ({"approved_on": "2018-02-30"}, "approved_on", "2018-02-30"),
        ({"phase": "two"}, "phase", "two"),
        ({"phase": "99999"}, "phase", "99999"),
        ({"newcomer": "maybe"}, "newcomer", "maybe"),
        ({"city": ""}, "city", ""),
        ({"city": "SAME AS ROW 6"}, "city", "6"),  # one city twice in one network
        ({"good_practice": "Not the lead's"}, "good_practice", ""),
        ({"network_type": "Action Planning Network"}, "network_type", "5"),
        ({"organisation": "x" * 201}, "organisation", "200"),
    ],
)
def test_a_bad_row_stops_the_whole_file(template, change, column, needle):
    import_networks(to_csv(rows_of()).encode())  # what is there already stays as it is
    rows = rows_of(row7=change)  # network 2's last partner, after good rows
    if change.get("city") == "SAME AS ROW 6":
        rows[5].update(city=rows[4]["city"].upper(), country=rows[4]["country"])
    _fails(to_csv(rows), 7, column, needle)


def test_every_bad_row_is_reported(template):
    rows = rows_of(row3={"country": "XX"}, row6={"role": "boss"})
    failure = _fails(to_csv(rows), 3, "country")
    assert [(error.row, error.column) for error in failure.errors] == [
        (3, "country"),
        (6, "role"),
    ]
    assert str(failure.errors[1]) == (
        "6. rinda, kolonna role: Nezināma loma “boss”; rakstiet lead_partner vai partner."
    )


def test_a_wrong_column_set_is_refused(template):
    columns = [column for column in COLUMNS if column != "newcomer"] + ["email"]
    rows = [[row.get(c, "") for c in columns] for row in rows_of()]
    failure = _fails(to_csv(rows, columns), 1, None)
    assert "newcomer" in failure.errors[0].message and "email" in failure.errors[0].message


def test_a_file_that_is_not_utf8_is_refused(template):
    data = (
        to_csv(rows_of(row4={"city": "Rīga"}))
        .encode("utf-8")
        .replace("Rīga".encode(), "Rīga".encode("cp1257"))
    )
    _fails(data, 4, None, "UTF-8")


@pytest.mark.parametrize("data", [b"", b"  \r\n", ",".join(COLUMNS).encode() + b"\r\n"])
def test_an_empty_file_is_refused(template, data):
    _fails(data, None, None)


def test_a_row_with_missing_values_is_refused(template):
    text = to_csv(rows_of()) + "Network 03,Transfer Network,URBACT III\r\n"
    _fails(text, 8, None, "11")


def test_a_new_phase_needs_a_template_and_a_date(db):
    third = rows_of()
    for row in third:
        row["phase"] = "3"
    _fails(to_csv(third), 2, "phase")  # no template for phase 3 of Transfer Networks
    transfer_network_template()
    rows = rows_of()
    for row in rows:
        row["approved_on"] = ""
    # Nothing dates the phase of a new network: the network comes in, the phase waits.
    with translation.override("en"):
        result = import_networks(to_csv(rows).encode())
    assert result.created["networks"] == 2 and not result.created["phases"]
    assert any("phase 2 left out" in change for change in result.changes)
    assert not Phase.objects.exists()


def test_a_lead_partner_not_in_the_file_is_not_replaced_silently(template):
    network = NetworkFactory(name_lv="Network 01", slug="network-01")
    MembershipFactory(network=network, role="lead_partner")
    _fails(to_csv(rows_of()), 2, "role")


def test_a_lead_partner_listed_as_partner_hands_over(template):
    import_networks(to_csv(rows_of()).encode())
    swapped = rows_of(row2={"role": "partner", "good_practice": ""}, row4={"role": "lead_partner"})
    import_networks(to_csv(swapped).encode())
    lead = Membership.objects.lead_partners().get(network__slug="network-01")
    assert lead.city.name == swapped[2]["city"]


# -- scale ------------------------------------------------------------------------------------


def test_thousands_of_rows_take_a_bounded_number_of_queries(
    template, django_assert_max_num_queries
):
    rows = phase2_rows(networks=300, partners_per_network=10, newcomers=0)
    with django_assert_max_num_queries(60):
        result = import_networks(to_csv(rows).encode())
    assert result.created["memberships"] == 3000
    assert Membership.objects.count() == 3000
    assert Period.objects.count() == 600


def test_a_broken_quote_is_refused_with_its_line(template):
    text = to_csv(rows_of()) + 'Network 03,Transfer Network,"URBACT III"x,,,,Rīga,LV,,partner,\r\n'
    _fails(text, 8, None)


def test_headers_are_read_without_case_or_spaces(template):
    text = to_csv(rows_of()).replace("network,network_type", " Network , NETWORK_TYPE", 1)
    assert import_networks(text.encode()).created["networks"] == 2
