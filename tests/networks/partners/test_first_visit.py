"""A partner editor's first visit: the invitation email (readable plain text and HTML, links
from PORTAL_URL), PORTAL_URL following PORT while developing, the first page of the admin
(their own work, bounded queries) and a forgiving update form."""

import email
import email.policy
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from networks.models import ProgressUpdate
from networks.services import create_partner_editor, send_back_with_comment, submit_for_review
from tests.factories import NetworkFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def invite(network, django_capture_on_commit_callbacks, address="liga@example.org"):
    with django_capture_on_commit_callbacks(execute=True):
        create_partner_editor(address, [network])
    return mail.outbox[-1]


def test_the_invitation_has_a_plain_text_and_an_html_part_in_latvian(
    network_a, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_URL = "https://urbact.example.lv"
    message = invite(network_a, django_capture_on_commit_callbacks)
    assert message.subject == "Jūsu konts URBACT portālā"
    (html, mimetype), *_more = message.alternatives
    assert mimetype == "text/html" and _more == []
    link = re.search(r"https://urbact\.example\.lv/reset/[^/\s]+/[^/\s]+/", message.body)
    assert link, message.body
    assert link.group(0) in html
    for part in (message.body, html):
        assert "Tīkls A" in part
        assert "https://urbact.example.lv/admin/login/" in part
        assert "Rakstīt progresa ziņu" in part
        assert "127.0.0.1" not in part
    assert '<html lang="lv">' in html and "<a href=" in html


def test_the_invitation_is_readable_as_sent(network_a, django_capture_on_commit_callbacks):
    """No base64 or quoted-printable: the raw message shows the Latvian text and the whole
    link on one line, as the development console prints it."""
    message = invite(network_a, django_capture_on_commit_callbacks)
    raw = message.message(policy=email.policy.SMTP).as_bytes()
    assert b"base64" not in raw and b"quoted-printable" not in raw
    text = raw.decode("utf-8")
    assert "Izvēlieties paroli" in text
    assert re.search(r"http://\S+/reset/[^/\s]+/[^/\s]+/\r?\n", text)
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    kinds = [part.get_content_type() for part in parsed.walk()]
    assert kinds == ["multipart/alternative", "text/plain", "text/html"]
    for part in parsed.walk():
        if part.get_content_maintype() == "text":
            assert part.get_content_charset() == "utf-8"
            assert part["Content-Transfer-Encoding"] == "8bit"


def _portal_url(**env):
    environment = {
        key: value for key, value in os.environ.items() if key not in ("PORT", "PORTAL_URL")
    }
    environment.update(env)
    code = "from urbact_portal import settings; print(settings.PORTAL_URL)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_portal_url_follows_port_while_developing():
    assert _portal_url() == "http://127.0.0.1:8000"
    assert _portal_url(PORT="8017") == "http://127.0.0.1:8017"
    assert _portal_url(PORT="8017", PORTAL_URL="https://urbact.example.lv/") == (
        "https://urbact.example.lv"
    )


def test_make_run_passes_port_to_the_settings():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^export PORT$", makefile, re.M)
    assert "runserver 127.0.0.1:$(PORT)" in makefile


# The first page --------------------------------------------------------------------------


def test_the_first_page_shows_the_partner_editors_own_work(
    partner_client, partner, ncp_editor, network_a, network_b
):
    sent_back = ProgressUpdateFactory(network=network_a, status="draft", title_lv="Atpakaļ")
    submit_for_review(sent_back, by=partner)
    send_back_with_comment(sent_back, "Lūdzu, pievienojiet foto.", by=ncp_editor)
    ProgressUpdateFactory(network=network_a, status="draft", title_lv="Mans melnraksts")
    ProgressUpdateFactory(network=network_a, status="in_review", title_lv="Gaida")
    ProgressUpdateFactory(network=network_a, status="published", title_lv="Publicētā")
    ProgressUpdateFactory(network=network_b, status="draft", title_lv="Svešs melnraksts")

    html = partner_client.get(reverse("admin:index")).text
    assert "Jūsu tīkla progresa ziņas" in html
    for title in ["Atpakaļ", "Lūdzu, pievienojiet foto.", "Mans melnraksts", "Gaida", "Publicētā"]:
        assert title in html
    assert "Svešs melnraksts" not in html
    assert reverse("admin:networks_progressupdate_add") in html
    assert reverse("admin:networks_progressupdate_change", args=[sent_back.pk]) in html
    assert reverse("admin:networks_progressupdate_preview", args=[sent_back.pk]) not in html
    assert network_a.get_absolute_url() in html
    assert "editorial-dashboard" not in html  # the NCP's to-do list is not theirs


def test_ncp_editors_do_not_get_the_partner_panel(client, ncp_editor):
    client.force_login(ncp_editor)
    html = client.get(reverse("admin:index")).text
    assert "partner-dashboard-title" not in html
    assert "editorial-dashboard-title" in html


def test_the_first_page_runs_the_same_queries_for_more_updates(
    partner_client, network_a, django_assert_max_num_queries
):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert partner_client.get(reverse("admin:index")).status_code == 200
        return len(queries)

    ProgressUpdateFactory(network=network_a, status="draft")
    few = count()
    for status in ("draft", "in_review", "published") * 8:
        ProgressUpdateFactory(network=network_a, status=status)
    assert count() == few
    with django_assert_max_num_queries(15):
        partner_client.get(reverse("admin:index"))


# The update form -------------------------------------------------------------------------


def post_update(client, network, **fields):
    data = {
        "network": network.pk,
        "title_lv": "Tikšanās Rīgā",
        "title_en": "",
        "slug": "",
        "body_lv": "Partneri tikās Rīgā.",
        "body_en": "",
        "date": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "_save": "Saglabāt",
        **fields,
    }
    return client.post(reverse("admin:networks_progressupdate_add"), data)


def test_the_update_form_explains_a_good_update(partner_client):
    html = partner_client.get(reverse("admin:networks_progressupdate_add")).text
    assert "Laba progresa ziņa pastāsta, kas notika" in html
    assert "Tukšs: šodiena." in html


def test_an_update_without_slug_or_date_gets_them(partner_client, network_a, network_b):
    ProgressUpdateFactory(network=network_a, slug="tiksanas-riga")
    ProgressUpdateFactory(network=network_b, slug="tiksanas-riga-2")
    response = post_update(partner_client, network_a)
    assert response.status_code == 302, response.text[:3000]
    update = ProgressUpdate.objects.get(network=network_a, title_lv="Tikšanās Rīgā")
    # Unique within its own network: another network's slug does not count.
    assert update.slug == "tiksanas-riga-2"
    assert update.date == timezone.localdate()
    assert update.status == "draft"


def test_a_taken_slug_is_refused_in_latvian(partner_client, network_a):
    ProgressUpdateFactory(network=network_a, slug="sanaksme")
    response = post_update(partner_client, network_a, slug="sanaksme")
    assert response.status_code == 200
    assert "Šāda adrese (URL identifikators) jau ir aizņemta." in response.text
    assert ProgressUpdate.objects.filter(network=network_a).count() == 1


def test_a_title_without_letters_asks_for_a_slug(partner_client, network_a):
    response = post_update(partner_client, network_a, title_lv="!!!")
    assert response.status_code == 200
    assert "Norādiet virsrakstu vai ierakstiet adresi" in response.text


def test_a_partner_editor_cannot_post_for_another_network(partner_client, network_b):
    response = post_update(partner_client, network_b)
    assert response.status_code == 200  # the choice is refused by the form
    assert not ProgressUpdate.objects.filter(network=network_b).exists()


def test_network_form_makes_the_slug_from_the_name(client, ncp_editor):
    network = NetworkFactory(slug="esosais")
    client.force_login(ncp_editor)
    url = reverse("admin:networks_network_change", args=[network.pk])
    html = client.get(url).text
    assert "Daļa no lapas adreses" in html
