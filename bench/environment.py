"""What the benchmark runs in: the production settings on loopback, and its databases
(SQLite and PostgreSQL at scale 1 and 10), built once in bench/out/."""

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "bench" / "out"

PY = sys.executable

# Where the benchmark's cache and PostgreSQL databases live, so that runs on a shared machine
# each use their own: a Redis database number, and a prefix of the PostgreSQL database names.
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
BENCH_DATABASE_PREFIX = os.environ.get("BENCH_DATABASE_PREFIX", "urbact_bench")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(database_url, cache_seconds, before=False):
    """The environment of the portal's processes; `before`: of a commit measured for
    comparison, from before the benchmark had its own settings (`bench/settings.py`)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "urbact_portal.settings" if before else "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(OUT / "static"),
        "CACHE_DIR": str(OUT / "cache"),
        "PAGE_CACHE_SECONDS": str(cache_seconds),
        "LOG_LEVEL": "ERROR",
    }
    if before:
        env["BENCHMARK_FLOOR"] = "1"  # its floor was a view of its own, behind this switch
    env.pop("REDIS_URL", None)
    if redis_up():
        env["REDIS_URL"] = BENCH_REDIS_URL
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
    """The scale-N benchmark data in PostgreSQL, built once (database
    <BENCH_DATABASE_PREFIX>_scaleN), or None when no PostgreSQL server answers."""
    import psycopg

    name = f"{BENCH_DATABASE_PREFIX}_scale{scale}"
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
