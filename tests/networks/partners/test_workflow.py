"""Draft -> in review -> published, or back to draft with a comment; who may do each step;
who is told; and the whole flow through the admin as a partner editor and an NCP editor would
go through it."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from networks.models import Network, PartnerEditor, ProgressUpdate, ReviewComment
from networks.services import (
    create_partner_editor,
    publish_update,
    send_back_with_comment,
    submit_for_review,
)
from tests.factories import ProgressUpdateFactory
from tests.networks.partners.conftest import PASSWORD
from tests.networks.partners.files import PDF as PDF_BYTES
from tests.networks.partners.files import png_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(network_a, partner):
    return ProgressUpdateFactory(network=network_a, status="draft", author=partner)


def test_submit_publish_and_notifications(draft, partner, ncp_editor):
    submit_for_review(draft, by=partner)
    assert ProgressUpdate.objects.get(pk=draft.pk).status == "in_review"
    assert mail.outbox[-1].to == [ncp_editor.email]
    assert f"/admin/networks/progressupdate/{draft.pk}/change/" in mail.outbox[-1].body

    publish_update(draft, by=ncp_editor)
    assert ProgressUpdate.objects.published().filter(pk=draft.pk).exists()
    assert mail.outbox[-1].to == [partner.email]


def test_send_back_with_comment_reaches_the_partner_editor(draft, partner, ncp_editor, client):
    submit_for_review(draft, by=partner)
    send_back_with_comment(draft, "Lūdzu, pievienojiet foto.", by=ncp_editor)
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert ReviewComment.objects.get(update=draft).author == ncp_editor
    assert mail.outbox[-1].to == [partner.email]
    assert "Lūdzu, pievienojiet foto." in mail.outbox[-1].body
    # The partner editor sees the comment on the update in the admin, and may edit again.
    client.force_login(partner)
    response = client.get(reverse("admin:networks_progressupdate_change", args=[draft.pk]))
    assert "Lūdzu, pievienojiet foto." in response.text
    assert 'name="_submit_for_review"' in response.text


def test_steps_refuse_the_wrong_people_and_states(draft, partner, ncp_editor, network_b):
    with pytest.raises(PermissionDenied):
        publish_update(draft, by=partner)
    with pytest.raises(PermissionDenied):
        send_back_with_comment(draft, "x", by=partner)
    other = ProgressUpdateFactory(network=network_b, status="draft")
    with pytest.raises(PermissionDenied):
        submit_for_review(other, by=partner)
    submit_for_review(draft, by=partner)
    with pytest.raises(ValidationError):
        submit_for_review(draft, by=partner)  # already in review
    with pytest.raises(ValidationError):
        send_back_with_comment(draft, "   ", by=ncp_editor)  # a comment is required
    assert ProgressUpdate.objects.get(pk=draft.pk).status == "in_review"


def test_ncp_sends_back_through_the_admin(draft, partner, ncp_editor, client):
    submit_for_review(draft, by=partner)
    client.force_login(ncp_editor)
    url = reverse("admin:networks_progressupdate_send_back", args=[draft.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"comment": ""}).status_code == 200  # required
    assert client.post(url, {"comment": "Par garu."}).status_code == 302
    assert ProgressUpdate.objects.get(pk=draft.pk).status == "draft"


def test_preview_in_the_public_design_is_never_cached(draft, partner, client):
    client.force_login(partner)
    response = client.get(reverse("admin:networks_progressupdate_preview", args=[draft.pk]))
    assert response.status_code == 200
    assert draft.title_lv in response.text
    assert "no-store" in response.headers["Cache-Control"]
    # The public page does not show the draft.
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_create_partner_editor_command_emails_a_password_link(
    network_a, network_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_partner_editor",
            "Anna@Example.org",
            "--network",
            "network-a",
            "--network",
            "network-b",
            stdout=__import__("io").StringIO(),
        )
    link = PartnerEditor.objects.filter(user__email__iexact="anna@example.org")
    assert set(link.values_list("network__slug", flat=True)) == {"network-a", "network-b"}
    user = link.first().user
    assert user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert user.groups.filter(name="Partner editor").exists()
    assert len(mail.outbox) == 1
    assert re.search(r"/reset/[^/]+/[^/]+/", mail.outbox[0].body)


def test_create_partner_editor_command_refuses_bad_input(network_a):
    with pytest.raises(CommandError):
        call_command("create_partner_editor", "anna@example.org", "--network", "nope")
    with pytest.raises(CommandError):
        call_command("create_partner_editor", "not-an-email", "--network", "network-a")
    assert not PartnerEditor.objects.exists()


def test_ncp_creates_a_partner_editor_in_the_admin(
    client, ncp_editor, network_a, django_capture_on_commit_callbacks
):
    client.force_login(ncp_editor)
    url = reverse("admin:networks_partnereditor_add")
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "janis@example.org", "network": network_a.pk})
    assert response.status_code == 302
    assert PartnerEditor.objects.filter(user__email="janis@example.org", network=network_a)
    assert mail.outbox[-1].to == ["janis@example.org"]


def test_an_existing_user_is_not_sent_a_new_password(partner, network_b):
    user, created = create_partner_editor(partner.email, [network_b])
    assert (user, created) == (partner, False)
    assert set(Network.objects.edited_by(partner)) == {
        partner.partner_editor_links.first().network,
        network_b,
    }
    assert mail.outbox == []


def _login(client, username, password):
    response = client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": username, "password": password},
    )
    assert response.status_code == 302, response.content[:500]


def test_end_to_end_partner_editor_to_published_update(
    client, demo, ncp_editor, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    # NCP staff create the partner editor of Active NGOs; the email carries the password link.
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_partner_editor",
            "ilze@example.org",
            "--network",
            "active-ngos",
            stdout=__import__("io").StringIO(),
        )
    link = re.search(r"https?://[^/]+(/reset/\S+/)", mail.outbox[-1].body).group(1)
    set_password_url = client.get(link).headers["Location"]
    response = client.post(
        set_password_url,
        {"new_password1": "Rīga-partneris-2019", "new_password2": "Rīga-partneris-2019"},
    )
    assert response.status_code == 302

    # The partner editor logs in through the admin login form and adds an update with a photo
    # and a PDF, submitting it at once.
    _login(client, "ilze@example.org", "Rīga-partneris-2019")
    add_url = reverse("admin:networks_progressupdate_add")
    form = client.get(add_url)
    assert form.status_code == 200
    network = Network.objects.get(slug="active-ngos")
    data = {
        "network": network.pk,
        "title_lv": "Pirmā sanāksme Rīgā",
        "title_en": "First meeting in Riga",
        "slug": "pirma-sanaksme-riga",
        "body_lv": "Partneri tikās NVO namā.",
        "body_en": "The partners met at the NGO House.",
        "date": "2019-03-01",
        "attachments-TOTAL_FORMS": "2",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "attachments-0-file": upload("sanaksme.png", png_bytes(), "image/png"),
        "attachments-0-title_lv": "Partneri NVO namā",
        "attachments-0-title_en": "Partners at the NGO House",
        "attachments-0-order": "0",
        "attachments-1-file": upload("Darba plāns.pdf", PDF_BYTES, "application/pdf"),
        "attachments-1-title_lv": "Darba plāns",
        "attachments-1-title_en": "Work plan",
        "attachments-1-order": "1",
        "review_comments-TOTAL_FORMS": "0",
        "review_comments-INITIAL_FORMS": "0",
        "review_comments-MIN_NUM_FORMS": "0",
        "review_comments-MAX_NUM_FORMS": "1000",
        "_submit_for_review": "1",
    }
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    update = ProgressUpdate.objects.get(slug="pirma-sanaksme-riga")
    assert update.status == "in_review"
    assert update.author.email == "ilze@example.org"
    assert sorted(update.attachments.values_list("kind", flat=True)) == ["document", "photo"]
    assert mail.outbox[-1].to == [ncp_editor.email]  # NCP staff are told

    # Not public yet: neither the page nor the files.
    client.post(reverse("admin:logout"))
    assert client.get(update.get_absolute_url()).status_code == 404
    for attachment in update.attachments.all():
        assert client.get(attachment.get_absolute_url()).status_code == 404

    # An NCP editor logs in and publishes it from the list.
    _login(client, "ncp", PASSWORD)
    response = client.post(
        reverse("admin:networks_progressupdate_changelist"),
        {"action": "publish_selected", "_selected_action": [update.pk]},
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.status == "published"
    client.post(reverse("admin:logout"))

    # The public sees it on the network's page and its own page, with the photo and the PDF.
    page = client.get("/lv/networks/active-ngos/")
    assert "Pirmā sanāksme Rīgā" in page.text
    with django_assert_max_num_queries(4):
        detail = client.get(update.get_absolute_url())
    assert detail.status_code == 200
    photo, document = update.attachments.order_by("order")
    assert f'src="{photo.get_absolute_url()}"' in detail.text
    assert 'alt="Partneri NVO namā"' in detail.text
    assert f'href="{document.get_absolute_url()}"' in detail.text
    assert client.get(photo.get_absolute_url()).status_code == 200
    response = client.get(document.get_absolute_url())
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_mail_server_failure_does_not_undo_the_step(draft, partner, ncp_editor, monkeypatch):
    import smtplib

    def down(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("networks.services.ReadableEmail.send", down)
    submit_for_review(draft, by=partner)
    assert ProgressUpdate.objects.get(pk=draft.pk).status == "in_review"
