"""Fail when a .po file has an untranslated or fuzzy entry: `python -m
urbact_portal.check_translations locale/lv/LC_MESSAGES/django.po`."""

import ast
import sys
from pathlib import Path


def _entries(text):
    entry = {"flags": "", "msgid": [], "msgstr": {}, "current": None}
    for raw in text.splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry["msgid"] or entry["msgstr"]:
                yield entry
            entry = {"flags": "", "msgid": [], "msgstr": {}, "current": None}
            continue
        if line.startswith("#,"):
            entry["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            entry["current"] = entry["msgid"]
            entry["msgid"].append(ast.literal_eval(line[6:]))
        elif line.startswith("msgid_plural ") or line.startswith("msgctxt "):
            entry["current"] = []
        elif line.startswith("msgstr"):
            key, _, value = line.partition(" ")
            entry["current"] = entry["msgstr"].setdefault(key, [])
            entry["current"].append(ast.literal_eval(value))
        elif line.startswith('"') and entry["current"] is not None:
            entry["current"].append(ast.literal_eval(line))


def problems(path):
    found = []
    for entry in _entries(Path(path).read_text(encoding="utf-8")):
        msgid = "".join(entry["msgid"])
        if not msgid:
            continue  # the header
        if "fuzzy" in entry["flags"]:
            found.append(f"fuzzy: {msgid!r}")
        elif not entry["msgstr"] or any(not "".join(parts) for parts in entry["msgstr"].values()):
            found.append(f"untranslated: {msgid!r}")
    return found


def main(paths):
    failed = False
    for path in paths:
        for problem in problems(path):
            print(f"{path}: {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
