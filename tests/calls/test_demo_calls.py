"""The demo's calls for proposals (urbact_portal/demo/calls.json): URBACT IV's calls as the
sources give them, each linked to the approval that decided it and to the NCP's info days;
loading the demo again changes nothing."""

import datetime
import io
import zoneinfo

import pytest
from django.core.management import call_command

from calls.models import Call, CallLink
from networks.models import Approval, Event

pytestmark = pytest.mark.django_db

RIGA = zoneinfo.ZoneInfo("Europe/Riga")


def test_the_urbact_iv_calls(demo):
    calls = {call.slug: call for call in Call.objects.published().select_related("approval")}
    assert set(calls) == {
        "action-planning-networks-2023",
        "innovation-transfer-networks-2024",
        "good-practices-2024",
        "transfer-networks-2025",
        "action-networks-2026",
    }
    action = calls["action-networks-2026"]
    assert action.network_type.slug == "action-network"
    assert (action.opens_on, action.closes_on) == (
        datetime.date(2026, 3, 17),
        datetime.date(2026, 6, 17),
    )
    assert (action.networks_start, action.networks_end) == (
        datetime.date(2026, 11, 1),
        datetime.date(2029, 4, 30),
    )
    # Not verified in the sources: left empty.
    assert action.budget_en == action.budget_lv == ""
    assert action.approval is None and not action.closing_time_stated
    approvals = {slug: call.approval.approved_on for slug, call in calls.items() if call.approval}
    assert approvals == {
        "action-planning-networks-2023": datetime.date(2023, 5, 31),
        "innovation-transfer-networks-2024": datetime.date(2024, 6, 28),
        "transfer-networks-2025": datetime.date(2025, 10, 8),
    }
    apn = calls["action-planning-networks-2023"]
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    assert apn.closes_at == datetime.datetime(2023, 3, 31, 15, tzinfo=paris)
    assert apn.budget_en.startswith("ERDF up to €25.5 million")
    assert calls["good-practices-2024"].network_type is None


def test_the_info_days_belong_to_their_calls(demo):
    itn = Call.objects.get(slug="innovation-transfer-networks-2024")
    (info_day,) = itn.events.all()
    assert info_day.start_date == datetime.date(2024, 1, 25)
    assert "120" in info_day.description_en
    (good_practice_day,) = Call.objects.get(slug="good-practices-2024").events.all()
    assert good_practice_day.start_date == datetime.date(2024, 5, 7)


def test_loading_the_demo_again_changes_nothing(demo):
    def state():
        return (
            list(Call.objects.order_by("slug").values_list("slug", "updated_at")),
            list(CallLink.objects.order_by("pk").values_list("pk", "url")),
            Approval.objects.count(),
            Event.objects.count(),
            sum(call.history.count() for call in Call.objects.all()),
        )

    before = state()
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    assert state() == before


def test_the_demo_calls_pages_answer(client, demo):
    for call in Call.objects.all():
        for language in ("lv", "en"):
            assert client.get(f"/{language}{call.get_absolute_url()[3:]}").status_code == 200
