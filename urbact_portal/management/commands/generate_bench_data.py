"""Build a synthetic, deterministic database for benchmarks.

Scale 1 is about 300 networks across the programmes, 3,000 cities in 30 countries, 4,000
memberships, 20,000 progress updates and 5,000 articles in both languages; scale N is N times
that. One network ("bench-network") always has 40 partners and 500 published updates, so the
benchmark's network page is the same at every scale. Rows go in with bulk inserts; the
database's planner statistics are refreshed at the end.
"""

import datetime
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname

from cities.models import City, Country
from core.cache import bump_content_version
from core.languages import codes, default_language
from networks.models import (
    Membership,
    Network,
    NetworkType,
    Period,
    Phase,
    Programme,
    ProgressUpdate,
    Theme,
)
from news.models import Article

BATCH = 2000
BENCH_NETWORK = "bench-network"
COUNTRIES = 30
PER_SCALE = {
    "networks": 300,
    "cities": 3000,
    "memberships": 4000,
    "updates": 20000,
    "articles": 5000,
}
WORDS_TEXT = (
    "city network partner urban renewal housing mobility climate participation culture "
    "learning sharing transfer plan action local regeneration heritage inclusion digital "
    "green economy youth neighbourhood public space energy food governance"
)
WORDS = WORDS_TEXT.split()


def sentence(rng, words=12):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def paragraph(rng, sentences=6):
    return " ".join(sentence(rng) for _ in range(sentences))


def _texts(field, native, english):
    """`field` in every language: `native` (Latvian words) in the default language, `english`
    in the others. Both are worked out before the call, so the random sequence is the same
    whatever the languages."""
    return {
        build_localized_fieldname(field, code): native if code == default_language() else english
        for code in codes()
    }


