"""The back office in a real browser, in Latvian, as an NCP editor and a partner city's
contact use it: write, preview, submit, review, send back, publish. Every page is checked
for English words (the list below) in its visible text and in the names screen readers
read; the article, update and network forms for axe's serious and critical rules; the
rich-text editor by keyboard. Screenshots go to test-artifacts/screenshots/admin-*.png."""

import re

import pytest
from django.contrib.auth.models import Group

from core.groups import NCP_EDITOR, PARTNER_EDITOR
from networks.models import Network, PartnerEditor, ProgressUpdate
from news.models import Article
from tests import demo_rows

from .conftest import run_axe, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Rīga-2019-parole"

#: English an editor must not meet in the Latvian admin: Django's and the packages' words
#: and phrases, and our own English msgids. Matched as whole words, case-sensitively.
ENGLISH = [
    "Django",
    "Django administration",
    "Select an option",
    "Enter times",
    "Note:",
    "You are",
    "hours behind",
    "hours ahead",
    "History",
    "Save",
    "Save and continue",
    "Save and add another",
    "Delete",
    "Add",
    "Change",
    "Filter",
    "Search",
    "Home",
    "View site",
    "View on site",
    "Log out",
    "Welcome",
    "Today",
    "Now",
    "Choose",
    "Preview",
    "Submit",
    "Publish",
    "Send back",
    "Revert",
    "Changed by",
    "Change reason",
    "Comment",
    "Object",
    "Created",
    "Changes",
    "Close",
    "None",
    "Show all",
    "Clear",
    "Remove",
    "Available",
    "Chosen",
    "Action",
    "Yesterday",
    "Tomorrow",
    "Cancel",
    "Calendar",
    "Midnight",
    "Noon",
    "bold",
    "italic",
    "Heading",
    "Paragraph",
    "Insert",
    "undo",
    "redo",
    "Recent actions",
    "My actions",
    "Password",
    "Username",
    "Log in",
    "Sent back",
    "Waiting",
    "draft",
    "published",
    "Needs attention",
    "Write",
    "Language",
    "Pagination",
    "Toggle",
    "Skip to main content",
    "Model name",
    "entries",
    "Attachments",
    "National Contact Point",
    "administration",
]

#: What the page shows and names: visible text (icon ligatures excepted), the names and
#: tooltips of elements, button labels, the title.
PAGE_WORDS = """() => {
  const out = [document.title];
  const skip = "script, style, noscript, template, .material-icons";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (!parent || parent.closest(skip) || !parent.checkVisibility()) continue;
    const text = walker.currentNode.textContent.trim();
    if (text) out.push(text);
  }
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest(skip) || !element.checkVisibility()) continue;
    for (const name of ["title", "aria-label", "placeholder", "alt"]) {
      const value = element.getAttribute(name);
      if (value) out.push(value);
    }
    if (element.matches("input[type=submit], input[type=button], input[type=reset]")) {
      out.push(element.value);
    }
  }
  return out;
}"""


#: Names in the demo data that contain a word of the list.
CONTENT = ["C-Change", "Ready for Action"]


def english_on(page):
    texts = page.evaluate(PAGE_WORDS)
    for name in CONTENT:
        texts = [text.replace(name, "") for text in texts]
    found = set()
    for word in ENGLISH:
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
        found.update(f"{word!r} in {text[:80]!r}" for text in texts if pattern.search(text))
    return sorted(found)


def check(page, name):
    """No English on the page; a screenshot to look at."""
    page.wait_for_load_state("networkidle")
    found = english_on(page)
    assert found == [], f"{name}: {page.url}: {found}"
    screenshot(page, f"admin-{name}")


