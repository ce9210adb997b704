"""The portal's benchmark: `make bench` (see README, "Performance").

Builds (once) a synthetic database at scale 1 and 10, starts the production server in
production settings on loopback with 2 workers, drives it with wrk, and writes a table with
requests/s, p50/p99 latency, queries per request and bytes, plus the ratios the project holds
itself to. Every load run is bounded in time and targets 127.0.0.1 only.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import search_bench

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = sys.executable
SERVERS = {
    # --blocking-threads 1: more Python threads per worker fight over the GIL on 2 cores.
    "granian": "{bin}/granian --interface wsgi --workers 2 --blocking-threads 1 "
    "--backlog 1024 --host 127.0.0.1 --port {port} urbact_portal.wsgi:application",
    "gunicorn": "{bin}/gunicorn --workers 2 --bind 127.0.0.1:{port} --access-logfile /dev/null "
    "urbact_portal.wsgi:application",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(database_url, cache_seconds):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "urbact_portal.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(OUT / "static"),
        "CACHE_DIR": str(OUT / "cache"),
        "PAGE_CACHE_SECONDS": str(cache_seconds),
        "BENCHMARK_FLOOR": "1",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    if redis_up():
        env["REDIS_URL"] = "redis://127.0.0.1:6379/7"
    return env


def redis_up():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def manage(env, *args, quiet=True):
    subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def prepare_database(scale):
    path = OUT / f"bench-scale{scale}.sqlite3"
    url = f"sqlite:///{path}"
    if not path.exists():
        env = base_env(url, 0)
        print(f"building the scale-{scale} database …", flush=True)
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo")
        manage(env, "generate_bench_data", "--scale", str(scale), quiet=False)
        manage(env, "rebuild_search_index")
        search_index_marker(path).touch()
    else:
        manage(base_env(url, 0), "migrate", "--no-input")  # a database built before a change
    return url


def search_index_marker(path):
    return path.with_name(path.name + ".search-indexed")


def ensure_search_index(database_url, path):
    """A benchmark database built before the search existed gets its index once."""
    marker = search_index_marker(path)
    if not marker.exists():
        env = base_env(database_url, 0)
        print(f"indexing {path.name} for the search …", flush=True)
        manage(env, "migrate", "--no-input")
        manage(env, "rebuild_search_index")
        marker.touch()


# PostgreSQL for the search measurement (its target is set on PostgreSQL): a server on
# loopback, reached as BENCH_POSTGRES_URL (without a database name) says.
BENCH_POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


def prepare_postgres_database(scale):
    """The scale-N benchmark data in PostgreSQL, built once (database urbact_bench_scaleN),
    or None when no PostgreSQL server answers."""
    import psycopg

    name = f"urbact_bench_scale{scale}"
    url = f"{BENCH_POSTGRES_URL}/{name}"
    marker = OUT / f"{name}.built"
    try:
        with psycopg.connect(f"{BENCH_POSTGRES_URL}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists and marker.exists():
                manage(base_env(url, 0), "migrate", "--no-input")
                return url
            print(f"building the scale-{scale} database in PostgreSQL …", flush=True)
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"no PostgreSQL for the search measurement: {error}".strip(), flush=True)
        return None
    env = base_env(url, 0)
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo")
    manage(env, "generate_bench_data", "--scale", str(scale), quiet=False)
    manage(env, "rebuild_search_index")
    marker.write_text(url)
    return url


def measure_search(sqlite_url, scale):
    """The search's timings on the scale-N data: SQLite, and PostgreSQL when there is one."""
    ensure_search_index(sqlite_url, Path(sqlite_url.removeprefix("sqlite:///")))
    runs = {"SQLite": search_bench.measure(sqlite_url, repeat=15)}
    postgres = prepare_postgres_database(scale)
    if postgres:
        runs["PostgreSQL"] = search_bench.measure(postgres, repeat=30)
    return runs


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def flush_cache(env):
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")


class Server:
    def __init__(self, kind, env):
        flush_cache(env)  # every run starts from an empty page cache
        self.port = free_port()
        command = SERVERS[kind].format(bin=Path(PY).parent, port=self.port)
        self.process = subprocess.Popen(
            command.split(),
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self.url("/bench/floor/"))

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=20)


