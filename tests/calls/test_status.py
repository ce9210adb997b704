"""A call's status on a moment follows from its opening and closing times and the approval
that decides it: the 2026 Action Networks call before it opens, while open, after it closes
and once decided (the clock frozen on each day)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from calls.models import Call, CallStatus
from tests.factories import ApprovalFactory, CallFactory, NetworkTypeFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

RIGA = zoneinfo.ZoneInfo("Europe/Riga")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def action_networks():
    """The 2026 call for Action Networks: 17 March - 17 June 2026."""
    return CallFactory(
        slug="action-networks-2026",
        title_en="Call for Action Networks (2026)",
        programme=ProgrammeFactory(slug="urbact-iv", name="URBACT IV"),
        network_type=NetworkTypeFactory(slug="action-network", name_en="Action Network"),
    )


def decide(call, on):
    call.approval = ApprovalFactory(
        programme=call.programme, network_type=call.network_type, approved_on=on
    )
    call.save()


def statuses(now):
    """Each call's status by its own reckoning and by the queryset's, which must agree."""
    by_queryset = {
        status: set(Call.objects.with_status(status, now).values_list("slug", flat=True))
        for status in CallStatus
    }
    result = {}
    for call in Call.objects.select_related("approval"):
        found = [status for status, slugs in by_queryset.items() if call.slug in slugs]
        assert found == [call.status_on(now)], (call.slug, found)
        result[call.slug] = call.status_on(now)
    return result


@pytest.mark.parametrize(
    "day, expected",
    [
        (datetime.datetime(2026, 3, 16, 12, tzinfo=RIGA), CallStatus.UPCOMING),
        (datetime.datetime(2026, 3, 17, 0, 0, 1, tzinfo=RIGA), CallStatus.OPEN),
        (datetime.datetime(2026, 5, 1, 12, tzinfo=RIGA), CallStatus.OPEN),
        (datetime.datetime(2026, 6, 17, 14, 59, tzinfo=PARIS), CallStatus.OPEN),
        (datetime.datetime(2026, 6, 17, 15, 0, tzinfo=PARIS), CallStatus.CLOSED),
        (datetime.datetime(2026, 9, 1, 12, tzinfo=RIGA), CallStatus.CLOSED),
    ],
)
def test_the_status_follows_the_clock(action_networks, day, expected):
    with time_machine.travel(day, tick=False):
        assert action_networks.current_status == expected
        assert statuses(timezone.now()) == {"action-networks-2026": expected}


def test_a_call_is_decided_from_the_day_of_its_approval(action_networks):
    decide(action_networks, datetime.date(2026, 10, 8))
    with time_machine.travel(datetime.datetime(2026, 10, 7, 12, tzinfo=RIGA), tick=False):
        assert statuses(timezone.now()) == {"action-networks-2026": CallStatus.CLOSED}
    with time_machine.travel(datetime.datetime(2026, 10, 8, 9, tzinfo=RIGA), tick=False):
        assert statuses(timezone.now()) == {"action-networks-2026": CallStatus.DECIDED}
        assert list(Call.objects.decided()) == [action_networks]
        assert not Call.objects.closed().exists()


def test_only_published_calls_are_public():
    published = CallFactory()
    CallFactory(status="draft")
    assert list(Call.objects.published()) == [published]


def test_the_queryset_methods_survive_modeltranslation():
    call = CallFactory()
    now = datetime.datetime(2026, 4, 1, tzinfo=RIGA)
    assert list(Call.objects.published().open(now).with_facts()) == [call]
    assert list(Call.objects.published().upcoming(now)) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"closes_at": datetime.datetime(2026, 3, 1, tzinfo=RIGA)},
        {"closes_at": datetime.datetime(2026, 3, 17, tzinfo=RIGA)},
        {"networks_end": datetime.date(2026, 10, 31)},
        {"networks_end": datetime.date(2026, 11, 1)},
        {"status": "in_review"},
    ],
)
def test_the_database_refuses_impossible_calls(changes):
    call = CallFactory()
    for name, value in changes.items():
        setattr(call, name, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        call.save()


def test_the_networks_run_for_whole_months():
    call = CallFactory()
    assert call.networks_months == 30
    call.networks_end = datetime.date(2029, 4, 29)
    assert call.networks_months is None
    call.networks_start = call.networks_end = None
    assert call.networks_months is None


def test_the_next_change_is_the_next_opening_or_closing():
    call = CallFactory()
    before = datetime.datetime(2026, 1, 1, tzinfo=RIGA)
    during = datetime.datetime(2026, 4, 1, tzinfo=RIGA)
    after = datetime.datetime(2026, 7, 1, tzinfo=RIGA)
    assert Call.objects.next_change(before) == call.opens_at
    assert Call.objects.next_change(during) == call.closes_at
    assert Call.objects.next_change(after) is None


def test_what_is_of_the_moment():
    """Open and upcoming calls first; with none, the latest decided call and any call that
    closed after it (awaiting its decision); an older call closed without a decision is
    left out."""
    riga = RIGA
    old = CallFactory(
        slug="old-undecided",
        opens_at=datetime.datetime(2024, 4, 15, tzinfo=riga),
        closes_at=datetime.datetime(2024, 6, 30, tzinfo=riga),
    )
    decided = CallFactory(
        slug="decided",
        opens_at=datetime.datetime(2025, 4, 1, tzinfo=riga),
        closes_at=datetime.datetime(2025, 6, 30, tzinfo=riga),
    )
    decide(decided, datetime.date(2025, 10, 8))
    latest = CallFactory(slug="awaiting")
    while_open = datetime.datetime(2026, 4, 1, tzinfo=riga)
    december = datetime.datetime(2026, 12, 7, tzinfo=riga)
    assert [c.slug for c in Call.objects.of_the_moment(while_open)] == ["awaiting"]
    assert [c.slug for c in Call.objects.of_the_moment(december)] == ["awaiting", "decided"]
    latest.delete()
    assert [c.slug for c in Call.objects.of_the_moment(december)] == ["decided"]
    decided.delete()
    assert [c.slug for c in Call.objects.of_the_moment(december)] == [old.slug]


def test_calls_opening_or_closing_in_a_span():
    """What a digest of subscriptions to calls reads (`Call.objects.published()` first)."""
    call = CallFactory()
    CallFactory(status="draft")
    march = (
        datetime.datetime(2026, 3, 1, tzinfo=RIGA),
        datetime.datetime(2026, 4, 1, tzinfo=RIGA),
    )
    june = (
        datetime.datetime(2026, 6, 1, tzinfo=RIGA),
        datetime.datetime(2026, 6, 17, 15, tzinfo=PARIS),
    )
    assert list(Call.objects.published().opening_between(*march)) == [call]
    assert list(Call.objects.published().closing_between(*march)) == []
    # The span ends as the call closes: its deadline is not in it.
    assert list(Call.objects.published().closing_between(*june)) == []
    just_after = june[1] + datetime.timedelta(seconds=1)
    assert list(Call.objects.published().closing_between(june[0], just_after)) == [call]
