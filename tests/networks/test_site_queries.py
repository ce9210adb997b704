"""Queryset and model methods the public site reads: selections with several values per
filter, per-country counts, and where a network stands in its phases today."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone, translation

from networks.dates import add_months
from networks.models import Network, Period, Progress
from tests.factories import (
    CityFactory,
    CountryFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkTypeFactory,
    PhaseFactory,
    ProgrammeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def three_networks():
    lv, es, de = (CountryFactory(code=code) for code in ("LV", "ES", "DE"))
    urbact_ii = ProgrammeFactory(name="URBACT II", slug="urbact-ii")
    ProgrammeFactory()
    apn = NetworkTypeFactory(slug="action-planning-network", name_lv="RPT", name_en="APN")
    participation, shrinking = ThemeFactory(slug="participation"), ThemeFactory(slug="shrinking")
    old = NetworkFactory(
        slug="old", programme=urbact_ii, planned_start=D(2010, 1, 1), planned_end=D(2012, 1, 1)
    )
    ongoing = NetworkFactory(
        slug="ongoing", network_type=apn, planned_start=D(2024, 1, 1), planned_end=D(2027, 1, 1)
    )
    future = NetworkFactory(slug="future", planned_start=D(2030, 1, 1), planned_end=None)
    old.themes.add(participation)
    ongoing.themes.add(participation, shrinking)
    MembershipFactory(network=old, city=CityFactory(country=lv), is_newcomer=True)
    MembershipFactory(network=ongoing, city=CityFactory(country=es), role="lead_partner")
    MembershipFactory(network=ongoing, city=CityFactory(country=es))
    MembershipFactory(network=future, city=CityFactory(country=de))
    PhaseFactory(network=ongoing, number=1, start=D(2024, 1, 1), end=D(2024, 6, 30))
    PhaseFactory(network=ongoing, number=2, start=D(2024, 7, 1), end=D(2026, 6, 30))
    return {"old": old, "ongoing": ongoing, "future": future}


TODAY = D(2025, 6, 1)


def slugs(qs):
    return sorted(qs.values_list("slug", flat=True))


def test_select_takes_several_values_per_filter(three_networks):
    select = Network.objects.select
    assert slugs(select(programme=["urbact-ii", "urbact-iii"])) == ["future", "old", "ongoing"]
    assert slugs(select(programme=["urbact-ii"])) == ["old"]
    assert slugs(select(country=["lv", "DE"])) == ["future", "old"]
    assert slugs(select(theme=["shrinking"])) == ["ongoing"]
    assert slugs(select(theme=["participation", "shrinking"])) == ["old", "ongoing"]
    assert slugs(select(phase=["1", "2"])) == ["ongoing"]
    assert slugs(select(network_type="action-planning-network")) == ["ongoing"]


def test_select_by_status_on_a_day(three_networks):
    select = Network.objects.select
    assert slugs(select(status=["ongoing"], today=TODAY)) == ["ongoing"]
    assert slugs(select(status=["closed", "upcoming"], today=TODAY)) == ["future", "old"]
    assert slugs(select(status="upcoming", today=D(2009, 1, 1))) == ["future", "old", "ongoing"]


def test_select_filters_combine_with_and(three_networks):
    select = Network.objects.select
    assert slugs(select(theme="participation", country="es")) == ["ongoing"]
    assert slugs(select(theme="participation", country="de")) == []
    assert slugs(select(programme="urbact-ii", status="ongoing", today=TODAY)) == []


def test_select_ignores_empty_values(three_networks):
    assert Network.objects.select(programme=[], theme="", country=None).count() == 3


def test_figures_follow_the_selection(three_networks):
    assert Network.objects.select(country=["es", "lv"]).figures() == {
        "networks": 2,
        "partners": 3,
        "countries": 2,
        "newcomers": 1,
        "newcomer_share": 0.333,
    }


def test_country_counts_count_networks_and_partners_of_the_selection(three_networks):
    counts = {c.code: (c.networks, c.partners) for c in Network.objects.select().country_counts()}
    assert counts == {"ES": (1, 2), "LV": (1, 1), "DE": (1, 1)}
    assert list(Network.objects.select(theme="shrinking").country_counts()) == [
        three_networks["ongoing"].memberships.first().city.country
    ]
    assert next(iter(Network.objects.select().country_counts())).code == "ES"  # most first


# --- phase position ----------------------------------------------------------------------


@pytest.fixture
def phase_two():
    """A Transfer Network phase 2: 18 months of learning, 6 of sharing."""
    phase = PhaseFactory(start=D(2019, 1, 1), end=D(2020, 12, 31))
    Period.objects.create(phase=phase, kind="learning", start=D(2019, 1, 1), end=D(2020, 6, 30))
    Period.objects.create(phase=phase, kind="sharing", start=D(2020, 7, 1), end=D(2020, 12, 31))
    return phase


def test_position_in_the_learning_period(phase_two):
    position = phase_two.position_on(D(2019, 7, 15))
    assert (position.progress, position.period.kind, position.month, position.months) == (
        Progress.CURRENT,
        "learning",
        7,
        18,
    )
    with translation.override("en"):
        assert str(position) == "Phase 2 · learning period · month 7 of 18"
    with translation.override("lv"):
        assert str(position) == "2. fāze · mācīšanās periods · 7. mēnesis no 18"


def test_position_in_the_sharing_period_counts_its_own_months(phase_two):
    position = phase_two.position_on(D(2020, 8, 1))
    assert (position.period.kind, position.month, position.months) == ("sharing", 2, 6)


def test_finished_and_not_yet_started_phases_say_so(phase_two):
    with translation.override("en"):
        assert str(phase_two.position_on(D(2021, 1, 1))) == (
            "Phase 2 · finished on 31 December 2020"
        )
        assert str(phase_two.position_on(D(2018, 12, 31))) == (
            "Phase 2 · not yet started · starts on 1 January 2019"
        )
    assert phase_two.position_on(D(2021, 1, 1)).progress == Progress.FINISHED
    assert not phase_two.position_on(D(2018, 1, 1)).is_current


def test_a_phase_without_periods_counts_its_own_months():
    phase = PhaseFactory(start=D(2019, 1, 1), end=D(2020, 12, 31))
    with translation.override("en"):
        assert str(phase.position_on(D(2020, 3, 2))) == "Phase 2 · month 15 of 24"


def test_periods_describe_their_progress(phase_two):
    learning, sharing = phase_two.periods.all()
    with translation.override("en"):
        assert learning.describe_progress_on(D(2019, 2, 1)) == "now · month 2 of 18"
        assert sharing.describe_progress_on(D(2019, 2, 1)) == "not yet started"
        assert learning.describe_progress_on(D(2021, 2, 1)) == "finished"


def test_network_position_picks_the_current_then_the_next_then_the_last_phase():
    network = NetworkFactory()
    assert network.position_on(D(2020, 1, 1)) is None
    PhaseFactory(network=network, number=1, start=D(2018, 1, 1), end=D(2018, 6, 30))
    PhaseFactory(network=network, number=2, start=D(2019, 1, 1), end=D(2020, 12, 31))
    network = Network.objects.prefetch_related("phases__periods").get(pk=network.pk)
    assert network.position_on(D(2018, 3, 1)).phase.number == 1
    assert network.position_on(D(2018, 9, 1)).phase.number == 2  # between: the next one
    assert network.position_on(D(2018, 9, 1)).progress == Progress.NOT_STARTED
    assert network.position_on(D(2019, 5, 1)).month == 5
    assert network.position_on(D(2022, 1, 1)).progress == Progress.FINISHED
    assert network.position_on(D(2022, 1, 1)).phase.number == 2


def test_position_today_uses_the_local_date():
    today = timezone.localdate()
    phase = PhaseFactory(start=add_months(today, -6), end=add_months(today, 18))
    assert phase.network.position.month == 7


def test_by_name_falls_back_to_latvian_where_english_is_missing():
    NetworkFactory(slug="b", name_lv="Bērzi", name_en="Birches")
    NetworkFactory(slug="a", name_lv="Alksnis", name_en=None)
    NetworkFactory(slug="c", name_lv="Cērmes", name_en="")
    with translation.override("en"):
        assert slugs_in_order(Network.objects.by_name()) == ["a", "b", "c"]
    with translation.override("lv"):
        assert slugs_in_order(Network.objects.by_name()) == ["a", "b", "c"]


def slugs_in_order(qs):
    return list(qs.values_list("slug", flat=True))


def query_plan(queryset):
    """How the database would run `queryset`, with sorting and full scans priced out on
    PostgreSQL so that a usable index shows whatever the (tiny) table's statistics."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.parametrize("language", ["lv", "en"])
def test_a_page_of_networks_in_name_order_is_read_from_an_index(three_networks, language):
    with translation.override(language):
        names = list(Network.objects.by_name().values_list("slug", flat=True))
        plan = query_plan(Network.objects.by_name().with_partner_counts()[:30])
    assert sorted(names) == sorted(Network.objects.values_list("slug", flat=True))
    assert f"network_name_order_{language}" in plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan
