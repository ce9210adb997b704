"""`make lighthouse`: Lighthouse (npm, pinned in package.json) with Debian's chromium on the
portal's main pages, mobile and desktop presets, against the production server (DEBUG off,
collected static files, granian as `make serve-prod` runs it, media served by Django) on the
database DATABASE_URL names (the demo, as `make setup` loads it). Fails below the thresholds.

    python bench/lighthouse.py --lighthouse .cache/tools/node_modules/.bin/lighthouse

Reports go to .cache/lighthouse/<page>-<preset>.json; the table goes to stdout.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
OUT = ROOT / ".cache" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)

# name: (address, a map page?)
PAGES = {
    "home": ("/lv/", False),
    "networks": ("/lv/networks/", True),
    "network": ("/lv/networks/card4all/", True),
    "city": ("/lv/cities/lv/riga/", False),
    "country": ("/lv/countries/lv/", True),
    "article": ("/lv/news/23-labas-prakses-parneses-projekti-uzsak-otro-fazi/", False),
    "events": ("/lv/events/", False),
    "calls": ("/lv/calls/", False),
}
PRESETS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
THRESHOLDS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_BLOCKING_MS = 100
MAX_MAP_PAGE_BYTES = 150 * 1024


def serve(port):
    """The production server on `port`, as `make serve-prod` starts it."""
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SERVE_MEDIA": "true",
    }
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    # Pages kept by an earlier server were made by earlier code: measure this code's pages.
    clear = "from django.core.cache import caches; [caches[name].clear() for name in caches]"
    subprocess.run([PY, "manage.py", "shell", "-c", clear], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [
            ROOT / ".venv" / "bin" / "granian",
            *("--interface", "wsgi", "--workers", "2", "--blocking-threads", "1"),
            *("--host", "127.0.0.1", "--port", str(port), "urbact_portal.wsgi:application"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("The production server did not start.")


def status_of(url):
    try:
        return urllib.request.urlopen(url, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


def run(lighthouse, url, preset, report):
    command = [
        lighthouse,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--max-wait-for-load=60000",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    # A loaded machine now and then loses a trace (Lighthouse's NO_NAVSTART): tried again.
    for attempt in range(3):
        done = subprocess.run(command, check=False, env={**os.environ, "CHROME_PATH": CHROME})
        if done.returncode == 0:
            return json.loads(report.read_text())
        print(f"Lighthouse failed on {url} ({preset}), attempt {attempt + 1} of 3")
    raise SystemExit(f"Lighthouse could not measure {url} ({preset}).")


def judge(name, preset, result, is_map_page):
    """(row of the table, failures) for one report."""
    scores = {key: round(100 * (result["categories"][key]["score"] or 0)) for key in CATEGORIES}
    audits = result["audits"]
    blocking = audits["total-blocking-time"]["numericValue"]
    transferred = audits["total-byte-weight"]["numericValue"]
    failures = []
    for key, least in THRESHOLDS.items():
        if scores[key] < least:
            failed = [
                audit["id"]
                for audit in result["categories"][key]["auditRefs"]
                if audit["weight"] and (audits[audit["id"]]["score"] or 0) < 1
            ]
            failures.append(f"{name} ({preset}): {key} {scores[key]} < {least} {failed}")
    if blocking > MAX_BLOCKING_MS:
        failures.append(f"{name} ({preset}): total blocking time {blocking:.0f} ms")
    if is_map_page and transferred > MAX_MAP_PAGE_BYTES:
        failures.append(f"{name} ({preset}): {transferred / 1024:.0f} KB transferred")
    # Lighthouse's measure of the machine's speed at the time: the mobile preset slows the CPU
    # 4x from it, so on a busy machine (an index far under 1000) blocking time is overstated.
    benchmark = result["environment"].get("benchmarkIndex", 0)
    row = (
        f"| {name} | {preset} | {scores['performance']} | {scores['accessibility']} | "
        f"{scores['best-practices']} | {scores['seo']} | {blocking:.0f} | "
        f"{audits['largest-contentful-paint']['numericValue']:.0f} | "
        f"{audits['cumulative-layout-shift']['numericValue']:.3f} | "
        f"{transferred / 1024:.0f} | {benchmark:.0f} |"
    )
    return row, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", required=True)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    parser.add_argument("--pages", default=",".join(PAGES), help="Names of PAGES, comma-separated.")
    parser.add_argument("--presets", default=",".join(PRESETS))
    options = parser.parse_args()
    if not Path(CHROME).exists() or not shutil.which(options.lighthouse):
        raise SystemExit(f"make lighthouse needs {CHROME} (Debian: chromium) and Lighthouse.")
    OUT.mkdir(parents=True, exist_ok=True)
    server = serve(options.port)
    origin = f"http://127.0.0.1:{options.port}"
    rows, failures = [], []
    started = time.monotonic()
    try:
        for name in options.pages.split(","):
            path, is_map_page = PAGES[name]
            status = status_of(origin + path)
            if status != 200:
                failures.append(f"{name}: {path} answers {status}")
                continue
            # The page cache warm, as a visitor after the first finds it.
            status_of(origin + path)
            for preset in options.presets.split(","):
                report = OUT / f"{name}-{preset}.json"
                result = run(options.lighthouse, origin + path, preset, report)
                row, failed = judge(name, preset, result, is_map_page)
                rows.append(row)
                failures += failed
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        "| page | preset | Performance | Accessibility | Best Practices | SEO | TBT ms | "
        "LCP ms | CLS | KB transferred | benchmark index |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"{len(rows)} runs in {time.monotonic() - started:.0f} s")
    for failure in failures:
        print("FAILED", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
