"""The good practices, the outputs library and the statements in a real browser: filters
that keep their values, files served by the portal, axe-core (no serious or critical
violation) and no sideways scrolling at desktop and phone widths, screenshots to look at."""

import pytest
from django.core.files.base import ContentFile

from networks.models import Membership, Network
from tests import demo_rows
from tests.factories import OutputFactory
from tests.networks.partners.files import PDF, png_bytes

from .conftest import check_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _stored(network, name, data, **fields):
    output = OutputFactory.build(network=network, url="", **fields)
    output.file.save(name, ContentFile(data), save=True)
    return output


@pytest.fixture
def site(site_settings, live_server):
    """The demo data with outputs of Active NGOs: the network's study, a partner's transfer
    plan (a stored PDF), a learning log given as a link, and a poster image."""
    demo_rows.load()
    active = Network.objects.get(slug="active-ngos")
    partners = list(Membership.objects.filter(network=active).select_related("city"))
    OutputFactory(
        network=active,
        kind="transferability_study",
        title="Active NGOs transferability study",
        url="https://urbact.eu/active-ngos",
    )
    _stored(
        active,
        "plan.pdf",
        PDF,
        membership=partners[-1],
        kind="transfer_plan",
        title=f"Transfer plan of {partners[-1].city.name_en}",
    )
    OutputFactory(
        network=active,
        membership=partners[0],
        kind="learning_log",
        title="Learning log: the NGO House year one",
        language="lv",
        url="https://urbact.eu/active-ngos-learning-log",
    )
    _stored(active, "poster.png", png_bytes(), kind="final_product", title="NGO House poster")
    return live_server.url


def _practice_path(language):
    practice = Network.objects.get(slug="active-ngos").good_practice
    return f"/{language}/good-practices/{practice.slug}/"


def test_from_the_network_page_to_its_practice_and_outputs(site, open_page):
    page = open_page()
    page.goto(f"{site}/en/networks/active-ngos/")
    page.click(".callout__title a")
    page.wait_for_url(f"{site}{_practice_path('en')}")
    assert "Riga" in page.inner_text(".page-header")
    assert page.locator("#adopters-heading + table tbody tr").count() >= 2
    page.click("text=All outputs of Active NGOs")
    page.wait_for_url(f"{site}/en/networks/active-ngos/outputs/")
    assert page.locator(".output-table tbody tr").count() == 4
    # The file comes from the portal, as a download (a click would start one; the browser
    # then aborts the navigation, which the watcher would count as a failure).
    href = page.get_attribute("text=Transfer plan of", "href")
    assert href.startswith("/en/outputs/") and href.endswith("/file/")
    response = page.request.get(f"{site}{href}")
    assert response.status == 200
    assert response.headers["content-disposition"].startswith(
        'attachment; filename="transfer-plan-of-'
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.body() == PDF


def test_filtering_the_outputs_keeps_the_selection_across_languages(site, open_page):
    page = open_page()
    page.goto(f"{site}/en/outputs/")
    page.check("label:text-is('Learning log') >> xpath=../input")
    page.check("label:text-is('Transfer plan') >> xpath=../input")
    page.click("text=Show outputs")
    page.wait_for_url("**/en/outputs/?*kind=*")
    assert page.locator(".output-table tbody tr").count() == 2
    page.click(".language-switcher >> text=Latviešu")
    page.wait_for_url("**/lv/outputs/?*kind=learning_log*")
    assert page.locator(".output-table tbody tr").count() == 2
    assert page.is_checked("label:text-is('Mācīšanās žurnāls') >> xpath=../input")


def test_the_footer_leads_to_both_statements(site, open_page):
    page = open_page()
    page.goto(f"{site}/lv/")
    page.click(".site-footer >> text=Piekļūstamības paziņojums")
    page.wait_for_url(f"{site}/lv/accessibility/")
    assert page.inner_text("h1") == "Piekļūstamības paziņojums"
    page.click(".site-footer >> text=Privātuma paziņojums")
    page.wait_for_url(f"{site}/lv/privacy/")
    assert page.inner_text("h1") == "Privātuma paziņojums"
    # The notice says the public pages set no cookies: the browser agrees.
    assert page.context.cookies() == []


PAGES = {
    "good-practices": "/lv/good-practices/",
    "good-practices-filtered": "/en/good-practices/?country=de&theme=urban-renewal",
    "good-practice": None,  # the demo's NGO House, found in the test
    "good-practice-en": None,
    "outputs": "/en/outputs/",
    "outputs-network": "/lv/networks/active-ngos/outputs/",
    "outputs-filtered": "/lv/outputs/?kind=learning_log&kind=nothing",
    "accessibility": "/lv/accessibility/",
    "accessibility-en": "/en/accessibility/",
    "privacy": "/en/privacy/",
    "privacy-lv": "/lv/privacy/",
    "practice-not-found": "/en/good-practices/no-such-practice/",
}


def test_the_new_pages_are_accessible_and_fit_a_phone(site, open_page, watcher):
    paths = {
        **PAGES,
        "good-practice": _practice_path("lv"),
        "good-practice-en": _practice_path("en"),
    }
    watcher.expect_status(f"{site}{paths['practice-not-found']}", 404)
    assert check_pages(open_page, site, paths) == []
