"""A partner editor of network A attacks network B (and tries to publish A's drafts). Every
request is refused or finds nothing, and the database is the same afterwards."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from core.revisions import REVISION_FIELD, latest_revision
from networks.models import (
    Membership,
    Network,
    PartnerEditor,
    ProgressUpdate,
    ReviewComment,
    UpdateAttachment,
)
from news.models import Article
from tests.factories import ArticleFactory, CityFactory, MembershipFactory
from tests.networks.partners.files import pdf

pytestmark = pytest.mark.django_db

REFUSED = {302, 403, 404}


def snapshot():
    """Everything an attack could change."""

    def rows(model, *fields):
        return sorted(model.objects.values_list("pk", *fields))

    return (
        rows(ProgressUpdate, "network", "status", "title_lv", "slug", "body_lv", "author"),
        rows(UpdateAttachment, "update", "file", "title_lv", "kind"),
        rows(ReviewComment, "update", "text"),
        rows(Network, "name_lv", "slug"),
        rows(Membership, "network", "city", "role"),
        rows(PartnerEditor, "user", "network"),
        rows(Article, "title_lv", "status"),
        rows(get_user_model(), "username", "is_staff", "is_superuser", "password"),
        rows(Group, "name"),
    )


@pytest.fixture
def unchanged(updates):
    before = snapshot()
    yield
    assert snapshot() == before


def change_url(update, view="change"):
    return reverse(f"admin:networks_progressupdate_{view}", args=[update.pk])


def form_data(update, **changes):
    """A complete change-form POST for `update` (attachment and comment inlines empty)."""
    data = {
        "network": update.network_id,
        "title_lv": update.title_lv,
        "title_en": update.title_en,
        "slug": update.slug,
        "body_lv": update.body_lv,
        "body_en": update.body_en,
        "date": update.date.isoformat(),
        "status": update.status,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "review_comments-TOTAL_FORMS": "0",
        "review_comments-INITIAL_FORMS": "0",
        "review_comments-MIN_NUM_FORMS": "0",
        "review_comments-MAX_NUM_FORMS": "1000",
        # The revision the form was opened on (a stale one is refused).
        REVISION_FIELD: str(getattr(latest_revision(update), "history_id", "")),
    }
    data.update(changes)
    return data


def test_changelist_shows_only_own_networks_updates(partner_client, updates):
    response = partner_client.get(reverse("admin:networks_progressupdate_changelist"))
    assert response.status_code == 200
    shown = set(response.context["cl"].result_list)
    assert shown == {updates["a_draft"], updates["a_in_review"], updates["a_published"]}
    assert "B draft" not in response.text
    # Filtering on B's network finds none of B's updates either.
    partner_network = updates["a_draft"].network_id
    response = partner_client.get(
        reverse("admin:networks_progressupdate_changelist"),
        {"network__id__exact": updates["b_draft"].network_id},
    )
    assert not {u.network_id for u in response.context["cl"].result_list} - {partner_network}


def test_network_filter_offers_only_own_networks(partner_client, updates):
    response = partner_client.get(reverse("admin:networks_progressupdate_changelist"))
    assert "Tīkls B" not in response.text


def test_change_form_offers_only_own_networks_and_no_user_links(partner_client, updates):
    response = partner_client.get(change_url(updates["a_draft"]))
    network_field = response.context["adminform"].form.fields["network"]
    assert list(network_field.queryset) == [updates["a_draft"].network]
    assert "Tīkls B" not in response.text
    assert "/admin/auth/user/" not in response.text


@pytest.mark.parametrize("status", ["draft", "in_review", "published"])
@pytest.mark.parametrize("view", ["change", "history", "delete"])
def test_other_networks_update_pages_are_refused(partner_client, updates, unchanged, status, view):
    update = updates[f"b_{status}"]
    assert partner_client.get(change_url(update, view)).status_code in REFUSED
    assert partner_client.post(change_url(update, view), {"post": "yes"}).status_code in REFUSED


@pytest.mark.parametrize("status", ["draft", "in_review", "published"])
def test_posting_other_networks_update_form_is_refused(partner_client, updates, unchanged, status):
    update = updates[f"b_{status}"]
    data = form_data(update, title_lv="Uzlauzts", network=updates["a_draft"].network_id)
    assert partner_client.post(change_url(update), data).status_code in REFUSED


@pytest.mark.parametrize("view", ["preview", "send_back"])
def test_other_networks_custom_views_are_refused(partner_client, updates, unchanged, view):
    url = change_url(updates["b_draft"], view)
    assert partner_client.get(url).status_code in REFUSED
    assert partner_client.post(url, {"comment": "x"}).status_code in REFUSED


def test_adding_an_update_to_another_network_is_refused(partner_client, updates, unchanged):
    data = form_data(updates["a_draft"], slug="new-in-b", network=updates["b_draft"].network_id)
    response = partner_client.post(reverse("admin:networks_progressupdate_add"), data)
    assert response.status_code == 200  # the form again, with the error
    assert "network" in response.context["adminform"].form.errors


def test_moving_own_draft_to_another_network_is_refused(partner_client, updates, unchanged):
    update = updates["a_draft"]
    data = form_data(update, network=updates["b_draft"].network_id, title_lv="Pārvietots")
    response = partner_client.post(change_url(update), data)
    assert response.status_code == 200
    assert "network" in response.context["adminform"].form.errors


def test_a_posted_published_status_or_author_is_ignored(
    partner_client, updates, partner, ncp_editor
):
    update = updates["a_draft"]
    response = partner_client.post(
        change_url(update),
        form_data(update, status="published", title_lv="Labots", author=ncp_editor.pk),
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert (update.status, update.title_lv, update.author) == ("draft", "Labots", None)

    data = form_data(update, slug="jauns", status="published", author=ncp_editor.pk)
    response = partner_client.post(reverse("admin:networks_progressupdate_add"), data)
    assert response.status_code == 302
    created = ProgressUpdate.objects.get(slug="jauns")
    assert (created.status, created.author) == ("draft", partner)


@pytest.mark.parametrize("status", ["in_review", "published"])
def test_own_updates_out_of_draft_are_read_only(partner_client, updates, unchanged, status):
    update = updates[f"a_{status}"]
    assert partner_client.get(change_url(update)).status_code == 200  # view only
    data = form_data(update, status="draft", title_lv="Labots bez pārskatīšanas")
    assert partner_client.post(change_url(update), data).status_code == 403


@pytest.mark.parametrize("delete", [True, False])
def test_inline_cannot_reach_another_updates_attachment(partner_client, updates, unchanged, delete):
    update = updates["a_draft"]
    foreign = updates["b_draft"].attachments.first()
    data = form_data(
        update,
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": foreign.pk,
            "attachments-0-update": update.pk,
            "attachments-0-title_lv": "Pārņemts",
            "attachments-0-order": "0",
        },
    )
    if delete:
        data["attachments-0-DELETE"] = "on"
    response = partner_client.post(change_url(update), data)
    # Refused by the formset (an unknown id), or a deletion of nothing; B's file stays.
    assert response.status_code in {200, 302}
    if not delete:
        assert response.context["inline_admin_formsets"][0].formset.errors


@pytest.mark.parametrize("action", ["publish_selected", "submit_selected", "delete_selected"])
def test_bulk_actions_with_other_networks_ids_do_nothing(partner_client, updates, action):
    before = snapshot()
    ids = [u.pk for key, u in updates.items() if key.startswith("b_")]
    partner_client.post(
        reverse("admin:networks_progressupdate_changelist"),
        {"action": action, "_selected_action": ids, "post": "yes"},
    )
    assert snapshot() == before


def test_partner_cannot_publish_own_drafts_in_bulk(partner_client, updates, unchanged):
    ids = [updates["a_draft"].pk, updates["a_in_review"].pk]
    partner_client.post(
        reverse("admin:networks_progressupdate_changelist"),
        {"action": "publish_selected", "_selected_action": ids},
    )


def test_publish_button_is_ignored_for_partners(partner_client, updates):
    update = updates["a_draft"]
    partner_client.post(change_url(update), form_data(update, _publish="1"))
    update.refresh_from_db()
    assert update.status == "draft"


@pytest.mark.parametrize(
    "model_name",
    ["progressupdate", "event", "output", "membership", "phase", "partnereditor"],
)
def test_autocomplete_endpoints_are_refused(partner_client, updates, unchanged, model_name):
    response = partner_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "networks", "model_name": model_name, "field_name": "network", "term": ""},
    )
    assert response.status_code in REFUSED
    assert "Tīkls B" not in response.text


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:networks_network_changelist",
        "admin:networks_network_add",
        "admin:networks_membership_changelist",
        "admin:networks_membership_add",
        "admin:networks_partnereditor_changelist",
        "admin:networks_partnereditor_add",
        "admin:news_article_changelist",
        "admin:news_article_add",
        "admin:cities_city_changelist",
        "admin:cities_city_add",
        "admin:auth_user_changelist",
        "admin:auth_user_add",
        "admin:auth_group_changelist",
    ],
)
def test_partner_cannot_reach_other_admin_pages(partner_client, updates, unchanged, url_name):
    assert partner_client.get(reverse(url_name)).status_code == 403


def test_partner_cannot_change_networks_memberships_articles_cities_users(
    partner_client, updates, partner, network_a
):
    article = ArticleFactory()
    city = CityFactory()
    membership = MembershipFactory(network=network_a)
    before = snapshot()
    targets = [
        ("networks_network", network_a.pk, {"name_lv": "Uzlauzts"}),
        ("networks_membership", membership.pk, {"organisation": "x"}),
        ("news_article", article.pk, {"title_lv": "x"}),
        ("cities_city", city.pk, {"name_lv": "x"}),
        ("auth_user", partner.pk, {"is_superuser": "on", "username": partner.username}),
    ]
    for name, pk, data in targets:
        for view in ("change", "delete"):
            url = reverse(f"admin:{name}_{view}", args=[pk])
            assert partner_client.get(url).status_code == 403, url
            assert partner_client.post(url, {**data, "post": "yes"}).status_code == 403, url
    assert snapshot() == before


def test_attachments_of_unpublished_updates_are_not_public(client, updates, partner):
    for key in ("a_draft", "a_in_review", "b_draft", "b_in_review"):
        for attachment in updates[key].attachments.all():
            assert client.get(attachment.get_absolute_url()).status_code == 404
    client.force_login(partner)
    for attachment in updates["b_draft"].attachments.all():
        assert client.get(attachment.get_absolute_url()).status_code == 404


def test_attachment_url_must_match_its_update(client, updates):
    published = updates["b_published"].attachments.first()
    hidden = updates["b_draft"].attachments.first()
    # A draft's attachment id under a published update's address is still not found.
    url = reverse(
        "networks:attachment",
        kwargs={"network_slug": "network-b", "update_slug": "b-published", "pk": hidden.pk},
    )
    assert client.get(url).status_code == 404
    assert client.get(published.get_absolute_url()).status_code == 200


def test_private_files_are_not_under_media_root(updates, settings, client):
    attachment = updates["a_draft"].attachments.first()
    path = attachment.file.path
    assert str(settings.PRIVATE_MEDIA_ROOT) in path
    assert str(settings.MEDIA_ROOT) not in path
    assert client.get(f"{settings.MEDIA_URL}{attachment.file.name}").status_code == 404


def test_anonymous_gets_the_login_page(client, updates, unchanged):
    for view in ("change", "history", "delete", "preview", "send_back"):
        response = client.get(change_url(updates["a_draft"], view))
        assert response.status_code == 302
        assert response.headers["Location"].startswith(reverse("admin:login"))


def test_partner_editor_of_nothing_sees_nothing(client, django_user_model, updates):
    from tests.networks.partners.conftest import make_user

    user = make_user(django_user_model, "nobody", "Partner editor")
    client.force_login(user)
    before = snapshot()
    response = client.get(reverse("admin:networks_progressupdate_changelist"))
    assert list(response.context["cl"].result_list) == []
    assert client.get(reverse("admin:networks_progressupdate_add")).status_code == 403
    assert client.get(change_url(updates["a_draft"])).status_code in REFUSED
    assert snapshot() == before


def test_uploading_to_another_networks_update_through_the_service_is_refused(updates, partner):
    from django.core.exceptions import PermissionDenied

    from networks.services import add_attachment

    with pytest.raises(PermissionDenied):
        add_attachment(updates["b_draft"], pdf(), by=partner)
    with pytest.raises(PermissionDenied):
        add_attachment(updates["a_in_review"], pdf(), by=partner)


def test_changelist_refuses_lookups_through_other_models(partner_client, updates):
    url = reverse("admin:networks_progressupdate_changelist")
    for lookup in ("author__password__startswith", "network__partner_editors__user__email"):
        response = partner_client.get(url, {lookup: "p"})
        assert response.status_code in {400, 302}
        if response.status_code == 302:  # Django's "invalid lookup" redirect to ?e=1
            assert "e=1" in response.headers["Location"]


def test_view_on_site_redirect_reveals_nothing_of_other_networks(partner_client, updates):
    from django.contrib.contenttypes.models import ContentType

    def shortcut(obj):
        content_type = ContentType.objects.get_for_model(obj)
        return partner_client.get(reverse("admin:view_on_site", args=[content_type.pk, obj.pk]))

    for key in ("b_draft", "b_in_review", "b_published"):
        response = shortcut(updates[key])
        assert response.status_code == 404
        assert updates[key].slug not in response.headers.get("Location", "")
    assert shortcut(updates["b_draft"].attachments.first()).status_code == 404
    assert shortcut(updates["a_draft"]).status_code == 404  # a draft has no public page
    response = shortcut(updates["a_published"])
    assert response.headers["Location"] == updates["a_published"].get_absolute_url()


@pytest.mark.parametrize(
    ("model_name", "field_name"),
    [("updateattachment", "update"), ("reviewcomment", "update")],
)
def test_autocomplete_of_updates_lists_only_own_networks(
    partner_client, updates, unchanged, model_name, field_name
):
    response = partner_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "networks", "model_name": model_name, "field_name": field_name, "term": ""},
    )
    assert response.status_code == 200
    ids = {int(result["id"]) for result in response.json()["results"]}
    assert ids == {updates[f"a_{status}"].pk for status in ("draft", "in_review", "published")}


@pytest.mark.parametrize("model_name", ["progressupdate", "reviewcomment", "partnereditor"])
def test_autocomplete_of_users_is_refused(partner_client, updates, model_name):
    field_name = {"progressupdate": "author", "reviewcomment": "author"}.get(model_name, "user")
    response = partner_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "networks", "model_name": model_name, "field_name": field_name},
    )
    assert response.status_code == 403
