"""A network's partners and outputs in the admin: listed on the network's form, each linked to
its own form and back; new ones added from there for the same network; the links offered by
permission."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from core.groups import NCP_EDITOR
from networks.models import Membership, Output
from tests.factories import CityFactory, MembershipFactory, NetworkFactory, OutputFactory
from tests.news.forms_html import open_form, post_data, save

pytestmark = pytest.mark.django_db


@pytest.fixture
def ncp_editor(client, django_user_model):
    user = django_user_model.objects.create_user("inga", password=None, is_staff=True)
    user.groups.add(Group.objects.get(name=NCP_EDITOR))
    client.force_login(user)
    return client


@pytest.fixture
def network():
    network = NetworkFactory(slug="main")
    MembershipFactory(network=network, role="lead_partner", city=CityFactory(name_lv="Rīga"))
    MembershipFactory(network=network, city=CityFactory(name_lv="Bari"), organisation="Agency")
    MembershipFactory(network=network, city=CityFactory(name_lv="Gdańsk"), is_newcomer=True)
    return network


def network_form(network):
    return reverse("admin:networks_network_change", args=[network.pk])


def partner_link(obj, view, model="membership"):
    url = reverse(f"admin:networks_{model}_{view}", args=[obj.pk])
    return f"{url}?from_network=1"


def test_the_form_lists_the_partners_each_linked_to_its_own_form(ncp_editor, network):
    page = ncp_editor.get(network_form(network)).text
    for membership in network.memberships.select_related("city__country"):
        change = partner_link(membership, "change")
        row = rf'href="{re.escape(change)}">{membership.city.name}</a></th>\s*<td>([^<]*)</td>'
        row += r"\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>"
        country, role, organisation, newcomer = re.search(row, page).groups()
        assert country == membership.city.country.name_lv
        assert (
            role == {"lead_partner": "vadošais partneris", "partner": "partneris"}[membership.role]
        )
        assert organisation == (membership.organisation or "–")
        assert newcomer == ("jā" if membership.is_newcomer else "nē")
        assert f'href="{partner_link(membership, "delete")}"' in page
    assert "3 partneri." in page  # the list's caption, in Latvian
    # The partners are not rows of widgets in the network's form.
    assert "memberships-TOTAL_FORMS" not in page


def test_a_network_without_partners_or_outputs_says_so(ncp_editor):
    page = ncp_editor.get(network_form(NetworkFactory())).text
    assert "Partneru pagaidām nav." in page
    assert "Rezultātu vēl nav." in page


def add_link(model, network):
    return reverse(f"admin:networks_{model}_add") + f"?network={network.pk}&from_network=1"


def test_a_partner_is_added_to_the_network_from_its_form(ncp_editor, network):
    page = ncp_editor.get(network_form(network)).text
    url = add_link("membership", network)
    assert f'href="{url.replace("&", "&amp;")}"' in page
    data = open_form_at(ncp_editor, url, "membership_form")
    assert data["network"] == [str(network.pk)]  # chosen already
    porto, bilbao = CityFactory(name_lv="Porto"), CityFactory(name_lv="Bilbao")
    row = {"city": porto.pk, "role": "partner", "order": "4", "organisation": "", "newcomer": ""}
    data.update({name: [str(value)] for name, value in row.items()})
    # "Save and add another" opens the form for another partner of the same network.
    response = ncp_editor.post(url, post_data({**data, "_addanother": ["1"]}))
    assert response.status_code == 302, response.text[:2000]
    assert response["Location"] == url
    data["city"] = [str(bilbao.pk)]
    response = ncp_editor.post(url, post_data({**data, "_save": ["Save"]}))
    assert response["Location"] == network_form(network)
    assert set(network.memberships.values_list("city__name_lv", flat=True)) == {
        "Rīga", "Bari", "Gdańsk", "Porto", "Bilbao"
    }  # fmt: skip
    assert network.memberships.get(city=porto).order == 4


def open_form_at(client, url, form_id):
    from tests.news.forms_html import form_data

    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.text, form_id)


def test_the_forms_outputs_are_listed_and_added_the_same_way(ncp_editor, network):
    bari = network.memberships.get(city__name_lv="Bari")
    plan = OutputFactory(network=network, membership=bari, title="Transfer plan of Bari")
    OutputFactory(network=NetworkFactory(), title="Another network's")
    page = ncp_editor.get(network_form(network)).text
    assert f'href="{partner_link(plan, "change", "output")}">Transfer plan of Bari<' in page
    assert f'href="{partner_link(plan, "delete", "output")}"' in page
    assert "Another network's" not in page
    assert 'href="{}"'.format(add_link("output", network).replace("&", "&amp;")) in page
    response = ncp_editor.post(partner_link(plan, "delete", "output"), {"post": "yes"})
    assert response["Location"] == network_form(network)
    assert not Output.objects.filter(pk=plan.pk).exists()


def test_saving_the_form_keeps_the_partners(ncp_editor, network):
    response = save(ncp_editor, network, open_form(ncp_editor, network), acronym="MAIN")
    assert response.status_code == 302
    assert network.memberships.count() == 3


def test_a_partner_saved_from_the_network_goes_back_to_it(ncp_editor, network):
    bari = network.memberships.get(city__name_lv="Bari")
    url = partner_link(bari, "change")
    data = post_data(
        {**open_form(ncp_editor, bari), "organisation": ["Port authority"], "_save": ["Save"]}
    )
    response = ncp_editor.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == network_form(network)
    bari.refresh_from_db()
    assert bari.organisation == "Port authority"
    # Opened from the list of partners, it goes back to that list.
    response = ncp_editor.post(reverse("admin:networks_membership_change", args=[bari.pk]), data)
    assert response["Location"] == reverse("admin:networks_membership_changelist")


def test_a_partner_deleted_from_the_network_goes_back_to_it(ncp_editor, network):
    bari = network.memberships.get(city__name_lv="Bari")
    response = ncp_editor.post(partner_link(bari, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert response["Location"] == network_form(network)
    assert not Membership.objects.filter(pk=bari.pk).exists()
    gdansk = network.memberships.get(city__name_lv="Gdańsk")
    url = reverse("admin:networks_membership_delete", args=[gdansk.pk])
    response = ncp_editor.post(url, {"post": "yes"})
    assert response["Location"] == reverse("admin:networks_membership_changelist")


def test_links_are_offered_only_to_who_may_follow_them(client, django_user_model, network):
    user = django_user_model.objects.create_user("viewer", password=None, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="networks",
            codename__in=["view_network", "change_network", "view_membership"],
        )
    )
    client.force_login(user)
    page = client.get(network_form(network)).text
    assert "Bari" in page
    for membership in network.memberships.all():
        assert partner_link(membership, "change") not in page
        assert partner_link(membership, "delete") not in page
    assert "/admin/networks/membership/add/" not in page


def test_the_forms_dates_are_the_browsers_date_inputs(ncp_editor, network):
    page = ncp_editor.get(network_form(network)).text
    assert 'type="date" name="planned_start" value="2019-01-01"' in page
    assert "vDateField" not in page  # not the admin's text field with its own calendar
    response = save(ncp_editor, network, open_form(ncp_editor, network), actual_start="2019-03-04")
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.actual_start.isoformat() == "2019-03-04"
