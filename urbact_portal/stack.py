"""The production stack on one machine, as `make serve-stack` runs it and the smoke test
(tests/stack/) drives it: nginx with deploy/nginx.conf (filled in by `manage.py nginx_conf`) in
front of granian (2 workers that are replaced when one dies) with production settings and the
configured PostgreSQL (DATABASE_URL) and Redis (REDIS_URL). Both listen on loopback only; TLS
belongs to the machine's own nginx server block in front (docs/deploy.md).

    python -m urbact_portal.stack --port 8000 --app-port 9000
"""

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def production_env(**overrides):
    """The environment of the stack's processes: the caller's, with production settings on
    loopback (no TLS here, so no HTTPS redirect, HSTS or Secure-only cookies)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "urbact_portal.settings",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "false",
        "TRUSTED_PROXIES": "127.0.0.1",
    }
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    if not env.get("SECRET_KEY"):
        print("SECRET_KEY is not set: using a new random one (sessions end with the stack).")
        env["SECRET_KEY"] = secrets.token_urlsafe(64)
    env.update(overrides)
    return env


def granian_command(app_port, workers=2):
    """The app server as `make serve-prod` runs it: --blocking-threads 1 (more threads fight
    over the interpreter lock on 2 cores), and a worker that dies is replaced."""
    return [
        str(BIN / "granian"),
        "--interface",
        "wsgi",
        "--workers",
        str(workers),
        "--blocking-threads",
        "1",
        "--respawn-failed-workers",
        "--host",
        "127.0.0.1",
        "--port",
        str(app_port),
        "urbact_portal.wsgi:application",
    ]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


class Stack:
    def __init__(self, *, port, app_port, prefix, env=None, workers=2):
        self.port, self.app_port, self.workers = port, app_port, workers
        self.prefix = Path(prefix).resolve()
        self.env = env or production_env()
        self.granian = self.nginx = None

    def manage(self, *args, **kwargs):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True, **kwargs
        )

    def prepare(self):
        """Static files, the database's tables, the nginx configuration."""
        self.manage("collectstatic", "--no-input", "-v", "0")
        self.manage("migrate", "--no-input", "-v", "0")
        for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "cache"):
            (self.prefix / folder).mkdir(parents=True, exist_ok=True)
        self.manage(
            "nginx_conf",
            f"--prefix={self.prefix}",
            f"--port={self.port}",
            f"--app-port={self.app_port}",
            f"--output={self.conf}",
        )

    @property
    def conf(self):
        return self.prefix / "nginx.conf"

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self):
        self.prepare()
        self.granian = subprocess.Popen(
            granian_command(self.app_port, self.workers),
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
        wait_for(f"http://127.0.0.1:{self.app_port}/healthz")
        self.nginx = subprocess.Popen(
            ["nginx", "-p", str(self.prefix), "-c", str(self.conf), "-g", "daemon off;"],
            start_new_session=True,
        )
        wait_for(self.url("/healthz"))
        return self

    def worker_pids(self):
        """The granian workers' process ids (the children of its main process)."""
        children = Path(f"/proc/{self.granian.pid}/task/{self.granian.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self):
        for process in (self.nginx, self.granian):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in (self.nginx, self.granian):
            if process is not None:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8000, help="nginx, on 127.0.0.1")
    parser.add_argument("--app-port", type=int, default=9000, help="granian, on 127.0.0.1")
    parser.add_argument("--prefix", default=str(ROOT / ".stack"), help="nginx's folder")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    stack = Stack(port=args.port, app_port=args.app_port, prefix=args.prefix, workers=args.workers)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    with stack:
        print(f"The portal through nginx: {stack.url()} (granian on port {args.app_port}).")
        try:
            while not stopping and stack.granian.poll() is None and stack.nginx.poll() is None:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
