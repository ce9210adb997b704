"""Fail when a .po file has an untranslated or fuzzy entry, or one that gettext would refuse
to compile: `python -m urbact_portal.check_translations locale/lv/LC_MESSAGES/django.po`.

The entries are read with polib; whether gettext would compile them is gettext's own check
(msgfmt --check, installed with gettext like the compilemessages it serves).
"""

import subprocess
import sys

import polib


def problems(path):
    check = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", path], capture_output=True, text=True
    )
    found = (
        [line for line in check.stderr.splitlines() if line.strip() and ": warning:" not in line]
        if check.returncode
        else []
    )
    catalogue = polib.pofile(path)
    entries = [entry for entry in catalogue if not entry.obsolete]
    for entry in entries:
        if entry.fuzzy:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            forms = entry.msgstr_plural.values()
            if not any(forms):
                found.append(f"untranslated: {entry.msgid!r}")
            elif not all(forms):
                # gettext counts one form filled in as translated: every form must be.
                found.append(f"untranslated plural form: {entry.msgid!r}")
        elif not entry.msgstr:
            found.append(f"untranslated: {entry.msgid!r}")
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
