"""Fail when a .po file has an untranslated or fuzzy entry, or one that gettext would refuse
to compile: `python -m urbact_portal.check_translations locale/lv/LC_MESSAGES/django.po`.

The reading is gettext's own (msgfmt --check, msgattrib), installed with gettext like the
compilemessages it serves.
"""

import re
import subprocess
import sys


def _msgids(po_text):
    """The msgids of the entries in `po_text` (msgattrib's output), header left out."""
    found = []
    for block in po_text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if match:
            msgid = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1)))
            if msgid:
                found.append(msgid)
    return found


def problems(path):
    check = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", path], capture_output=True, text=True
    )
    found = (
        [line for line in check.stderr.splitlines() if line.strip() and ": warning:" not in line]
        if check.returncode
        else []
    )
    for option, label in (("--untranslated", "untranslated"), ("--only-fuzzy", "fuzzy")):
        output = subprocess.run(
            ["msgattrib", option, "--no-wrap", path],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        found += [f"{label}: {msgid!r}" for msgid in _msgids(output)]
    # gettext counts a plural entry with one form filled in as translated: every form must be.
    translated = subprocess.run(
        ["msgattrib", "--translated", "--no-fuzzy", "--no-wrap", path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for block in translated.split("\n\n"):
        if re.search(r'^msgstr\[\d+\] ""$', block, re.M):
            found += [f"untranslated plural form: {msgid!r}" for msgid in _msgids(block)]
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
