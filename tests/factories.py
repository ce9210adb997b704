"""Small factories that fill both languages of every translated field."""

import datetime
import zoneinfo

import factory
from django.utils import timezone

from calls.models import Call
from cities.models import City, Country
from networks.models import (
    Approval,
    Event,
    GoodPractice,
    Membership,
    Network,
    NetworkType,
    Output,
    Phase,
    Programme,
    ProgressUpdate,
    Theme,
)
from news.models import Article


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name_lv = factory.LazyAttribute(lambda o: f"Valsts {o.code}")
    name_en = factory.LazyAttribute(lambda o: f"Country {o.code}")


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name_lv = factory.Sequence(lambda n: f"Pilsēta {n}")
    name_en = factory.Sequence(lambda n: f"City {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = factory.SubFactory(CountryFactory)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["slug"]

    name = "URBACT III"
    slug = "urbact-iii"
    start_year = 2014
    end_year = 2020


class NetworkTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkType
        django_get_or_create = ["slug"]

    name_lv = "Labās prakses pārneses tīkls"
    name_en = "Transfer Network"
    slug = "transfer-network"


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name_lv = factory.Sequence(lambda n: f"Tēma {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodPractice

    title_lv = factory.Sequence(lambda n: f"Labā prakse {n}")
    title_en = factory.Sequence(lambda n: f"Good practice {n}")
    city = factory.SubFactory(CityFactory)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name_lv = factory.Sequence(lambda n: f"Tīkls {n}")
    name_en = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    network_type = factory.SubFactory(NetworkTypeFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    planned_start = datetime.date(2019, 1, 1)
    planned_end = datetime.date(2020, 12, 31)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    city = factory.SubFactory(CityFactory)
    role = "partner"


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    network = factory.SubFactory(NetworkFactory)
    number = 2
    start = datetime.date(2019, 1, 1)
    end = datetime.date(2020, 12, 31)
    approved_on = datetime.date(2018, 12, 4)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    network = factory.SubFactory(NetworkFactory)
    title_lv = factory.Sequence(lambda n: f"Jaunums {n}")
    title_en = factory.Sequence(lambda n: f"Update {n}")
    slug = factory.Sequence(lambda n: f"update-{n}")
    body_lv = "<p>Teksts.</p>"
    body_en = "<p>Text.</p>"
    date = datetime.date(2019, 6, 1)
    status = "published"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title_lv = factory.Sequence(lambda n: f"Pasākums {n}")
    title_en = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    start_date = datetime.date(2019, 1, 15)
    end_date = datetime.date(2019, 1, 15)

    @factory.post_generation
    def network(self, create, extracted, **kwargs):
        """`EventFactory(network=n)`: an event of that one network."""
        if create and extracted is not None:
            self.networks.add(extracted)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title_lv = factory.Sequence(lambda n: f"Raksts {n}")
    title_en = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    body_lv = "<p>Teksts.</p>"
    body_en = "<p>Text.</p>"
    status = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class OutputFactory(factory.django.DjangoModelFactory):
    """A network's output given as a link (pass `file=` for a stored file and `url=""`)."""

    class Meta:
        model = Output

    network = factory.SubFactory(NetworkFactory)
    kind = "transfer_plan"
    title = factory.Sequence(lambda n: f"Output {n}")
    url = factory.Sequence(lambda n: f"https://urbact.eu/outputs/{n}")
    language = "en"


class ApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Approval

    programme = factory.SubFactory(ProgrammeFactory)
    network_type = factory.SubFactory(NetworkTypeFactory)
    phase = 1
    approved_on = datetime.date(2023, 5, 31)
    announced_networks = 30
    announced_partners = 252


class CallFactory(factory.django.DjangoModelFactory):
    """A published call, open from 17 March to 17 June 2026 (15:00 Paris time), its networks
    running from 1 November 2026 to 30 April 2029."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    title_lv = factory.Sequence(lambda n: f"Konkurss {n}")
    title_en = factory.Sequence(lambda n: f"Call {n}")
    slug = factory.Sequence(lambda n: f"call-{n}")
    programme = factory.SubFactory(ProgrammeFactory)
    network_type = factory.SubFactory(NetworkTypeFactory)
    opens_at = datetime.datetime(2026, 3, 17, tzinfo=zoneinfo.ZoneInfo("Europe/Riga"))
    closes_at = datetime.datetime(2026, 6, 17, 15, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    networks_start = datetime.date(2026, 11, 1)
    networks_end = datetime.date(2029, 4, 30)
    status = "published"

    @factory.post_generation
    def events(self, create, extracted, **kwargs):
        """`CallFactory(events=[e1, e2])`: the call's info days."""
        if create and extracted:
            self.events.set(extracted)
