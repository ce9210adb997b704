"""Monitoring Committee approvals: what the programme announced beside what is recorded, and the
home page that counts the latest approval and says how complete the record is."""

import datetime

import pytest
from django.db import IntegrityError

from networks.importer.apply import import_networks
from networks.models import Approval, Phase, PhaseTemplate
from tests.csvdata import to_csv
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    NetworkTypeFactory,
    PhaseFactory,
    ProgrammeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

APPROVED_ON = datetime.date(2018, 12, 4)


@pytest.fixture
def approval():
    programme = ProgrammeFactory(slug="urbact-iii", name="URBACT III")
    network_type = NetworkTypeFactory(
        slug="transfer-network", name_en="Transfer Network", name_lv="Pārneses tīkls"
    )
    for index in range(2):
        network = NetworkFactory(programme=programme, network_type=network_type)
        PhaseFactory(network=network, number=2, approved_on=APPROVED_ON)
        MembershipFactory.create_batch(3, network=network, is_newcomer=index == 0)
    # A network of another approval, not counted.
    PhaseFactory(network=NetworkFactory(programme=programme, network_type=network_type), number=1)
    return Approval.objects.create(
        programme=programme,
        network_type=network_type,
        phase=2,
        approved_on=APPROVED_ON,
        announced_networks=3,
        announced_partners=8,
    )


def test_the_figures_of_an_approval_say_how_complete_the_record_is(approval):
    figures = approval.figures()
    assert (figures["networks"], figures["partners"], figures["newcomers"]) == (2, 6, 3)
    assert (figures["announced_networks"], figures["announced_partners"]) == (3, 8)
    assert not figures["complete"]
    approval.announced_networks, approval.announced_partners = 2, 6
    assert approval.figures()["complete"]


def test_an_approval_is_recorded_once(approval):
    with pytest.raises(IntegrityError):
        Approval.objects.create(
            programme=approval.programme,
            network_type=approval.network_type,
            phase=2,
            approved_on=APPROVED_ON,
            announced_networks=1,
        )


def test_the_home_page_counts_the_latest_approval(client, approval, django_assert_max_num_queries):
    NetworkFactory()  # outside the approval
    with django_assert_max_num_queries(20):
        response = client.get("/en/")
    html = response.content.decode()
    assert response.context["figures"]["networks"] == 2
    assert "<dd>2</dd>" in html and "<dd>6</dd>" in html
    assert "Transfer Network, phase 2" in html
    assert "Approved by the URBACT Monitoring Committee on 4 December 2018." in html
    assert "2 of the 3 approved networks are recorded here" in html
    assert "with 6 of the 8 partners the programme announced" in html
    latvian = client.get("/lv/").content.decode()
    assert "Apstiprinājusi URBACT Uzraudzības komiteja 2018. gada 4. decembrī." in latvian
    assert "Šeit ievadīti 2 no 3 apstiprinātajiem tīkliem" in latvian


def test_a_complete_record_says_so(client, approval):
    Approval.objects.filter(pk=approval.pk).update(announced_networks=2, announced_partners=6)
    html = client.get("/en/").content.decode()
    assert "All 2 approved networks are recorded here." in html
    assert "of the" not in html.split("figures__note", 1)[1].split("</p>", 1)[0]


def test_without_an_approval_the_home_page_counts_every_network(client):
    MembershipFactory.create_batch(2)
    response = client.get("/en/")
    assert response.context["approval"] is None
    assert response.context["figures"]["networks"] == 2
    assert "figures__note" not in response.content.decode()


def test_an_empty_selection_shows_a_dash_for_the_newcomer_share(client):
    old = NetworkFactory(programme=ProgrammeFactory(slug="urbact-ii", name="URBACT II"))
    MembershipFactory(network=old)
    themed = NetworkFactory()
    themed.themes.add(ThemeFactory(slug="housing"))
    MembershipFactory(network=themed, is_newcomer=True)
    html = client.get("/en/networks/?programme=urbact-ii&theme=housing").content.decode()
    assert "<dd>0</dd>" in html
    assert "<dd>0%</dd>" not in html
    assert '<span aria-hidden="true">–</span>' in html
    assert "none: no partners in this selection" in html
    assert "<dd>100%</dd>" in client.get("/en/networks/?theme=housing").content.decode()


def test_a_new_phase_without_an_approval_date_follows_the_networks_earlier_phase(db):
    """REFILL's rows: an Action Planning Network's phase 2, no approval date in the file."""
    network_type = NetworkTypeFactory(
        slug="action-planning-network", name_en="Action Planning Network"
    )
    template = PhaseTemplate.objects.create(network_type=network_type, number=2)
    template.periods.create(kind="development", months=24)
    network = NetworkFactory(
        name_en="REFILL", slug="refill", network_type=network_type, planned_start="2015-09-03"
    )
    network.programme.name, network.programme.slug = "URBACT III", "urbact-iii"
    network.programme.save()
    PhaseFactory(
        network=network,
        number=1,
        start=datetime.date(2015, 9, 3),
        end=datetime.date(2016, 3, 2),
        approved_on=None,
    )
    row = {
        "network": "REFILL",
        "network_type": "Action Planning Network",
        "programme": "URBACT III",
        "phase": "2",
        "city": "Ghent",
        "country": "BE",
        "role": "lead_partner",
        "newcomer": "no",
    }
    import_networks(to_csv([row]).encode())
    phase = Phase.objects.get(network=network, number=2)
    assert (phase.start, phase.end) == (datetime.date(2016, 3, 3), datetime.date(2018, 3, 2))
    assert [period.kind for period in phase.periods.all()] == ["development"]
