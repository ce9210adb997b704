import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import translation

from cities.models import City
from networks.models import Event, Membership, Network, Period, Phase
from news.models import Article

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row of every portal model, as values."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for app in ("cities", "networks", "news")
        for model in apps.get_app_config(app).get_models()
    }


def test_load_demo_twice_changes_nothing(demo):
    before = snapshot()
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    assert snapshot() == before


def test_demo_holds_the_seed_facts(demo):
    assert set(Network.objects.values_list("slug", flat=True)) == {
        "active-ngos",
        "card4all",
        "re-growcity",
        "alt-bau",
        "refill",
    }
    riga = City.objects.get(slug="riga", country__code="LV")
    assert (riga.name_lv, riga.name_en) == ("Rīga", "Riga")
    gijon = City.objects.get(slug="gijon")
    assert (gijon.name_lv, gijon.name_en) == ("Hihona", "Gijón")
    assert City.objects.get(slug="chemnitz").name_lv == "Kemnica"
    lead = Membership.objects.lead_partners().get(network__slug="active-ngos")
    assert lead.city == riga
    assert Network.objects.get(slug="active-ngos").good_practice.title_lv == "NVO nams"
    # Riga takes part in two phase-2 networks, Jūrmala and Alūksne in one each.
    phase_2 = Network.objects.select(phase=2, approved_on="2018-12-04")
    assert phase_2.count() == 4
    assert Membership.objects.filter(network__in=phase_2, city=riga).count() == 2
    # Riga was in REFILL before, so it is no newcomer in the phase-2 networks.
    assert not Membership.objects.get(network__slug="alt-bau", city=riga).is_newcomer
    assert Membership.objects.get(network__slug="re-growcity", city__slug="aluksne").is_newcomer


def test_demo_phases_and_events(demo):
    phase = Phase.objects.get(network__slug="active-ngos", number=2)
    assert phase.months == 24
    assert [(p.kind, p.months) for p in phase.periods.all()] == [("learning", 18), ("sharing", 6)]
    assert Period.objects.count() == 8
    with translation.override("en"):
        kick_off = Event.objects.get(slug="transfer-networks-phase-2-kick-off")
        assert kick_off.when == "mid-January 2019"
        assert kick_off.place == "Paris"
        assert Event.objects.get(slug="urbact-campus-2019").when == "spring 2019"


def test_demo_article_in_both_languages(demo):
    article = Article.objects.published().get()
    assert article.title_lv.startswith("23 labās prakses pārneses projekti")
    assert article.body_en and article.title_en
    assert article.read_time == 2
    with translation.override("en"):
        assert article.read_time == 2
    assert article.networks.count() == 5
    assert set(article.cities.values_list("slug", flat=True)) >= {"riga", "jurmala", "aluksne"}
