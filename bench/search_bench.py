"""The search's part of the benchmark (`make bench`; see README, "Performance" and "Search").

Times the search on a benchmark database in the process, without the page cache: the
search itself (its two or three SQL queries, `search.query.search`) and the whole page
through Django's test client, each query repeated, and reports medians (p50) and p95 with the
number of SQL queries. The queries are a network's acronym, a city's name with and without
its diacritics, a word found in most texts, a misspelt name (no result, a trigram suggestion)
and two words, in Latvian and English.

    python bench/search_bench.py --database-url postgres://postgres@127.0.0.1:5432/urbact_bench
    python bench/search_bench.py --database-url sqlite:///bench/out/bench-scale10.sqlite3

The database needs the benchmark data (`generate_bench_data`) and a current index
(`rebuild_search_index`, which `--rebuild` runs first).
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
STATIC_ROOT = ROOT / "bench" / "out" / "static"

# (language, query): found in the benchmark data, not typed in.
QUERIES = [
    ("lv", "NET1234"),
    ("en", "Network 2345"),
    ("lv", "Pilsēta 12345"),
    ("lv", "pilseta 12345"),
    ("en", "housing"),
    ("lv", "Chemnits"),
    ("en", "heritage mobility"),
    ("lv", "Jūrmala"),
]

SCRIPT = """
import json, statistics, time
import django
django.setup()
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from search.query import search

queries, repeat = json.loads(QUERIES_JSON), REPEAT
client = Client()
def percentile(values, share):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(share * len(values)))], 2)
result = {}
for language, query in queries:
    with translation.override(language):
        search(query, language)  # warm the connection and the database's caches
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                found = search(query, language)
                list(found.page.object_list)
                times.append((time.perf_counter() - started) * 1000)
            # Counted now: a request (the page timings below) empties the connection's log.
            query_count = len(captured)
    page_times = []
    for _ in range(repeat):
        for cache in caches.all():
            cache.clear()
        started = time.perf_counter()
        response = client.get(f"/{language}/search/", {"q": query})
        page_times.append((time.perf_counter() - started) * 1000)
    result[f"{language}: {query}"] = {
        "results": found.total,
        "suggestion": found.suggestion,
        "queries": query_count,
        "status": response.status_code,
        "search_p50_ms": percentile(times, 0.5),
        "search_p95_ms": percentile(times, 0.95),
        "page_p50_ms": percentile(page_times, 0.5),
    }
print(json.dumps(result))
"""


def measure(database_url, repeat=30, rebuild=False):
    """Timings per query on the database at `database_url` (see the module's text)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "urbact_portal.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "false",
        "PAGE_CACHE_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
        "STATIC_ROOT": str(STATIC_ROOT),
    }
    env.pop("REDIS_URL", None)
    if not (STATIC_ROOT / "staticfiles.json").exists():
        # Production settings name static files by their hash, from collectstatic's manifest.
        subprocess.run(
            [PY, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    if rebuild:
        subprocess.run([PY, "manage.py", "rebuild_search_index"], cwd=ROOT, env=env, check=True)
    script = SCRIPT.replace("QUERIES_JSON", repr(json.dumps(QUERIES))).replace(
        "REPEAT", str(repeat)
    )
    run = subprocess.run([PY, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode:
        raise RuntimeError(f"the search measurement failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def summary(results):
    """The median of the queries' medians: one number for the search."""
    values = sorted(row["search_p50_ms"] for row in results.values())
    pages = sorted(row["page_p50_ms"] for row in results.values())
    return {"search_p50_ms": values[len(values) // 2], "page_p50_ms": pages[len(pages) // 2]}


def render_markdown(results, label):
    lines = [
        f"Search on {label} (in the process, page cache off; ms):",
        "",
        "| query | results | SQL queries | search p50 | search p95 | page p50 |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in results.items():
        found = row["results"] if not row["suggestion"] else f"0, “{row['suggestion']}”?"
        lines.append(
            f"| {name} | {found} | {row['queries']} | {row['search_p50_ms']} "
            f"| {row['search_p95_ms']} | {row['page_p50_ms']} |"
        )
    overall = summary(results)
    lines += [
        "",
        f"Median over the queries: search {overall['search_p50_ms']} ms, "
        f"page {overall['page_p50_ms']} ms.",
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index first")
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    results = measure(args.database_url, args.repeat, args.rebuild)
    print(render_markdown(results, args.label or args.database_url.split("@")[-1]))


if __name__ == "__main__":
    main()
