"""The release this process runs: what names the code in everything cached
(`core.cache`), so a part rendered by one release is never served by another."""

import functools
import importlib.metadata
import uuid

from django.conf import settings


def release():
    """The release this process runs, so fragments rendered by an earlier one are never served
    by a newer one: the `RELEASE` setting (the deployed commit, set by the deployment), else
    the checkout's commit, else the package's version. While developing (DEBUG) every request
    gets a release of its own, so an edited template shows at once."""
    if settings.DEBUG:
        return f"dev.{uuid.uuid4().hex}"
    return settings.RELEASE or _deployed_release()


@functools.cache
def _deployed_release():
    return _checkout_commit(settings.BASE_DIR / ".git") or _package_version()


def _checkout_commit(git):
    """The commit `git` (a checkout's .git folder) is at, or None: read from its files, as
    git itself would, without running git."""
    try:
        head = (git / "HEAD").read_text().strip()
    except OSError:
        return None
    if not head.startswith("ref: "):
        return head[:12] or None
    ref = head.removeprefix("ref: ")
    try:
        return (git / ref).read_text().strip()[:12]
    except OSError:
        pass
    try:
        for line in (git / "packed-refs").read_text().splitlines():
            commit, _space, name = line.partition(" ")
            if name == ref:
                return commit[:12]
    except OSError:
        pass
    return None


def _package_version():
    try:
        return importlib.metadata.version("urbact-portal")
    except importlib.metadata.PackageNotFoundError:
        return "unreleased"
