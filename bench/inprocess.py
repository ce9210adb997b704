"""Measurements inside one process (Django's test client): each page's queries, bytes and
render times without the page cache, cold and warm, and the admin as an editor uses it."""

import json
import statistics
import subprocess

from environment import PY, ROOT, base_env


def measure_scales(small, large, paths, repeat, rounds=3, tree=None, large_paths=None):
    """Queries, bytes and median render times of each path without the page cache, on the
    `small` and the `large` database (`large_paths` there, when a page has another address
    in it: `pages`): "cold" with every cache emptied before each request (the page rendered
    from the database), "warm" right after a previous request. Measured in `rounds` turns of
    `repeat // rounds` requests on each database: a slow spell of the machine falls on both
    scales rather than on one, and their ratio stays a comparison."""
    return measure_trees([tree], small, large, paths, repeat, rounds, large_paths)[0]


def measure_against(tree, small, large, paths, repeat, rounds=3, large_paths=None):
    """`measure_scales` of this checkout and of `tree` (another commit's), in alternating
    turns (this one, then the other, on each database in each round), so that a slow or a
    fast spell of the machine falls on both: (this checkout's results at the two scales),
    (the other's)."""
    return measure_trees([None, tree], small, large, paths, repeat, rounds, large_paths)


def measure_trees(trees, small, large, paths, repeat, rounds, large_paths=None):
    """`measure_scales` of each checkout of `trees` (None: this one), one after the other
    on each database in each turn."""
    paths_in = {small: paths, large: large_paths or paths}
    return _in_turns(
        [
            lambda url, count, tree=tree: _page_samples(url, paths_in[url], count, tree)
            for tree in trees
        ],
        small,
        large,
        repeat,
        rounds,
    )


def _in_turns(samplers, small, large, repeat, rounds):
    """Each of `samplers` (functions of a database and a number of requests) on the `small`
    and the `large` database, in `rounds` turns: for each, the medians at the two scales."""
    runs = [{small: [], large: []} for _ in samplers]
    for _ in range(rounds):
        for url in (small, large):
            for sample, found in zip(samplers, runs, strict=True):
                found[url].append(sample(url, max(1, repeat // rounds)))
    return [tuple(_medians(_merged(found[url])) for url in (small, large)) for found in runs]


def _merged(runs):
    """The samples of several runs of the same measurement, one list per key."""
    merged = {}
    for run in runs:
        for key, result in run.items():
            if key not in merged:
                merged[key] = {**result, "samples": {}}
            for name, values in result["samples"].items():
                merged[key]["samples"].setdefault(name, []).extend(values)
    return merged


def _medians(results):
    """Each sample list replaced by its median, rounded (ms)."""
    return {
        key: {
            **{name: value for name, value in result.items() if name != "samples"},
            **{
                name: round(statistics.median(values), 2)
                for name, values in result["samples"].items()
            },
        }
        for key, result in results.items()
    }


def _page_samples(database_url, paths, repeat, tree=None):
    script = f"""
import json, time
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
        "samples": {{"render_ms": [t for t, _q, _r in cold],
                    "render_ms_warm": [t for t, _q, _r in warm]}},
    }}
print(json.dumps(result))
"""
    env = {**base_env(database_url, 0, before=tree is not None), "ALLOWED_HOSTS": "testserver"}
    if tree is not None:  # another checkout of the code (see run.before_tree)
        env["STATIC_ROOT"] = str(tree.parent / "before-static")
    return run_django(script, env, tree or ROOT)


ADMIN_PAGES = {
    "admin network list": "/admin/networks/network/",
    "admin update list": "/admin/networks/progressupdate/",
    "admin article list": "/admin/news/article/",
    "admin network form (40 partners)": "/admin/networks/network/{pk}/change/",
}


def measure_admin_scales(small, large, repeat, rounds=3):
    """The admin as an editor uses it, on the `small` and the `large` database: queries and
    median render time (caches emptied before each request) of the change lists and of the
    40-partner network's form, in turns (see `measure_scales`)."""
    return _in_turns([_admin_samples], small, large, repeat, rounds)[0]


def _admin_samples(database_url, repeat):
    script = f"""
import json, time
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
                    "samples": {{"render_ms": times}}}}
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


def run_django(script, env, tree=ROOT):
    """Run a Python snippet that sets Django up in `env`; its last printed line is JSON."""
    output = subprocess.run(
        [PY, "-c", script], cwd=tree, env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def pages(database_url):
    """The benchmark's pages: found in the data, not typed in. The city and the country are
    those of the benchmark network's first partner, which is another city at each scale."""
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


def page_table(targets, in_small, in_large, scale, large_targets=None):
    """Each page's queries, bytes and render times at scale 1 and `scale` (where its address
    is the one of `large_targets`)."""
    large_targets = large_targets or targets
    table = {}
    for name, path in targets.items():
        large = in_large[large_targets[name]]
        table[name] = {
            "path": path,
            "status": in_small[path]["status"],
            "queries": in_small[path]["queries"],
            f"queries_scale{scale}": large["queries"],
            "queries_warm": in_small[path]["queries_warm"],
            f"queries_warm_scale{scale}": large["queries_warm"],
            "bytes": in_small[path]["bytes"],
            "render_ms": in_small[path]["render_ms"],
            f"render_ms_scale{scale}": large["render_ms"],
            "render_ms_warm": in_small[path]["render_ms_warm"],
            f"render_ms_warm_scale{scale}": large["render_ms_warm"],
        }
    return table
