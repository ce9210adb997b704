"""No module of the portal outgrows one screen of scrolling per concept: 400 lines at most
(migrations and tests aside). A module that grows past it is split by concept."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LONGEST = 400
SKIPPED = {"node_modules", "migrations", "tests", "staticfiles"}
# What the benchmark writes (its databases, and a checkout of the commit it compares with).
GENERATED = ("bench", "out")


def test_no_module_is_longer_than_400_lines():
    too_long = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if SKIPPED & set(parts) or any(part.startswith(".") for part in parts):
            continue
        if parts[: len(GENERATED)] == GENERATED:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LONGEST:
            too_long[str(path.relative_to(ROOT))] = lines
    assert not too_long