class Nginx:
    def __init__(self, app_port, saved_page):
        self.prefix = OUT / "nginx"
        shutil.rmtree(self.prefix, ignore_errors=True)
        (self.prefix / "saved").mkdir(parents=True)
        (self.prefix / "saved" / "network.html").write_bytes(saved_page)
        self.port = free_port()
        conf = (ROOT / "deploy" / "nginx.conf").read_text()
        for key, value in {
            "@PREFIX@": str(self.prefix),
            "@APP_PORT@": str(app_port),
            "@PORT@": str(self.port),
            "@STATIC_ROOT@": str(OUT / "static"),
        }.items():
            conf = conf.replace(key, value)
        (self.prefix / "nginx.conf").write_text(conf)
        subprocess.run(
            ["nginx", "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf")], check=True
        )
        wait_for(self.url("/saved/network.html"))

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        subprocess.run(
            ["nginx", "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf"), "-s", "quit"],
            check=False,
        )


def wrk(url, seconds, connections, headers=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 30, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {
        "rps": round(rps),
        "p50_ms": to_ms(latency.get("50")),
        "p99_ms": to_ms(latency.get("99")),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def to_ms(value):
    if value is None:
        return None
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 2)


def measure_in_process(database_url, paths, repeat):
    """Queries, bytes and median render times of each path without the page cache: "cold"
    with every cache emptied before each request (the page rendered from the database),
    "warm" with the fragments and figures of the previous request kept."""
    script = f"""
import json, statistics, time
import django
django.setup()
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
result = {{}}
def timed(path, clear):
    if clear:
        for cache in caches.all():
            cache.clear()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path)
        return (time.perf_counter() - started) * 1000, len(queries), response
for path in {paths!r}:
    client.get(path)
    cold = [timed(path, True) for _ in range({repeat})]
    warm = [timed(path, False) for _ in range({repeat})]
    response = cold[-1][2]
    result[path] = {{
        "status": response.status_code, "queries": cold[-1][1], "queries_warm": warm[-1][1],
        "bytes": len(response.content),
        "render_ms": round(statistics.median(t for t, _q, _r in cold), 2),
        "render_ms_warm": round(statistics.median(t for t, _q, _r in warm), 2),
    }}
print(json.dumps(result))
"""
    return run_django(script, {**base_env(database_url, 0), "ALLOWED_HOSTS": "testserver"})


ADMIN_PAGES = {
    "admin network list": "/admin/networks/network/",
    "admin update list": "/admin/networks/progressupdate/",
    "admin article list": "/admin/news/article/",
    "admin network form (40 partners)": "/admin/networks/network/{pk}/change/",
}


def measure_admin(database_url, repeat):
    """The admin as an editor uses it: queries and median render time (caches emptied
    before each request) of the change lists and of the 40-partner network's form."""
    script = f"""
import json, statistics, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from networks.models import Network
user = get_user_model().objects.filter(username="bench-admin").first()
if user is None:
    user = get_user_model().objects.create_superuser("bench-admin", "bench@example.org", None)
client = Client()
client.force_login(user)
pk = Network.objects.get(slug="bench-network").pk
result = {{}}
for name, path in {ADMIN_PAGES!r}.items():
    path = path.format(pk=pk)
    client.get(path)
    times = []
    for _ in range({repeat}):
        for cache in caches.all():
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
    result[name] = {{"path": path, "status": response.status_code, "queries": len(queries),
                    "render_ms": round(statistics.median(times), 2)}}
print(json.dumps(result))
"""
    # Signed in with a password only: the second factor's check is one session read.
    env = {**base_env(database_url, 0), "ALLOWED_HOSTS": "testserver", "STAFF_TWO_FACTOR": "false"}
    return run_django(script, env)


def admin_table(in_small, in_large, scale):
    return {
        name: {
            **in_small[name],
            f"queries_scale{scale}": in_large[name]["queries"],
            f"render_ms_scale{scale}": in_large[name]["render_ms"],
        }
        for name in in_small
    }


def run_django(script, env):
    """Run a Python snippet that sets Django up in `env`; its last printed line is JSON."""
    output = subprocess.run(
        [PY, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def pages(database_url):
    """The benchmark's pages: found in the data, not typed in."""
    script = """
import json, django
django.setup()
from networks.models import Membership
m = Membership.objects.filter(network__slug="bench-network").select_related("city__country").first()
print(json.dumps({"city": m.city.get_absolute_url(), "country": m.city.country.get_absolute_url()}))
"""
    found = run_django(script, base_env(database_url, 0))
    return {
        "home": "/lv/",
        "network list": "/lv/networks/",
        "network section": "/lv/networks/bench-network/",
        "city": found["city"],
        "country": found["country"],
        "article": "/lv/news/bench-article-1/",
        "API list": "/api/v1/networks",
    }


def page_table(targets, in_small, in_large, scale):
    """Each page's queries, bytes and render times at scale 1 and `scale`."""
    table = {}
    for name, path in targets.items():
        table[name] = {
            "path": path,
            "status": in_small[path]["status"],
            "queries": in_small[path]["queries"],
            f"queries_scale{scale}": in_large[path]["queries"],
            "queries_warm": in_small[path]["queries_warm"],
            f"queries_warm_scale{scale}": in_large[path]["queries_warm"],
            "bytes": in_small[path]["bytes"],
            "render_ms": in_small[path]["render_ms"],
            f"render_ms_scale{scale}": in_large[path]["render_ms"],
            "render_ms_warm": in_small[path]["render_ms_warm"],
            f"render_ms_warm_scale{scale}": in_large[path]["render_ms_warm"],
        }
    return table


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--servers", default="granian,gunicorn")
    parser.add_argument("--large-scale", type=int, default=10)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    small = prepare_database(1)
    large = prepare_database(args.large_scale)
    targets = pages(small)
    env = base_env(small, 0)
    manage(env, "collectstatic", "--no-input", "--clear")

    results = {"settings": vars(args), "pages": {}, "servers": {}, "ratios": {}}
    paths = list(targets.values())
    in_small = measure_in_process(small, paths, repeat=15)
    in_large = measure_in_process(large, paths, repeat=15)
    results["search"] = measure_search(large, args.large_scale)
    results["pages"] = page_table(targets, in_small, in_large, args.large_scale)
    # The same pages on PostgreSQL, the production database, when a server answers.
    postgres = [prepare_postgres_database(1), prepare_postgres_database(args.large_scale)]
    if all(postgres):
        pg_targets = pages(postgres[0])
        pg_paths = list(pg_targets.values())
        results["pages_postgres"] = page_table(
            pg_targets,
            measure_in_process(postgres[0], pg_paths, repeat=15),
            measure_in_process(postgres[1], pg_paths, repeat=15),
            args.large_scale,
        )
    results["admin"] = admin_table(
        measure_admin(small, repeat=9), measure_admin(large, repeat=9), args.large_scale
    )
    if all(postgres):
        results["admin_postgres"] = admin_table(
            measure_admin(postgres[0], repeat=9),
            measure_admin(postgres[1], repeat=9),
            args.large_scale,
        )
    live = {name: path for name, path in targets.items() if in_small[path]["status"] == 200}

    best = None
    for kind in args.servers.split(","):
        runs = {}
        for cached in (False, True):
            server = Server(kind, base_env(small, 60 if cached else 0))
            try:
                label = "cached" if cached else "uncached"
                runs[f"floor ({label})"] = wrk(
                    server.url("/bench/floor/"), args.seconds, args.connections
                )
                for name, path in live.items():
                    if cached:
                        urllib.request.urlopen(server.url(path)).read()  # fill the cache
                    runs[f"{name} ({label})"] = wrk(
                        server.url(path), args.seconds, args.connections
                    )
                if cached and kind == args.servers.split(",")[0]:
                    saved = urllib.request.urlopen(server.url(targets["network section"])).read()
                    nginx = Nginx(server.port, saved)
                    try:
                        runs["nginx static copy"] = wrk(
                            nginx.url("/saved/network.html"), args.seconds, args.connections
                        )
                        runs["network section via nginx"] = wrk(
                            nginx.url(targets["network section"]), args.seconds, args.connections
                        )
                    finally:
                        nginx.stop()
            finally:
                server.stop()
        results["servers"][kind] = runs
        if best is None or cached_throughput(runs) > cached_throughput(results["servers"][best]):
            best = kind

    runs = results["servers"][best]
    results["best_server"] = best
    results["ratios"] = ratios(results, runs, live, args.large_scale)
    first = args.servers.split(",")[0]
    if "nginx static copy" in results["servers"][first]:
        nginx_runs = results["servers"][first]
        results["ratios"]["network section via nginx / nginx static (target >= 0.5)"] = round(
            nginx_runs["network section via nginx"]["rps"] / nginx_runs["nginx static copy"]["rps"],
            2,
        )
    same_queries = all(
        page["queries"] == page[f"queries_scale{args.large_scale}"]
        and page["queries_warm"] == page[f"queries_warm_scale{args.large_scale}"]
        for page in results["pages"].values()
        if page["status"] == 200
    )
    same_queries = same_queries and all(
        page["queries"] == page[f"queries_scale{args.large_scale}"]
        for page in results["admin"].values()
    )
    results["ratios"]["same queries at both scales (public pages and admin)"] = same_queries
    for database, runs in results["search"].items():
        overall = search_bench.summary(runs)
        name = f"search p50 ms on {database}, scale {args.large_scale}"
        target = " (target < 20)" if database == "PostgreSQL" else ""
        results["ratios"][f"{name}{target}"] = overall["search_p50_ms"]

    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    markdown = render_markdown(results, args)
    (OUT / "results.md").write_text(markdown)
    print(markdown)


def ratios(results, runs, live, scale):
    """Every ratio the project holds itself to, named with its target."""
    floor = runs["floor (uncached)"]["rps"]
    found = {}
    for name in live:
        found[f"{name} uncached / floor (target >= 0.35)"] = round(
            runs[f"{name} (uncached)"]["rps"] / floor, 2
        )
    for name in live:
        found[f"{name} cached / floor (target >= 0.8)"] = round(
            runs[f"{name} (cached)"]["rps"] / runs["floor (cached)"]["rps"], 2
        )
    databases = {"SQLite": results["pages"]}
    if "pages_postgres" in results:
        databases["PostgreSQL"] = results["pages_postgres"]
    for database, pages in databases.items():
        for name, page in pages.items():
            if page["status"] != 200:
                continue
            found[f"{name} cold render scale {scale} / scale 1, {database} (target <= 1.2)"] = (
                round(page[f"render_ms_scale{scale}"] / page["render_ms"], 2)
            )
        found[f"network list cold render ms at scale {scale}, {database} (target < 30)"] = pages[
            "network list"
        ][f"render_ms_scale{scale}"]
    admins = {"SQLite": ("admin", "pages"), "PostgreSQL": ("admin_postgres", "pages_postgres")}
    for database, (admin_key, pages_key) in admins.items():
        if admin_key not in results:
            continue
        network = results[pages_key]["network section"]
        for name, page in results[admin_key].items():
            for label, suffix in (("scale 1", ""), (f"scale {scale}", f"_scale{scale}")):
                found[
                    f"{name} render / network section cold, {label}, {database} (target <= 2)"
                ] = round(page[f"render_ms{suffix}"] / network[f"render_ms{suffix}"], 2)
    return found


def cached_throughput(runs):
    """What a server is chosen by: its requests/s over all cached pages (what visitors get)."""
    return sum(run["rps"] for name, run in runs.items() if name.endswith("(cached)"))


def page_rows(pages, scale):
    lines = []
    for name, page in pages.items():
        if page["status"] != 200:
            lines.append(f"| {name} `{page['path']}` | status {page['status']} | | | | |")
            continue
        lines.append(
            f"| {name} | {page['queries']} / {page[f'queries_scale{scale}']} "
            f"| {page['queries_warm']} / {page[f'queries_warm_scale{scale}']} | {page['bytes']} "
            f"| {page['render_ms']} / {page[f'render_ms_scale{scale}']} "
            f"| {page['render_ms_warm']} / {page[f'render_ms_warm_scale{scale}']} |"
        )
    return lines


def render_markdown(results, args):
    scale = args.large_scale
    lines = [
        f"wrk -t2 -c{args.connections} -d{args.seconds}s on 127.0.0.1; production settings, "
        f"2 workers; best server (by cached throughput): **{results['best_server']}**. "
        "Uncached runs have the page cache off; template fragments and figures stay on.",
        "",
        "Render times in the process, without the page cache: cold with every cache emptied "
        "first, warm with the fragments and figures of the previous request kept.",
        "",
        f"| page | queries cold (scale 1 / {scale}) | queries warm | bytes "
        f"| render ms cold (scale 1 / {scale}) | render ms warm (scale 1 / {scale}) |",
        "|---|---|---|---|---|---|",
    ]
    lines += page_rows(results["pages"], scale)
    if "pages_postgres" in results:
        lines += ["", "The same on PostgreSQL:", "", lines[4], lines[5]]
        lines += page_rows(results["pages_postgres"], scale)
    for key, database in (("admin", "SQLite"), ("admin_postgres", "PostgreSQL")):
        if key not in results:
            continue
        lines += [
            "",
            f"The admin on {database}, rendered in the process with every cache emptied:",
            "",
            f"| page | queries (scale 1 / {scale}) | render ms (scale 1 / {scale}) |",
            "|---|---|---|",
        ]
        for name, page in results[key].items():
            lines.append(
                f"| {name} | {page['queries']} / {page[f'queries_scale{scale}']} "
                f"| {page['render_ms']} / {page[f'render_ms_scale{scale}']} |"
            )
    for kind, runs in results["servers"].items():
        lines += ["", f"**{kind}**", "", "| run | requests/s | p50 ms | p99 ms | non-2xx |"]
        lines.append("|---|---|---|---|---|")
        for name, run in runs.items():
            lines.append(
                f"| {name} | {run['rps']} | {run['p50_ms']} | {run['p99_ms']} | {run['errors']} |"
            )
    for database, runs in results.get("search", {}).items():
        lines += ["", search_bench.render_markdown(runs, f"{database}, scale {scale}").rstrip()]
    lines += ["", "| ratio | value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in results["ratios"].items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
