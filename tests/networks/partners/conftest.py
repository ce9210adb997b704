"""Two networks, A and B, with a partner editor of A (the attacker in the permission tests),
an NCP editor, and updates and attachments of both networks in every status."""

import pytest
from django.contrib.auth.models import Group

from core.groups import NCP_EDITOR, PARTNER_EDITOR
from networks.models import PartnerEditor
from networks.services import add_attachment
from tests.factories import NetworkFactory, ProgressUpdateFactory
from tests.networks.partners.files import pdf, photo

PASSWORD = "a-long-test-password-9"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def network_a(db):
    return NetworkFactory(slug="network-a", name_lv="Tīkls A")


@pytest.fixture
def network_b(db):
    return NetworkFactory(slug="network-b", name_lv="Tīkls B")


def make_user(django_user_model, username, group):
    user = django_user_model.objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def ncp_editor(django_user_model):
    return make_user(django_user_model, "ncp", NCP_EDITOR)


@pytest.fixture
def partner(django_user_model, network_a):
    user = make_user(django_user_model, "partner-a", PARTNER_EDITOR)
    PartnerEditor.objects.create(user=user, network=network_a)
    return user


@pytest.fixture
def partner_client(client, partner):
    client.force_login(partner)
    return client


@pytest.fixture
def updates(network_a, network_b, ncp_editor):
    """Every status of both networks, each with a PDF and a photo."""
    made = {}
    for key, network in (("a", network_a), ("b", network_b)):
        for status in ("draft", "in_review", "published"):
            update = ProgressUpdateFactory(
                network=network,
                status=status,
                slug=f"{key}-{status}".replace("_", "-"),
                title_lv=f"{key.upper()} {status} virsraksts",
            )
            add_attachment(update, pdf(), by=ncp_editor, title_lv="Atskaite")
            add_attachment(update, photo(), by=ncp_editor, title_lv="Foto")
            made[f"{key}_{status}"] = update
    return made