class Command(BaseCommand):
    help = "Fill the database with deterministic synthetic data for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)
        parser.add_argument("--seed", type=int, default=2018)

    def handle(self, *args, scale, seed, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if Network.objects.filter(slug=BENCH_NETWORK).exists():
            raise CommandError("Benchmark data is already loaded; use an empty database.")
        rng = random.Random(seed)
        started = timezone.now()
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            counts = self.generate(rng, scale)
        bump_content_version()  # written in bulk, without signals
        # What PostgreSQL's autovacuum does some minutes later: planner statistics for the new
        # rows (without them SQLite walks all articles for a network's news) and, on
        # PostgreSQL, the visibility map that lets a count read an index instead of the table.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        seconds = (timezone.now() - started).total_seconds()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Generated {summary} in {seconds:.1f} s"))

    def generate(self, rng, scale):
        n = {name: count * scale for name, count in PER_SCALE.items()}
        programmes = [
            Programme.objects.get_or_create(
                slug=slug, defaults={"name": name, "start_year": start, "end_year": end}
            )[0]
            for slug, name, start, end in [
                ("urbact-ii", "URBACT II", 2007, 2013),
                ("urbact-iii", "URBACT III", 2014, 2020),
                ("urbact-iv", "URBACT IV", 2021, 2027),
            ]
        ]
        types = [
            NetworkType.objects.get_or_create(slug=slug, defaults=_texts("name", lv, en))[0]
            for slug, lv, en in [
                ("transfer-network", "Labās prakses pārneses tīkls", "Transfer Network"),
                ("action-planning-network", "Rīcības plānošanas tīkls", "Action Planning Network"),
            ]
        ]
        themes = [
            Theme.objects.get_or_create(
                slug=f"bench-theme-{i}",
                defaults=_texts("name", f"Tēma {i}", f"Theme {i}"),
            )[0]
            for i in range(8)
        ]
        codes = sorted(
            {f"{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(200, 200 + COUNTRIES)}
        )
        Country.objects.bulk_create(
            [
                Country(code=code, **_texts("name", f"Valsts {code}", f"Country {code}"))
                for code in codes
            ],
            ignore_conflicts=True,
        )
        countries = list(Country.objects.filter(code__in=codes))
        City.objects.bulk_create(
            [
                City(
                    **_texts("name", f"Pilsēta {i}", f"City {i}"),
                    slug=f"bench-city-{i}",
                    country=countries[i % len(countries)],
                    population=rng.randint(5_000, 2_000_000),
                    latitude=round(rng.uniform(36, 68), 5),
                    longitude=round(rng.uniform(-9, 30), 5),
                )
                for i in range(n["cities"])
            ],
            batch_size=BATCH,
        )
        cities = list(City.objects.filter(slug__startswith="bench-city-").order_by("pk"))

        networks = []
        for i in range(n["networks"]):
            programme = programmes[i % len(programmes)]
            start = datetime.date(programme.start_year + rng.randint(0, 5), rng.randint(1, 12), 1)
            networks.append(
                Network(
                    **_texts("name", f"Tīkls {i}", f"Network {i}"),
                    acronym=f"NET{i}",
                    slug=BENCH_NETWORK if i == 0 else f"bench-network-{i}",
                    network_type=types[i % len(types)],
                    programme=programme,
                    **_texts("summary", paragraph(rng), paragraph(rng)),
                    **_texts("goals", paragraph(rng, 3), paragraph(rng, 3)),
                    planned_start=start,
                    planned_end=start + datetime.timedelta(days=730),
                )
            )
        Network.objects.bulk_create(networks, batch_size=BATCH)
        networks = list(Network.objects.filter(slug__startswith=BENCH_NETWORK).order_by("pk"))
        Network.themes.through.objects.bulk_create(
            [
                Network.themes.through(network=network, theme=rng.choice(themes))
                for network in networks
            ],
            batch_size=BATCH,
        )
        phases = Phase.objects.bulk_create(
            [
                Phase(
                    network=network,
                    number=2,
                    start=network.planned_start,
                    end=network.planned_end,
                    approved_on=network.planned_start - datetime.timedelta(days=28),
                )
                for network in networks
            ],
            batch_size=BATCH,
        )
        Period.objects.bulk_create(
            [
                period
                for phase in phases
                for period in (
                    Period(
                        phase=phase,
                        kind="learning",
                        start=phase.start,
                        end=phase.start + datetime.timedelta(days=547),
                    ),
                    Period(
                        phase=phase,
                        kind="sharing",
                        start=phase.start + datetime.timedelta(days=548),
                        end=phase.end,
                    ),
                )
            ],
            batch_size=BATCH,
        )

        # The benchmark network: 40 partners. The rest spread over the other networks.
        memberships = []
        pairs = set()
        bench, others = networks[0], networks[1:]
        for order, city in enumerate(rng.sample(cities, 40)):
            pairs.add((bench.pk, city.pk))
            memberships.append(
                Membership(
                    network=bench,
                    city=city,
                    order=order,
                    role="lead_partner" if order == 0 else "partner",
                    is_newcomer=rng.random() < 0.37,
                )
            )
        leads = set()
        while len(memberships) < n["memberships"]:
            network, city = rng.choice(others), rng.choice(cities)
            if (network.pk, city.pk) in pairs:
                continue
            pairs.add((network.pk, city.pk))
            lead = network.pk not in leads
            leads.add(network.pk)
            memberships.append(
                Membership(
                    network=network,
                    city=city,
                    role="lead_partner" if lead else "partner",
                    is_newcomer=rng.random() < 0.37,
                )
            )
        Membership.objects.bulk_create(memberships, batch_size=BATCH)

        today = timezone.localdate()
        updates = [self.update(rng, bench, i, today) for i in range(500)] + [
            self.update(rng, rng.choice(others), i, today) for i in range(500, n["updates"])
        ]
        ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)

        now = timezone.now()
        Article.objects.bulk_create(
            [
                Article(
                    **_texts(
                        "title", f"Ziņa {i}: {sentence(rng, 6)}", f"News {i}: {sentence(rng, 6)}"
                    ),
                    slug=f"bench-article-{i}",
                    **_texts("lead", sentence(rng, 20), sentence(rng, 20)),
                    **_texts(
                        "body",
                        "".join(f"<p>{paragraph(rng)}</p>" for _ in range(4)),
                        "".join(f"<p>{paragraph(rng)}</p>" for _ in range(4)),
                    ),
                    status="published",
                    published_at=now - datetime.timedelta(hours=i + 1),
                    edited_at=now - datetime.timedelta(hours=i + 1),
                )
                for i in range(n["articles"])
            ],
            batch_size=BATCH,
        )
        articles = list(
            Article.objects.filter(slug__startswith="bench-article-").values_list("pk", flat=True)
        )
        Article.networks.through.objects.bulk_create(
            [
                Article.networks.through(article_id=pk, network=rng.choice(networks))
                for pk in articles
            ],
            batch_size=BATCH,
        )
        return {
            "countries": len(countries),
            "cities": len(cities),
            "networks": len(networks),
            "memberships": len(memberships),
            "updates": len(updates),
            "articles": len(articles),
        }

    @staticmethod
    def update(rng, network, i, today):
        return ProgressUpdate(
            network=network,
            **_texts("title", f"Jaunums {i}", f"Update {i}"),
            slug=f"update-{i}",
            **_texts("body", paragraph(rng), paragraph(rng)),
            date=today - datetime.timedelta(days=i % 1500 + 1),
            status="published",
        )
