"""One rule for staff: every view that shows staff-only content needs a session verified by its
second factor. The test walks every URL pattern of the portal (the admin's, the previews, the
attachments of drafts, anything added later) and asks each one three times: as a visitor, as a
staff session that gave its password only, and as the same account with its second factor.
A page the verified session reaches and the visitor does not is staff-only; the password-only
session must not reach it either."""

import itertools

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.groups import NCP_EDITOR
from networks.services import add_attachment
from news.models import Article
from tests.factories import (
    ArticleFactory,
    CityFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ProgressUpdateFactory,
)
from tests.networks.partners.files import pdf, photo

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-9"
# Pages made for a session between its password and its second factor.
SECOND_FACTOR_PAGES = {"two_factor_setup", "two_factor_verify"}
# Staff-only views the walk must have found (so that it cannot pass by reaching nothing).
KNOWN_STAFF_ONLY = {"admin:index", "news:preview", "networks:attachment"}


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.STAFF_TWO_FACTOR = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def url_patterns(resolver=None, namespaces=()):
    """(namespaced name, argument names) of every named URL pattern, depth first."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            space = (pattern.namespace,) if pattern.namespace else ()
            yield from url_patterns(pattern, namespaces + space)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield ":".join((*namespaces, pattern.name)), list(pattern.pattern.regex.groupindex)


@pytest.fixture
def content():
    """Something behind every kind of address: public content and staff-only drafts."""
    network = NetworkFactory()
    membership = MembershipFactory(network=network, city=CityFactory())
    event = EventFactory(network=network)
    published = ArticleFactory()
    draft = ArticleFactory(status="draft", published_at=None)
    update = ProgressUpdateFactory(network=network, status="draft")
    public_update = ProgressUpdateFactory(network=network)
    return {
        "network": network,
        "city": membership.city,
        "event": event,
        "published": published,
        "draft": draft,
        "update": update,
        "public_update": public_update,
    }


def candidates(content, attachment):
    """Values to try for each URL argument name."""
    network, city = content["network"], content["city"]
    slugs = [
        network.slug,
        content["published"].slug,
        content["public_update"].slug,
        content["event"].slug,
        city.slug,
    ]
    return {
        "slug": slugs,
        "network_slug": [network.slug],
        "update_slug": [content["update"].slug],
        "pk": [content["draft"].pk, attachment.pk],
        "id": [content["draft"].pk],
        "object_id": [str(content["draft"].pk)],
        "content_type_id": [ContentType.objects.get_for_model(Article).pk],
        "app_label": ["news"],
        "country": [city.country.code.lower()],
        "code": [city.country.code.lower()],
        "uidb64": ["MQ"],
        "token": ["set-password"],
        "url": ["news/article/"],
        "path": ["css/site.css"],
    }


def addresses(name, arguments, values):
    """Every address the pattern gives with the candidate values, in Latvian."""
    with translation.override("lv"):
        for combination in itertools.product(*(values.get(arg, []) for arg in arguments)):
            try:
                yield reverse(name, kwargs=dict(zip(arguments, combination, strict=True)))
            except NoReverseMatch:
                continue


def verify(client, user):
    device = TOTPDevice.objects.get(user=user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def test_no_staff_only_view_opens_to_a_password_alone(content, django_user_model):
    user = django_user_model.objects.create_superuser("chief", password=PASSWORD)
    user.groups.add(Group.objects.get(name=NCP_EDITOR))
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    attachment = add_attachment(content["update"], pdf(), by=user, title_lv="Atskaite")
    add_attachment(content["public_update"], photo(), by=user, title_lv="Foto")
    values = candidates(content, attachment)

    visitor, password_only, verified = (Client(raise_request_exception=False) for _ in "abc")
    password_only.force_login(user)  # a password alone: no second factor in the session
    verified.force_login(user)
    verify(verified, user)

    staff_only, reached = set(), []
    for name, arguments in url_patterns():
        if name in SECOND_FACTOR_PAGES:
            continue
        urls = list(addresses(name, arguments, values))
        # The first address the verified session opens stands for the pattern.
        url = next((url for url in urls if verified.get(url).status_code == 200), None)
        if url is None:
            continue
        if visitor.get(url).status_code == 200:
            continue  # public
        staff_only.add(name)
        if password_only.get(url).status_code == 200:
            reached.append((name, url))
    assert reached == []
    assert staff_only >= KNOWN_STAFF_ONLY


def test_a_password_alone_is_sent_to_its_second_factor_and_then_back(content, django_user_model):
    user = django_user_model.objects.create_user("ncp", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=NCP_EDITOR))
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    attachment = add_attachment(content["update"], pdf(), by=user, title_lv="Atskaite")
    client = Client()
    client.force_login(user)
    for url in (f"/lv/news/preview/{content['draft'].pk}/", attachment.get_absolute_url()):
        response = client.get(url, follow=True)
        final, _status = response.redirect_chain[-1]
        assert final.startswith("/admin/two-factor/verify/?next=")
        assert response.context["next"] == url
    verify(client, user)
    assert client.get(f"/lv/news/preview/{content['draft'].pk}/").status_code == 200
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_without_the_requirement_a_password_opens_previews(content, django_user_model, settings):
    settings.STAFF_TWO_FACTOR = False
    user = django_user_model.objects.create_user("ncp", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=NCP_EDITOR))
    client = Client()
    client.force_login(user)
    assert client.get(f"/lv/news/preview/{content['draft'].pk}/").status_code == 200
