"""`make loadtest`: the production server (granian, 2 workers, production settings) on loopback
with the demo data, driven by wrk at 50 connections for 60 s (`--seconds` to change) over the
main pages in turn. Prints requests/s, p50/p99 latency and the errors (non-2xx/3xx answers and
socket errors) and exits non-zero when there is any error. Targets 127.0.0.1 only.
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from run import OUT, Server, base_env, manage, to_ms

PAGES = [
    "/lv/",
    "/en/",
    "/lv/networks/",
    "/en/networks/?network_type=transfer-network&phase=2",
    "/lv/networks/card4all/",
    "/en/networks/alt-bau/",
    "/lv/news/",
    "/lv/news/23-labas-prakses-parneses-projekti-uzsak-otro-fazi/",
    "/lv/countries/lv/",
    "/en/cities/lv/riga/",
    "/lv/events/",
    "/api/v1/networks",
    "/api/v1/figures?phase=2",
]
ROTATE = """
paths = {%s}
counter = 0
request = function()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter])
end
"""


def prepare_database():
    path = OUT / "loadtest.sqlite3"
    path.unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    env = base_env(url, 60)
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input")
    return env


def run_wrk(url, seconds, connections):
    script = ROTATE % ", ".join(f'"{page}"' for page in PAGES)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    output = subprocess.run(
        [*command, "-s", lua.name, url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    Path(lua.name).unlink()
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": round(float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))),
        "p50_ms": to_ms(latency.get("50")),
        "p99_ms": to_ms(latency.get("99")),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    if not 1 <= args.seconds <= 600 or not 1 <= args.connections <= 200:
        parser.error("keep the run bounded: 1-600 s, 1-200 connections")
    OUT.mkdir(parents=True, exist_ok=True)
    env = prepare_database()
    server = Server("granian", env)
    try:
        for page in PAGES:  # every page answers before the load starts
            status = subprocess.run(
                ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", server.url(page)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            if status != "200":
                print(f"{page} answered {status}")
                return 1
        result = run_wrk(server.url("/"), args.seconds, args.connections)
    finally:
        server.stop()
    errors = result["non_2xx"] + result["socket_errors"]
    print(
        f"{len(PAGES)} pages, {args.connections} connections, {args.seconds} s: "
        f"{result['requests']} requests, {result['rps']} requests/s, "
        f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, "
        f"errors {errors} (non-2xx/3xx {result['non_2xx']}, socket {result['socket_errors']})"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