@pytest.fixture
def backoffice(site_settings, live_server):
    site_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo_rows.load()
    from django.contrib.auth import get_user_model

    users = {}
    for username, group in (("inga", NCP_EDITOR), ("liga", PARTNER_EDITOR)):
        user = get_user_model().objects.create_user(
            username, email=f"{username}@example.org", password=PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    network = Network.objects.get(slug="active-ngos")
    PartnerEditor.objects.create(user=users["liga"], network=network)
    return {"url": live_server.url, "network": network, **users}


def log_in(page, backoffice, username, *, check_login_page=False):
    page.goto(f"{backoffice['url']}/admin/login/")
    if check_login_page:
        check(page, "login")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{backoffice['url']}/admin/")


def browser_page(open_page, **options):
    # The browser's clock in UTC and the portal's in Riga: the admin shows its time zone note.
    return open_page(locale="lv-LV", timezone_id="UTC", **options)


def test_an_ncp_editor_writes_previews_and_publishes_an_article(backoffice, open_page):
    page = browser_page(open_page)
    log_in(page, backoffice, "inga", check_login_page=True)
    check(page, "ncp-dashboard")
    assert page.locator("#editorial-dashboard-title").is_visible()

    # Write: one click from the dashboard to the form.
    page.get_by_role("link", name="Rakstīt rakstu").click()
    page.wait_for_url("**/admin/news/article/add/")
    page.wait_for_selector(".prose-editor [contenteditable=true]")
    assert "Laiku norādiet laika joslā Europe/Riga" in page.inner_text(".field-published_at")
    check(page, "article-form")

    # The title fills the slug; the text is typed into the rich-text editor reached by Tab.
    page.fill("#id_title_lv", "Rīga uzņem partnerus")
    page.focus("#id_lead_lv")
    page.keyboard.type("Īss ievads.")
    editor = page.locator(".field-body_lv [contenteditable=true]")
    for _ in range(20):
        page.keyboard.press("Tab")
        if editor.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the rich-text editor")
    assert editor.get_attribute("aria-label") == "Teksts [lv]"
    page.keyboard.type("Partneri tikās Rīgā. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Nākamā tikšanās")
    page.keyboard.press("Control+b")
    page.keyboard.type(" būs Jūrmalā.")
    assert editor.inner_text() == "Partneri tikās Rīgā. Nākamā tikšanās būs Jūrmalā."
    page.click("input[name=_continue]")
    page.wait_for_url(re.compile(r".*/admin/news/article/\d+/change/$"))
    article = Article.objects.get(slug="riga-uznem-partnerus")
    assert article.body_lv == (
        "<p>Partneri tikās Rīgā. <strong>Nākamā tikšanās</strong> būs Jūrmalā.</p>"
    )
    assert article.status == "draft"
    check(page, "article-saved")

    # Preview in the public design, then back.
    page.click("a.previewlink")
    page.wait_for_url(f"**/lv/news/preview/{article.pk}/")
    assert "Nākamā tikšanās" in page.inner_text("main")
    screenshot(page, "admin-article-preview")
    page.go_back()

    # Publish without a time: it is public now.
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/news/article/")
    check(page, "article-list")
    article.refresh_from_db()
    assert article.is_public

    # Its history, in Latvian.
    page.goto(f"{backoffice['url']}/admin/news/article/{article.pk}/history/")
    check(page, "article-history")
    assert "Statuss: melnraksts → publicēts" in page.inner_text("#change-history")


def test_a_partner_editor_and_the_ncp_take_an_update_to_publication(backoffice, open_page):
    url = backoffice["url"]
    partner = browser_page(open_page)
    log_in(partner, backoffice, "liga")
    check(partner, "partner-dashboard")

    # Write a draft: the only network is chosen already; slug and date fill themselves.
    partner.get_by_role("link", name="Rakstīt progresa ziņu").click()
    partner.wait_for_url("**/admin/networks/progressupdate/add/")
    assert "Laba progresa ziņa pastāsta" in partner.inner_text(".field-body_lv")
    check(partner, "update-form")
    partner.fill("#id_title_lv", "Starptautiskā tikšanās Rīgā")
    # The text is the rich-text editor's, as partners write it.
    partner.locator(".field-body_lv [contenteditable=true]").fill(
        "Partneri no astoņām pilsētām apmeklēja NVO namu."
    )
    partner.fill("#id_slug", "")
    partner.fill("#id_date", "")
    partner.click("input[name=_continue]")
    partner.wait_for_url(re.compile(r".*/admin/networks/progressupdate/\d+/change/$"))
    update = ProgressUpdate.objects.get(title_lv="Starptautiskā tikšanās Rīgā")
    assert update.network == backoffice["network"] and update.status == "draft"
    assert update.slug == "starptautiska-tiksanas-riga"

    # Preview, then submit for review.
    partner.click("a.previewlink")
    partner.wait_for_url(f"**/admin/networks/progressupdate/{update.pk}/preview/")
    assert "apmeklēja NVO namu" in partner.inner_text("main")
    screenshot(partner, "admin-update-preview")
    partner.go_back()
    partner.click("input[name=_submit_for_review]")
    partner.wait_for_url("**/admin/networks/progressupdate/")
    check(partner, "partner-update-list")
    update.refresh_from_db()
    assert update.status == "in_review"

    # Review: the NCP editor finds it on the dashboard and sends it back with a comment.
    ncp = browser_page(open_page)
    log_in(ncp, backoffice, "inga")
    ncp.get_by_role("link", name="Starptautiskā tikšanās Rīgā").click()
    ncp.wait_for_url(f"**/admin/networks/progressupdate/{update.pk}/change/")
    check(ncp, "review-form")
    ncp.click("a.sendbacklink")
    ncp.wait_for_url(f"**/admin/networks/progressupdate/{update.pk}/send-back/")
    check(ncp, "send-back")
    ncp.fill("#id_comment", "Lūdzu, pievienojiet fotoattēlu no tikšanās.")
    ncp.click("input[type=submit].default")
    ncp.wait_for_url("**/admin/networks/progressupdate/")
    update.refresh_from_db()
    assert update.status == "draft"

    # The partner editor sees the comment first, revises and submits again.
    partner.goto(f"{url}/admin/")
    check(partner, "partner-sent-back")
    assert "Lūdzu, pievienojiet fotoattēlu" in partner.inner_text(".portal-dashboard")
    partner.get_by_role("link", name="Starptautiskā tikšanās Rīgā").first.click()
    partner.wait_for_url(f"**/admin/networks/progressupdate/{update.pk}/change/")
    check(partner, "partner-revise")
    partner.locator(".field-body_lv [contenteditable=true]").fill(
        "Partneri no astoņām pilsētām apmeklēja NVO namu Rīgā."
    )
    partner.click("input[name=_submit_for_review]")
    partner.wait_for_url("**/admin/networks/progressupdate/")

    # Publish.
    ncp.goto(f"{url}/admin/networks/progressupdate/{update.pk}/change/")
    ncp.click("input[name=_publish]")
    ncp.wait_for_url("**/admin/networks/progressupdate/")
    check(ncp, "published-list")
    update.refresh_from_db()
    assert update.status == "published"
    assert "NVO namu Rīgā." in update.body_lv


@pytest.mark.parametrize("width", [1280, 360])
def test_the_editors_forms_pass_axe(backoffice, open_page, width):
    article = Article.objects.get()
    network = backoffice["network"]
    forms = {
        "inga": [
            ("article-add", "/admin/news/article/add/"),
            ("article-change", f"/admin/news/article/{article.pk}/change/"),
            ("network-change", f"/admin/networks/network/{network.pk}/change/"),
            ("update-add-ncp", "/admin/networks/progressupdate/add/"),
            ("dashboard-ncp", "/admin/"),
        ],
        "liga": [
            ("update-add-partner", "/admin/networks/progressupdate/add/"),
            ("dashboard-partner", "/admin/"),
        ],
    }
    for username, pages in forms.items():
        page = browser_page(open_page, width=width)
        checker = browser_page(open_page, width=width, bypass_csp=True)
        log_in(page, backoffice, username)
        log_in(checker, backoffice, username)
        for name, path in pages:
            page.goto(backoffice["url"] + path)
            check(page, f"{name}-{width}")
            checker.goto(backoffice["url"] + path)
            checker.wait_for_load_state("networkidle")
            assert run_axe(checker) == [], f"{name} at {width} px"


@pytest.mark.parametrize("username", ["inga", "liga"])
def test_every_admin_page_an_editor_can_open_is_latvian(backoffice, open_page, username):
    """Each list and add page the index links to, the first object of each list, and the
    password change page."""
    url = backoffice["url"]
    page = browser_page(open_page)
    log_in(page, backoffice, username)
    links = page.evaluate(
        """() => [...document.querySelectorAll('#content-main.app-list a')]
            .map(a => a.getAttribute('href'))"""
    )
    paths = sorted({link for link in links if link and link.startswith("/admin/")})
    assert len(paths) >= (20 if username == "inga" else 2)
    # "load": the admin's scripts (its JavaScript catalogue included) have run; waiting for
    # the network to stay idle half a second more on each of some 80 pages found nothing else.
    for path in [*paths, "/admin/password_change/"]:
        page.goto(url + path, wait_until="load")
        found = english_on(page)
        assert found == [], f"{path}: {found}"
        first = page.locator("#result_list tbody tr a[href*='/change/']").first
        if path.count("/") == 4 and first.count():
            first.click()
            page.wait_for_load_state("load")
            found = english_on(page)
            assert found == [], f"{page.url}: {found}"
