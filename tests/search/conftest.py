import datetime

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    CityFactory,
    CountryFactory,
    GoodPracticeFactory,
    NetworkFactory,
    ProgressUpdateFactory,
)

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's full-text search"
)


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (the index writes) as a commit would."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


@pytest.fixture
def places(db, indexed):
    """Cities named in the seed, in both languages, and a network transferring a practice."""
    with indexed():
        latvia = CountryFactory(code="LV", name_lv="Latvija", name_en="Latvia")
        spain = CountryFactory(code="ES", name_lv="Spānija", name_en="Spain")
        germany = CountryFactory(code="DE", name_lv="Vācija", name_en="Germany")
        jurmala = CityFactory(name_lv="Jūrmala", name_en="Jūrmala", slug="jurmala", country=latvia)
        gijon = CityFactory(name_lv="Hihona", name_en="Gijón", slug="gijon", country=spain)
        chemnitz = CityFactory(
            name_lv="Kemnica", name_en="Chemnitz", slug="chemnitz", country=germany
        )
        practice = GoodPracticeFactory(
            title_lv="Iedzīvotāja karte",
            title_en="Citizen card",
            description_en="One card for the city's services.",
            city=gijon,
        )
        card4all = NetworkFactory(
            slug="card4all",
            name_lv="Card4All",
            name_en="Card4All",
            summary_lv="Hihonas iedzīvotāja karte.",
            summary_en="Gijón's citizen card, transferred to partner cities.",
            good_practice=practice,
        )
    return {
        "jurmala": jurmala,
        "gijon": gijon,
        "chemnitz": chemnitz,
        "card4all": card4all,
        "practice": practice,
    }


@pytest.fixture
def make_article(indexed):
    def make(**fields):
        with indexed():
            return ArticleFactory(**fields)

    return make


@pytest.fixture
def make_update(indexed):
    def make(**fields):
        with indexed():
            return ProgressUpdateFactory(**fields)

    return make


def hours(n):
    return timezone.now() + datetime.timedelta(hours=n)
