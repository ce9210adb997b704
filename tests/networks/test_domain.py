import datetime

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.utils import translation

from networks.dates import add_months, months_between
from networks.forms import MembershipForm
from networks.models import Membership, MilestoneTemplate, Network, PeriodTemplate, PhaseTemplate
from networks.services import add_membership, create_phase_from_template
from tests.factories import (
    CityFactory,
    CountryFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkTypeFactory,
    PhaseFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


# --- newcomers -------------------------------------------------------------------------


def test_city_with_no_earlier_network_is_a_newcomer():
    network = NetworkFactory()
    membership = add_membership(network, CityFactory())
    assert membership.is_newcomer is True


def test_city_in_an_earlier_network_is_not_a_newcomer():
    city = CityFactory()
    earlier = NetworkFactory(planned_start=D(2015, 9, 1), planned_end=D(2018, 5, 31))
    add_membership(earlier, city)
    later = NetworkFactory(planned_start=D(2019, 1, 1))
    assert add_membership(later, city).is_newcomer is False


def test_a_later_or_simultaneous_network_does_not_count_as_history():
    city = CityFactory()
    add_membership(NetworkFactory(planned_start=D(2021, 1, 1), planned_end=D(2022, 1, 1)), city)
    add_membership(NetworkFactory(planned_start=D(2019, 1, 1)), city)
    assert add_membership(NetworkFactory(planned_start=D(2019, 1, 1)), city).is_newcomer


def test_actual_start_wins_over_planned_start():
    city = CityFactory()
    add_membership(
        NetworkFactory(
            planned_start=D(2020, 1, 1),
            actual_start=D(2017, 1, 1),
            planned_end=D(2021, 1, 1),
            actual_end=D(2018, 1, 1),
        ),
        city,
    )
    assert not add_membership(NetworkFactory(planned_start=D(2019, 1, 1)), city).is_newcomer


def test_staff_can_override_the_computed_flag():
    assert add_membership(NetworkFactory(), CityFactory(), is_newcomer=False).is_newcomer is False


def test_membership_form_computes_unless_staff_choose():
    city = CityFactory()
    add_membership(NetworkFactory(planned_start=D(2015, 1, 1), planned_end=D(2016, 1, 1)), city)
    network = NetworkFactory()
    data = {"city": city.pk, "role": "partner", "order": 0, "organisation": ""}
    form = MembershipForm(data={**data, "newcomer": ""}, instance=Membership(network=network))
    assert form.is_valid(), form.errors
    assert form.save().is_newcomer is False

    other = NetworkFactory()
    form = MembershipForm(data={**data, "newcomer": "yes"}, instance=Membership(network=other))
    assert form.is_valid(), form.errors
    assert form.save().is_newcomer is True


def test_membership_form_rejects_a_second_lead_partner():
    network = NetworkFactory()
    MembershipFactory(network=network, role="lead_partner")
    form_class = modelform_factory(
        Membership, form=MembershipForm, fields=["network", *MembershipForm.Meta.fields]
    )
    form = form_class(
        data={
            "network": network.pk,
            "city": CityFactory().pk,
            "role": "lead_partner",
            "order": 0,
            "newcomer": "",
        }
    )
    assert not form.is_valid()
    assert "vadošais partneris" in str(form.errors)


# --- phases from templates ---------------------------------------------------------------


@pytest.fixture
def transfer_phase_2():
    """A template for every programme, of a type that has none from the programme's facts."""
    pilot = NetworkTypeFactory(slug="pilot-network", name_lv="Izmēģinājuma tīkls", name_en="Pilot")
    template = PhaseTemplate.objects.create(network_type=pilot, number=2)
    PeriodTemplate.objects.create(template=template, kind="learning", months=18, order=0)
    PeriodTemplate.objects.create(template=template, kind="sharing", months=6, order=1)
    MilestoneTemplate.objects.create(
        template=template, month=3, title_lv="Pārneses plāni", title_en="Transfer Plans"
    )
    return template


def test_phase_from_template_lays_out_its_periods(transfer_phase_2):
    network = NetworkFactory(network_type=transfer_phase_2.network_type)
    phase = create_phase_from_template(network, 2, D(2019, 1, 1), approved_on=D(2018, 12, 4))
    assert (phase.start, phase.end, phase.months) == (D(2019, 1, 1), D(2020, 12, 31), 24)
    assert phase.approved_on == D(2018, 12, 4)
    periods = list(phase.periods.values_list("kind", "start", "end"))
    assert periods == [
        ("learning", D(2019, 1, 1), D(2020, 6, 30)),
        ("sharing", D(2020, 7, 1), D(2020, 12, 31)),
    ]
    milestone = phase.milestones.get()
    assert (milestone.month, milestone.title_en, milestone.title_lv) == (
        3,
        "Transfer Plans",
        "Pārneses plāni",
    )
    assert milestone.due_on == D(2019, 3, 31)


def test_phase_from_template_mid_month_start(transfer_phase_2):
    network = NetworkFactory(network_type=transfer_phase_2.network_type)
    phase = create_phase_from_template(network, 2, D(2019, 1, 15))
    assert phase.end == D(2021, 1, 14)
    assert phase.periods.get(kind="learning").end == D(2020, 7, 14)
    assert phase.month_on(D(2019, 2, 14)) == 1
    assert phase.month_on(D(2019, 2, 15)) == 2
    assert phase.month_on(D(2021, 1, 15)) is None


def test_phase_without_template_is_refused():
    with pytest.raises(ValidationError):
        create_phase_from_template(NetworkFactory(), 7, D(2019, 1, 1))


def test_month_helpers():
    assert add_months(D(2019, 1, 31), 1) == D(2019, 2, 28)
    assert add_months(D(2019, 12, 1), 1) == D(2020, 1, 1)
    assert months_between(D(2019, 1, 1), D(2019, 7, 20)) == 7
    assert months_between(D(2019, 1, 1), D(2020, 6, 30)) == 18


# --- status ------------------------------------------------------------------------------


def test_status_follows_the_dates():
    upcoming = NetworkFactory(planned_start=D(2030, 1, 1), planned_end=D(2031, 1, 1))
    ongoing = NetworkFactory(planned_start=D(2019, 1, 1), planned_end=D(2020, 12, 31))
    extended = NetworkFactory(
        planned_start=D(2019, 1, 1), planned_end=D(2020, 12, 31), actual_end=D(2021, 6, 30)
    )
    undated = NetworkFactory(planned_start=None, planned_end=None)
    today = D(2021, 3, 1)
    assert set(Network.objects.upcoming(today)) == {upcoming, undated}
    assert set(Network.objects.ongoing(today)) == {extended}
    assert set(Network.objects.closed(today)) == {ongoing}
    for network in (upcoming, ongoing, extended, undated):
        expected = Network.objects.with_status(network.status_on(today), today)
        assert network in expected


# --- figures -----------------------------------------------------------------------------


@pytest.fixture
def selection():
    lv, es = CountryFactory(code="LV"), CountryFactory(code="ES")
    riga, gijon, jurmala = CityFactory(country=lv), CityFactory(country=es), CityFactory(country=lv)
    iii = ProgrammeFactory()
    ii = ProgrammeFactory(name="URBACT II", slug="urbact-ii", start_year=2007, end_year=2013)
    transfer = NetworkTypeFactory()
    old = NetworkFactory(programme=ii, planned_start=D(2010, 1, 1), planned_end=D(2012, 1, 1))
    add_membership(old, riga, role="lead_partner")
    first = NetworkFactory(programme=iii, network_type=transfer)
    add_membership(first, riga, role="lead_partner")  # not a newcomer
    add_membership(first, gijon)
    second = NetworkFactory(programme=iii, network_type=transfer)
    add_membership(second, gijon, role="lead_partner")
    PhaseFactory(network=first, number=2, approved_on=D(2018, 12, 4))
    PhaseFactory(network=second, number=2, approved_on=D(2019, 5, 1))
    PhaseFactory(network=old, number=1, approved_on=D(2018, 12, 4))
    return {"old": old, "first": first, "second": second, "jurmala": jurmala}


def test_figures_for_all_networks(selection):
    assert Network.objects.figures() == {
        "networks": 3,
        "partners": 4,
        "countries": 2,
        "newcomers": 3,
        "newcomer_share": 0.75,
    }


def test_figures_for_a_selection(selection):
    figures = Network.objects.select(
        programme="urbact-iii", network_type="transfer-network", phase=2, approved_on=D(2018, 12, 4)
    ).figures()
    assert figures == {
        "networks": 1,
        "partners": 2,
        "countries": 2,
        "newcomers": 1,
        "newcomer_share": 0.5,
    }
    assert Network.objects.select(country="lv").figures()["networks"] == 2
    assert Network.objects.select(country="ES", programme="urbact-ii").figures()["networks"] == 0


def test_figures_of_an_empty_selection_are_zero(selection):
    assert Network.objects.select(programme="urbact-iv").figures() == {
        "networks": 0,
        "partners": 0,
        "countries": 0,
        "newcomers": 0,
        "newcomer_share": 0.0,
    }


def test_figures_run_in_two_queries_whatever_the_size(selection, django_assert_num_queries):
    for _ in range(5):
        network = NetworkFactory()
        for _ in range(4):
            MembershipFactory(network=network)
    with django_assert_num_queries(2):
        Network.objects.select(programme="urbact-iii").figures()


# --- dates shown as written --------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "precision", "start", "end", "expected"),
    [
        ("en", "mid_month", D(2019, 1, 11), D(2019, 1, 20), "mid-January 2019"),
        ("lv", "mid_month", D(2019, 1, 11), D(2019, 1, 20), "2019. gada janvāra vidū"),
        ("en", "season", D(2019, 3, 1), D(2019, 5, 31), "spring 2019"),
        ("lv", "season", D(2019, 3, 1), D(2019, 5, 31), "2019. gada pavasarī"),
        ("en", "season", D(2020, 1, 1), D(2020, 2, 28), "winter 2019"),
        ("en", "month", D(2019, 3, 1), D(2019, 3, 31), "March 2019"),
        ("en", "day", D(2019, 3, 14), D(2019, 3, 14), "14 March 2019"),
        ("lv", "day", D(2019, 3, 14), D(2019, 3, 14), "2019. gada 14. marts"),
        ("en", "day", D(2019, 6, 12), D(2019, 6, 13), "12–13 June 2019"),
        ("lv", "day", D(2019, 6, 12), D(2019, 6, 13), "2019. gada 12.–13. jūnijs"),
        ("lv", "day", D(2019, 1, 31), D(2019, 2, 1), "2019. gada 31. janvāris – 1. februāris"),
        ("lv", "month", D(2019, 1, 1), D(2019, 1, 31), "2019. gada janvāris"),
    ],
)
def test_event_dates_are_shown_as_written(language, precision, start, end, expected):
    event = EventFactory(precision=precision, start_date=start, end_date=end)
    with translation.override(language):
        assert event.when == expected
