import datetime
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import translation

from cities.models import City
from networks.importer.apply import import_networks
from networks.models import Approval, Event, Membership, Network, Period, Phase, ProgressUpdate
from news.models import Article

pytestmark = pytest.mark.django_db

DEMO_CSV = Path(__file__).resolve().parent.parent / "urbact_portal" / "demo" / "tn2018-phase2.csv"
PHASE_2_2018 = {
    "programme": "urbact-iii",
    "network_type": "transfer-network",
    "phase": 2,
    "approved_on": "2018-12-04",
}


def snapshot():
    """Every row of every portal model, as values."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for app in ("cities", "networks", "news")
        for model in apps.get_app_config(app).get_models()
    }


def test_load_demo_twice_changes_nothing(demo):
    before = snapshot()
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    assert snapshot() == before


def test_the_phase_2_networks_as_the_sources_record_them(demo):
    assert Network.objects.select(**PHASE_2_2018).figures() == {
        "networks": 22,
        "partners": 151,
        "countries": 25,
        "newcomers": 56,
        "newcomer_share": 0.371,
    }
    # REFILL, Riga's earlier network, is recorded beside them.
    assert Network.objects.select(programme="urbact-iii").count() == 23
    assert Membership.objects.filter(network__slug="refill").count() == 10


def test_importing_the_demo_file_again_changes_nothing(demo):
    before = snapshot()
    result = import_networks(DEMO_CSV.read_bytes())
    assert not result.has_changes
    assert snapshot() == before


def test_the_same_facts_typed_differently_change_nothing(demo):
    """Semicolons, a BOM, CRLF line ends, lower-case country codes, names without diacritics."""
    text = DEMO_CSV.read_text(encoding="utf-8")
    lines = []
    for number, line in enumerate(text.splitlines()):
        cells = next(iter(__import__("csv").reader([line])))
        if number:
            cells[7] = cells[7].lower()
            cells[6] = {"Jūrmala": "Jurmala", "Alūksne": "Aluksne", "Riga": "RIGA"}.get(
                cells[6], cells[6]
            )
        lines.append(
            ";".join(f'"{cell}"' if ";" in cell or '"' in cell else cell for cell in cells)
        )
    variant = "\ufeff" + "\r\n".join(lines) + "\r\n"
    assert "Jurmala;lv" in variant and "Aluksne;lv" in variant
    before = snapshot()
    result = import_networks(variant.encode("utf-8"))
    assert not result.has_changes, result.changes
    assert snapshot() == before


def test_demo_holds_the_seed_facts(demo):
    riga = City.objects.get(slug="riga", country__code="LV")
    assert (riga.name_lv, riga.name_en) == ("Rīga", "Riga")
    gijon = City.objects.get(slug="gijon")
    assert (gijon.name_lv, gijon.name_en) == ("Hihona", "Gijón")
    assert City.objects.get(slug="chemnitz").name_lv == "Kemnica"
    assert City.objects.get(slug="lodz").name_en == "Łódź"
    lead = Membership.objects.lead_partners().get(network__slug="active-ngos")
    assert lead.city == riga
    assert Network.objects.get(slug="active-ngos").good_practice.title_lv == "Rīgas NVO nams"
    alt_bau = Network.objects.get(slug="alt-bau")
    assert alt_bau.good_practice.title_en.startswith("Housing Agency for Shrinking Cities")
    assert alt_bau.good_practice.city.slug == "chemnitz"
    # Riga takes part in two phase-2 networks, Jūrmala and Alūksne in one each.
    phase_2 = Network.objects.select(**PHASE_2_2018)
    latvian = Membership.objects.filter(network__in=phase_2, city__country__code="LV")
    assert sorted(latvian.values_list("city__slug", flat=True)) == [
        "aluksne",
        "jurmala",
        "riga",
        "riga",
    ]
    # Riga was in REFILL before, so it is no newcomer in the phase-2 networks.
    assert not Membership.objects.get(network=alt_bau, city=riga).is_newcomer
    assert Membership.objects.get(network__slug="re-growcity", city__slug="aluksne").is_newcomer


def test_demo_lead_experts_and_the_approval(demo):
    experts = dict(Network.objects.exclude(lead_expert="").values_list("slug", "lead_expert"))
    assert experts["active-ngos"] == "Levente Polyák"
    assert experts["making-spend-matter"] == "Matthew Baqueriza-Jackson"
    assert experts["puma"] == "Karolīna Orcholska"
    assert experts["digi-inclusion"] == "Ian Graham"
    assert len(experts) == 12
    approval = Approval.objects.get(approved_on=datetime.date(2018, 12, 4))
    assert (approval.announced_networks, approval.announced_partners) == (23, 161)
    assert approval.networks().count() == 22
    assert not approval.figures()["complete"]


def test_demo_phases(demo):
    phase = Phase.objects.get(network__slug="active-ngos", number=2)
    assert (phase.start, phase.months) == (datetime.date(2019, 1, 1), 24)
    assert [(p.kind, p.months) for p in phase.periods.all()] == [("learning", 18), ("sharing", 6)]
    # Making Spend Matter's real timeline: extended to June 2021.
    network = Network.objects.get(slug="making-spend-matter")
    assert network.planned_end == datetime.date(2020, 12, 31)
    assert network.ends_on == datetime.date(2021, 6, 4)
    phase_1, phase_2 = network.phases.order_by("number")
    assert (phase_1.start, phase_1.end) == (datetime.date(2018, 4, 1), datetime.date(2018, 9, 30))
    assert phase_2.end == datetime.date(2021, 6, 4)
    assert [(p.kind, p.start.isoformat(), p.end.isoformat()) for p in phase_2.periods.all()] == [
        ("learning", "2019-01-01", "2020-12-31"),
        ("sharing", "2021-01-01", "2021-06-04"),
    ]
    # REFILL, an Action Planning Network: a 6-month phase 1, then the 24-month phase 2 the
    # file imports from its type's template.
    refill = Phase.objects.filter(network__slug="refill").order_by("number")
    assert [(p.number, p.start.isoformat(), p.months) for p in refill] == [
        (1, "2015-09-03", 6),
        (2, "2016-03-03", 24),
    ]
    assert Period.objects.filter(phase__network__slug="refill").count() == 2


def test_demo_events(demo):
    kick_off = Event.objects.get(slug="transfer-networks-phase-2-kick-off")
    assert kick_off.networks.count() == 22
    assert not kick_off.networks.filter(slug="refill").exists()
    with translation.override("en"):
        assert kick_off.when == "mid-January 2019"
        assert kick_off.place == "Paris"
        assert Event.objects.get(slug="urbact-campus-2019").when == "spring 2019"
        assert Event.objects.get(slug="alt-bau-kick-off-seraing-2019").when == "January 2019"
    braga = Event.objects.get(slug="urbact-campus-portugal-braga-2019")
    assert set(braga.networks.all()) == set(Network.objects.select(**PHASE_2_2018, country="PT"))
    assert list(
        Event.objects.get(slug="re-growcity-meeting-aluksne-2019").networks.values_list(
            "slug", flat=True
        )
    ) == ["re-growcity"]


def test_demo_updates_are_published_and_marked(demo):
    updates = ProgressUpdate.objects.published()
    assert updates.count() == 4
    assert set(updates.values_list("network__slug", flat=True)) == {
        "active-ngos",
        "card4all",
        "re-growcity",
        "alt-bau",
    }
    for update in updates:
        assert "Demo saturs" in update.body_lv and "Demo content" in update.body_en


def test_demo_article_in_both_languages(demo):
    article = Article.objects.published().get()
    assert article.title_lv.startswith("23 labās prakses pārneses projekti")
    assert article.body_en and article.title_en
    # The lead is not repeated as the first paragraph; Latvian dates are typeset.
    assert article.lead_lv not in article.body_lv
    assert "2018. gada 4. decembrī" in article.lead_lv
    assert "2019. gada janvāra vidū" in article.body_lv
    assert article.body_lv.count(">šeit</a>") == 4
    assert article.body_en.count(">here</a>") == 4
    assert "šeit" not in article.body_lv.replace(">šeit</a>", "")
    assert article.read_time == 2
    with translation.override("en"):
        assert article.read_time == 2
    assert article.networks.count() == 5
    assert set(article.cities.values_list("slug", flat=True)) >= {"riga", "jurmala", "aluksne"}


def test_the_api_and_the_home_page_give_the_same_figures(client, demo):
    query = "programme=urbact-iii&network_type=transfer-network&phase=2&approved_on=2018-12-04"
    api = client.get(f"/api/v1/figures?{query}").json()
    assert {key: api[key] for key in ("networks", "partners", "countries", "newcomers")} == {
        "networks": 22,
        "partners": 151,
        "countries": 25,
        "newcomers": 56,
    }
    # The home page shows the figures of an approval, counted as the API counts them.
    home = client.get("/en/")
    approval = home.context["approval"]
    selection = "&".join(f"{key}={value}" for key, value in approval.selection.items())
    shown = client.get(f"/api/v1/figures?{selection}").json()
    assert {key: home.context["figures"][key] for key in shown if key != "selection"} == {
        key: value for key, value in shown.items() if key != "selection"
    }
    page = client.get("/en/approvals/urbact-iii/transfer-network/2018-12-04/phase-2/")
    html = page.content.decode()
    for figure in ("22", "151", "25", "37%"):
        assert f"<dd>{figure}</dd>" in html
    assert "22 of the 23 approved networks are recorded here" in html
