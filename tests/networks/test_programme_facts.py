"""The programme's own facts created by `migrate`, approvals without a phase (URBACT IV),
the URBACT IV demo data, the approval pages and the figures that name their selection."""

import csv
import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from cities.models import City, Country
from networks.importer.apply import import_networks
from networks.models import (
    Approval,
    Event,
    GoodPractice,
    Membership,
    Network,
    NetworkType,
    PhaseTemplate,
    Programme,
    Theme,
)
from networks.services import create_phase_from_template
from news.models import Article
from tests.csvdata import to_csv
from tests.factories import CityFactory, CountryFactory, MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db
D = datetime.date
DEMO_DIR = Path(__file__).resolve().parent.parent.parent / "urbact_portal" / "demo"
APN_2023 = "programme=urbact-iv&network_type=action-planning-network&approved_on=2023-05-31"


def file_rows(name):
    with open(DEMO_DIR / name, encoding="utf-8") as file:
        return list(csv.DictReader(file))


def content_snapshot():
    """Every row of the portal's content tables (not the history or the tallies), as values."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for app in ("cities", "networks", "news")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical") and "Tally" not in model.__name__
    }


# -- the facts a freshly migrated database holds --------------------------------------------


def test_a_freshly_migrated_database_holds_the_programme_facts():
    assert list(Programme.objects.values_list("slug", "name", "start_year", "end_year")) == [
        ("urbact-ii", "URBACT II", 2007, 2013),
        ("urbact-iii", "URBACT III", 2014, 2020),
        ("urbact-iv", "URBACT IV", 2021, 2027),
    ]
    names = {
        row[0]: row[1:] for row in NetworkType.objects.values_list("slug", "name_lv", "name_en")
    }
    assert names == {
        "transfer-network": ("Labās prakses pārneses tīkls", "Transfer Network"),
        "action-planning-network": ("Rīcības plānošanas tīkls", "Action Planning Network"),
        "implementation-network": ("Īstenošanas tīkls", "Implementation Network"),
        "innovation-transfer-network": ("Inovāciju pārneses tīkls", "Innovation Transfer Network"),
        "action-network": ("Rīcības tīkls", "Action Network"),
    }
    templates = {
        (t.programme.slug, t.network_type.slug, t.number): (
            t.months,
            [(period.kind, period.months) for period in t.periods.all()],
            [milestone.title_en for milestone in t.milestones.all()],
        )
        for t in PhaseTemplate.objects.select_related("programme", "network_type")
    }
    assert templates == {
        ("urbact-iii", "transfer-network", 1): (None, [("development", 6)], []),
        ("urbact-iii", "transfer-network", 2): (
            None,
            [("learning", 18), ("sharing", 6)],
            ["Transfer Plans", "Mid-point outputs", "End of the learning period"],
        ),
        ("urbact-iii", "action-planning-network", 1): (
            None,
            [("development", 6)],
            ["Baseline study"],
        ),
        ("urbact-iii", "action-planning-network", 2): (
            None,
            [("development", 24)],
            ["Integrated Action Plans"],
        ),
        # URBACT IV: stage lengths the sources do not state are left empty.
        ("urbact-iv", "action-planning-network", 1): (31, [("activation", None)], []),
        ("urbact-iv", "innovation-transfer-network", 1): (
            24,
            [("understand", 6), ("adapt", 12), ("reuse", 6)],
            [],
        ),
        ("urbact-iv", "transfer-network", 1): (
            30,
            [("understand", None), ("adapt", None), ("reuse", None)],
            [],
        ),
        ("urbact-iv", "action-network", 1): (30, [("ignition", None), ("hands_on", None)], []),
    }


def test_a_template_lays_out_only_what_the_programme_states():
    programme, _ = Programme.objects.get_or_create(slug="urbact-iv")
    itn = NetworkFactory(
        programme=programme,
        network_type=NetworkType.objects.get(slug="innovation-transfer-network"),
    )
    phase = create_phase_from_template(itn, 1, D(2024, 9, 1), approved_on=D(2024, 6, 28))
    assert phase.end == D(2026, 8, 31)
    assert [(p.kind, p.start, p.end) for p in phase.periods.all()] == [
        ("understand", D(2024, 9, 1), D(2025, 2, 28)),
        ("adapt", D(2025, 3, 1), D(2026, 2, 28)),
        ("reuse", D(2026, 3, 1), D(2026, 8, 31)),
    ]
    # Stages without a stated length: the phase has the stated 30 months and no periods.
    tn = NetworkFactory(
        programme=programme, network_type=NetworkType.objects.get(slug="transfer-network")
    )
    phase = create_phase_from_template(tn, 1, D(2025, 11, 1))
    assert (phase.end, phase.periods.count()) == (D(2028, 4, 30), 0)
    # The same type in URBACT III has its own template.
    urbact_iii = NetworkFactory(network_type=NetworkType.objects.get(slug="transfer-network"))
    assert create_phase_from_template(urbact_iii, 2, D(2019, 1, 1)).months == 24


def test_a_programme_has_each_template_once():
    template = PhaseTemplate.objects.get(
        programme__slug="urbact-iv", network_type__slug="action-network"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PhaseTemplate.objects.create(
            programme=template.programme, network_type=template.network_type, number=1
        )


# -- the demo's export imports into a freshly migrated database -------------------------------


def test_the_demo_export_imports_into_a_freshly_migrated_database(client, demo):
    """The same figures for every approval, counted from the networks the file brings."""
    text = client.get("/api/v1/networks.csv").content.decode()
    approvals = {
        approval.pk: (approval.selection, approval.figures()) for approval in Approval.objects.all()
    }
    assert len(approvals) == 4
    everything = Network.objects.figures()

    # Back to a database as `migrate` leaves it: the demo's content removed.
    for model in (Article, Event, Approval, Network, GoodPractice, City, Country, Theme):
        model.objects.all().delete()
    fresh = content_snapshot()
    assert set(fresh["networks.Programme"]) and set(fresh["networks.PhaseTemplate"])
    assert not fresh["networks.Network"] and not fresh["cities.City"]

    result = import_networks(text.encode())
    assert result.created["networks"] == 36
    for selection, figures in approvals.values():
        counted = Network.objects.select(**selection).figures()
        assert counted == {key: figures[key] for key in counted}, selection
    assert Network.objects.figures()["partners"] == everything["partners"]
    assert Network.objects.figures()["networks"] == everything["networks"]
    assert not import_networks(text.encode()).has_changes


# -- URBACT IV in the demo -------------------------------------------------------------------


def test_the_urbact_iv_file_is_in_the_demo(demo):
    rows = file_rows("urbact-iv-networks.csv")
    approval = Approval.objects.get(approved_on=D(2023, 5, 31))
    assert approval.phase is None
    assert (
        approval.announced_networks,
        approval.announced_partners,
        approval.announced_countries,
    ) == (30, 252, 28)
    figures = approval.figures()
    assert figures["networks"] == len({row["network"] for row in rows})
    assert figures["partners"] == len(rows)
    assert not figures["complete"]
    puma = Network.objects.get(slug="puma")
    assert puma.name_lv == "Plāni ilgtspējīgas pilsētvides mobilitātes rīcībām (PUMA)"
    assert (puma.planned_start, puma.planned_end, puma.approved_on) == (
        D(2023, 6, 1),
        D(2025, 12, 31),
        D(2023, 5, 31),
    )
    lead = Membership.objects.lead_partners().get(network=puma)
    assert (lead.city.name_lv, lead.city.name_en) == ("Liepāja", "Liepāja")
    assert lead.city.latitude is not None
    # A network without a source for its Latvian name keeps its own.
    assert Network.objects.get(slug="ecocore").name_lv == "EcoCore"
    assert Event.objects.get(slug="puma-meeting-liepaja-2023").start_date == D(2023, 10, 18)
    # Every partner city of URBACT IV has its coordinates for the map.
    assert not City.objects.filter(
        latitude__isnull=True, memberships__network__programme__slug="urbact-iv"
    ).exists()
    other = {
        (a.network_type.slug, a.approved_on): (
            a.announced_networks,
            a.announced_partners,
            a.announced_countries,
        )
        for a in Approval.objects.filter(programme__slug="urbact-iv").select_related("network_type")
    }
    assert other == {
        ("action-planning-network", D(2023, 5, 31)): (30, 252, 28),
        ("innovation-transfer-network", D(2024, 6, 28)): (10, 61, 19),
        ("transfer-network", D(2025, 10, 8)): (25, 181, 28),
    }


def test_the_api_counts_the_file_and_our_country(client, demo):
    rows = file_rows("urbact-iv-networks.csv")
    body = client.get(f"/api/v1/figures?{APN_2023}").json()
    assert (body["networks"], body["partners"]) == (len({r["network"] for r in rows}), len(rows))
    assert body["selection"]["approved_on"] == "2023-05-31"
    latvian = client.get("/api/v1/figures?programme=urbact-iv&country=lv").json()
    assert latvian["networks"] == len({r["network"] for r in rows if r["country"] == "LV"}) == 7
    # The answer names the selection it counts.
    assert latvian["selection"] == {
        "programme": "urbact-iv",
        "network_type": None,
        "phase": None,
        "approved_on": None,
        "country": "LV",
    }


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("approved_on=2023-02-30", 422),
        ("approved_on=yesterday", 422),
        ("programme=urbact-v", 400),
        ("country=lvx", 422),
    ],
)
def test_the_api_refuses_a_bad_selection(client, query, status):
    assert client.get(f"/api/v1/figures?programme=urbact-iv&{query}").status_code == status


# -- a further file of URBACT IV networks -----------------------------------------------------


FURTHER = [
    {
        "network": "Pilot Network",
        "network_type": "Action Planning Network",
        "programme": "URBACT IV",
        "approved_on": "2023-05-31",
        "city": city,
        "country": country,
        "role": role,
    }
    for city, country, role in (
        ("Valmiera", "LV", "lead_partner"),
        ("Tartu", "EE", "partner"),
        ("Tauragė", "LT", "partner"),
    )
]


def test_a_further_file_moves_the_record_without_a_code_change(client, demo):
    approval = Approval.objects.get(approved_on=D(2023, 5, 31))
    before = approval.figures()
    page = "/en/approvals/urbact-iv/action-planning-network/2023-05-31/"
    assert f"{before['networks']} of the 30 approved networks" in client.get(page).content.decode()

    result = import_networks(to_csv(FURTHER).encode())
    assert (result.created["networks"], result.created["memberships"]) == (1, 3)
    after = approval.figures()
    assert after["networks"] == before["networks"] + 1
    assert after["partners"] == before["partners"] + 3
    assert Network.objects.get(slug="pilot-network").approved_on == D(2023, 5, 31)
    html = client.get(page).content.decode()
    assert f"{after['networks']} of the 30 approved networks" in html
    assert f"{after['partners']} of the 252 partners" in html

    snapshot = content_snapshot()
    assert not import_networks(to_csv(FURTHER).encode()).has_changes
    assert content_snapshot() == snapshot


def test_an_approval_date_without_a_phase_is_the_networks_and_can_change(db):
    import_networks(to_csv(FURTHER).encode())
    moved = [{**row, "approved_on": "2024-06-28"} for row in FURTHER]
    result = import_networks(to_csv(moved).encode())
    assert result.updated["networks"] == 1
    network = Network.objects.get(slug="pilot-network")
    assert network.approved_on == D(2024, 6, 28)
    assert list(Network.objects.select(approved_on="2024-06-28")) == [network]
    assert not Network.objects.select(approved_on="2024-06-28", phase=1).exists()


def test_a_bad_approval_date_still_stops_the_file(db):
    from networks.importer.rows import ImportFailed

    bad = [{**row, "approved_on": "31.05.2023"} for row in FURTHER]
    with pytest.raises(ImportFailed) as failure:
        import_networks(to_csv(bad).encode())
    assert failure.value.errors[0].column == "approved_on"
    assert not Network.objects.exists()


def test_an_approval_without_a_phase_is_recorded_once(db):
    values = {
        "programme": Programme.objects.get(slug="urbact-iv"),
        "network_type": NetworkType.objects.get(slug="transfer-network"),
        "approved_on": D(2025, 10, 8),
        "announced_networks": 25,
    }
    Approval.objects.create(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Approval.objects.create(**values)
    Approval.objects.create(**values, phase=1)  # a phase's approval is another record


# -- pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["lv", "en"])
def test_approval_pages_say_how_much_is_recorded(client, demo, language):
    listing = client.get(f"/{language}/approvals/").content.decode()
    detail = client.get(
        f"/{language}/approvals/urbact-iv/action-planning-network/2023-05-31/"
    ).content.decode()
    if language == "en":
        assert "13 of the 30 approved networks are recorded here" in listing
        assert "with 122 of the 252 partners the programme announced" in detail
        assert "from 27 of its 28 countries" in detail
        assert "None of the 25 approved networks is recorded here yet." in listing
    else:
        assert "13 no 30 apstiprinātajiem tīkliem" in listing
    assert "PUMA" in detail or "Plāni ilgtspējīgas" in detail
    assert (
        "https://urbact.eu/articles/prodlzhava-uspeshnoto-blgarsko-uchastie-po-programa-urbakt"
        in detail
    )


@pytest.mark.parametrize(
    "path",
    [
        "urbact-iv/action-planning-network/2023-02-30/",
        "urbact-iv/action-planning-network/not-a-date/",
        "urbact-v/action-planning-network/2023-05-31/",
        "urbact-iv/action-planning-network/2023-05-31/phase-2/",
        "urbact-iii/transfer-network/2018-12-04/",
    ],
)
def test_an_unknown_approval_is_not_found(client, demo, path):
    assert client.get(f"/en/approvals/{path}").status_code == 404


def _approval_data(networks):
    programme = Programme.objects.get(slug="urbact-iv")
    apn = NetworkType.objects.get(slug="action-planning-network")
    lv = Country.objects.filter(code="LV").first() or CountryFactory(code="LV")
    Approval.objects.get_or_create(
        programme=programme,
        network_type=apn,
        approved_on=D(2023, 5, 31),
        defaults={"announced_networks": 30, "announced_partners": 252},
    )
    for index in range(Network.objects.count(), networks):
        network = NetworkFactory(
            slug=f"apn-{index}",
            programme=programme,
            network_type=apn,
            approved_on=D(2023, 5, 31),
            planned_start=D(2023, 6, 1),
            planned_end=D(2025, 12, 31),
        )
        for number in range(3):
            MembershipFactory(
                network=network,
                city=CityFactory(country=lv, latitude=56, longitude=24),
                role="lead_partner" if number == 0 else "partner",
            )


@pytest.mark.parametrize(
    "url",
    [
        "/en/approvals/",
        "/en/approvals/urbact-iv/action-planning-network/2023-05-31/",
        "/en/countries/lv/",
        "/en/networks/?programme=urbact-iv",
    ],
)
def test_the_pages_run_as_many_queries_whatever_the_data(client, django_assert_num_queries, url):
    _approval_data(networks=1)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    small = len(queries)
    assert small <= 25, small
    _approval_data(networks=6)
    with django_assert_num_queries(small):
        assert client.get(url).status_code == 200


def test_the_country_page_names_each_programmes_lead_partners(client, demo):
    html = client.get("/en/countries/lv/").content.decode()
    leads = html[html.index('id="leads-heading"') : html.index('id="cities-heading"')]
    assert leads.index("URBACT III") < leads.index("URBACT IV")
    assert "Riga" in leads and "ACTive NGOs" in leads
    assert "Liepāja" in leads and "PUMA" in leads
    assert "Counted from the networks with at least one partner from Latvia" in html
    # Every network of a city, in every programme, with its role and years.
    riga = html[html.index(">Riga</a> <span") :]
    assert "Let&#x27;s Go Circular!" in riga.split("</article>")[0]
    assert "2023–2025" in riga.split("</article>")[0]


def test_the_city_page_lists_its_networks_in_every_programme(client, demo):
    html = client.get("/en/cities/lv/riga/").content.decode()
    for name in ("ACTive NGOs", "REFILL", "Let&#x27;s Go Circular!"):
        assert name in html
    assert "URBACT III" in html and "URBACT IV" in html


def test_the_network_list_names_what_its_figures_count(client, demo):
    everything = client.get("/en/networks/")
    assert "Counted from all networks recorded here" in everything.content.decode()
    assert everything.context["figures"] == Network.objects.figures()
    selected = client.get("/en/networks/?programme=urbact-iv&country=lv").content.decode()
    assert "Counted from the networks of your selection" in selected
    assert "Programme: URBACT IV" in selected
    assert "Partner country: Latvia" in selected
    assert "<dd>7</dd>" in selected
