"""Editors keep the calls in the admin, in both languages: the forms refuse what the
database would (a call closing before it opens, networks ending before they start) and an
approval of another programme or network type; NCP editors may manage calls, partner
editors and visitors may not."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from calls.models import Call
from core.groups import NCP_EDITOR, PARTNER_EDITOR
from tests.factories import ApprovalFactory, CallFactory, NetworkTypeFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def form_data(programme, network_type, **changes):
    data = {
        "title_lv": "Projektu konkurss rīcības tīkliem (2026)",
        "title_en": "Call for Action Networks (2026)",
        "slug": "action-networks-2026",
        "programme": programme.pk,
        "network_type": network_type.pk,
        "summary_lv": "",
        "summary_en": "",
        "body_lv": "<p>Teksts<script>alert(1)</script></p>",
        "body_en": "<p>Text</p>",
        "opens_at_0": "2026-03-17",
        "opens_at_1": "00:00:00",
        "closes_at_0": "2026-06-17",
        "closes_at_1": "23:59:59",
        "closing_time_stated": "",
        "networks_start": "2026-11-01",
        "networks_end": "2029-04-30",
        "budget_lv": "",
        "budget_en": "",
        "outcome_lv": "",
        "outcome_en": "",
        "approval": "",
        "source": "",
        "status": "published",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-title_lv": "Noteikumi",
        "links-0-title_en": "Terms",
        "links-0-url": "https://urbact.eu/terms",
        "links-0-order": "0",
    }
    data.update(changes)
    return data


@pytest.fixture
def vocabulary():
    return ProgrammeFactory(slug="urbact-iv", name="URBACT IV"), NetworkTypeFactory(
        slug="action-network", name_en="Action Network", name_lv="Rīcības tīkls"
    )


def test_the_admin_pages_open(admin_client):
    call = CallFactory()
    for url in (
        reverse("admin:calls_call_changelist"),
        reverse("admin:calls_call_changelist") + "?call_status=open",
        reverse("admin:calls_call_add"),
        reverse("admin:calls_call_change", args=[call.pk]),
        reverse("admin:calls_call_history", args=[call.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url


def test_a_call_is_added_in_both_languages_its_text_cleaned(admin_client, vocabulary):
    response = admin_client.post(reverse("admin:calls_call_add"), form_data(*vocabulary))
    assert response.status_code == 302, response.context["adminform"].form.errors
    call = Call.objects.get(slug="action-networks-2026")
    assert call.title_en == "Call for Action Networks (2026)"
    assert call.body_lv == "<p>Teksts</p>"
    assert [link.url for link in call.links.all()] == ["https://urbact.eu/terms"]
    assert call.history.count() == 1


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"closes_at_0": "2026-03-01"}, "A call must close after it opens."),
        ({"networks_end": "2026-10-01"}, "The networks must end after they start."),
        ({"opens_at_0": "not a date"}, "Enter a valid date."),
    ],
)
def test_the_form_refuses_impossible_dates(admin_client, vocabulary, changes, message):
    with_english_messages = {**form_data(*vocabulary), **changes}
    response = admin_client.post(
        reverse("admin:calls_call_add"), with_english_messages, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert not Call.objects.exists()
    errors = str(response.context["adminform"].form.errors)
    assert message in errors or message in response.content.decode()


def test_the_approval_must_match_the_call(admin_client, vocabulary):
    programme, network_type = vocabulary
    other_type = ApprovalFactory(programme=programme, network_type=NetworkTypeFactory(slug="x"))
    response = admin_client.post(
        reverse("admin:calls_call_add"),
        form_data(programme, network_type, approval=other_type.pk),
    )
    assert response.status_code == 200
    assert "approval" in response.context["adminform"].form.errors
    too_early = ApprovalFactory(
        programme=programme, network_type=network_type, approved_on="2026-05-01"
    )
    response = admin_client.post(
        reverse("admin:calls_call_add"),
        form_data(programme, network_type, approval=too_early.pk),
    )
    assert "approval" in response.context["adminform"].form.errors
    assert not Call.objects.exists()


def _user(group):
    user = User.objects.create_user(f"u-{group}", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_ncp_editors_manage_calls_partner_editors_do_not(client):
    ncp, partner = _user(NCP_EDITOR), _user(PARTNER_EDITOR)
    for action in ("add", "change", "delete", "view"):
        assert ncp.has_perm(f"calls.{action}_call")
        assert ncp.has_perm(f"calls.{action}_calllink")
        assert not partner.has_perm(f"calls.{action}_call")
    client.force_login(partner)
    assert client.get(reverse("admin:calls_call_add")).status_code == 403
    client.logout()
    assert client.get(reverse("admin:calls_call_add")).status_code == 302
