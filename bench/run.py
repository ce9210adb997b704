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
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import search_bench
from environment import (
    OUT,
    PY,
    ROOT,
    base_env,
    ensure_search_index,
    free_port,
    manage,
    prepare_database,
    prepare_postgres_database,
)
from inprocess import (
    admin_table,
    measure_admin_scales,
    measure_against,
    measure_scales,
    page_table,
    pages,
)
from report import cached_throughput, ratios, render_markdown

SERVERS = {
    # --blocking-threads 1: more Python threads per worker fight over the GIL on 2 cores.
    "granian": "{bin}/granian --interface wsgi --workers 2 --blocking-threads 1 "
    "--respawn-failed-workers --backlog 1024 --host 127.0.0.1 --port {port} "
    "urbact_portal.wsgi:application",
    "gunicorn": "{bin}/gunicorn --workers 2 --bind 127.0.0.1:{port} --access-logfile /dev/null "
    "urbact_portal.wsgi:application",
}


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
    def __init__(self, kind, env, tree=ROOT):
        flush_cache(env)  # every run starts from an empty page cache
        self.port = free_port()
        command = SERVERS[kind].format(bin=Path(PY).parent, port=self.port)
        self.process = subprocess.Popen(
            command.split(),
            cwd=tree,
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
        # The portal's own command fills in the template (its upload limit from the settings).
        manage(
            base_env("sqlite://", 0),
            "nginx_conf",
            f"--prefix={self.prefix}",
            f"--port={self.port}",
            f"--app-port={app_port}",
            f"--static-root={OUT / 'static'}",
            f"--media-root={OUT / 'media'}",
            f"--output={self.prefix / 'nginx.conf'}",
        )
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


def before_tree(ref, database_url):
    """A checkout of `ref` in bench/out/before, with its translations compiled and its static
    files collected, to measure the pages before a change in the same run as after it (the
    databases are shared: `ref` must have the same models)."""
    tree = OUT / "before"
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{ref}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    remove_before_tree()
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(tree), commit],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    env = {**base_env(database_url, 0, before=True), "STATIC_ROOT": str(OUT / "before-static")}
    for command in (["compilemessages", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"]):
        subprocess.run([PY, "manage.py", *command], cwd=tree, env=env, check=True)
    return tree, commit[:12]


def remove_before_tree():
    tree = OUT / "before"
    subprocess.run(
        ["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True
    )
    shutil.rmtree(tree, ignore_errors=True)


def measure_before(ref, small, large, targets, large_targets, args):
    """The pages as `ref` renders them: in the process (SQLite, scale 1 and 10, at the
    addresses of `targets` and `large_targets`) and served uncached by the first server,
    with its own floor."""
    tree, commit = before_tree(ref, small)
    try:
        large_targets = {name: large_targets[name] for name in targets}
        after, before = measure_against(
            tree,
            small,
            large,
            list(targets.values()),
            repeat=15,
            large_paths=list(large_targets.values()),
        )
        table = page_table(targets, *before, args.large_scale, large_targets)
        table_after = page_table(targets, *after, args.large_scale, large_targets)
        kind = args.servers.split(",")[0]
        env = {**base_env(small, 0, before=True), "STATIC_ROOT": str(OUT / "before-static")}
        server = Server(kind, env, tree)
        try:
            runs = {
                "floor (uncached)": wrk(server.url("/bench/floor/"), args.seconds, args.connections)
            }
            for name, path in targets.items():
                runs[f"{name} (uncached)"] = wrk(server.url(path), args.seconds, args.connections)
        finally:
            server.stop()
    finally:
        remove_before_tree()
    # The pages after, measured again in turns with these (see measure_against): what they
    # are compared with.
    return {
        "commit": commit,
        "server": kind,
        "pages": table,
        "pages_after": table_after,
        "runs": runs,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--servers", default="granian,gunicorn")
    parser.add_argument("--large-scale", type=int, default=10)
    parser.add_argument(
        "--before",
        metavar="REF",
        help="also measure the pages as this commit renders them (same models), for a "
        "before/after comparison in one run",
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    small = prepare_database(1)
    large = prepare_database(args.large_scale)
    targets, large_targets = pages(small), pages(large)
    env = base_env(small, 0)
    manage(env, "collectstatic", "--no-input", "--clear")

    results = {"settings": vars(args), "pages": {}, "servers": {}, "ratios": {}}
    in_small, in_large = measure_scales(
        small,
        large,
        list(targets.values()),
        repeat=15,
        large_paths=list(large_targets.values()),
    )
    results["search"] = measure_search(large, args.large_scale)
    results["pages"] = page_table(targets, in_small, in_large, args.large_scale, large_targets)
    # The same pages on PostgreSQL, the production database, when a server answers.
    postgres = [prepare_postgres_database(1), prepare_postgres_database(args.large_scale)]
    if all(postgres):
        pg_targets, pg_large_targets = pages(postgres[0]), pages(postgres[1])
        measured = measure_scales(
            *postgres,
            list(pg_targets.values()),
            repeat=15,
            large_paths=list(pg_large_targets.values()),
        )
        results["pages_postgres"] = page_table(
            pg_targets, *measured, args.large_scale, pg_large_targets
        )
    results["admin"] = admin_table(*measure_admin_scales(small, large, repeat=9), args.large_scale)
    if all(postgres):
        results["admin_postgres"] = admin_table(
            *measure_admin_scales(*postgres, repeat=9), args.large_scale
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

    if args.before:
        results["before"] = measure_before(args.before, small, large, live, large_targets, args)
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


if __name__ == "__main__":
    main()
