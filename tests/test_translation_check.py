import shutil

import pytest

from urbact_portal.check_translations import problems

pytestmark = pytest.mark.skipif(not shutil.which("msgattrib"), reason="gettext is not installed")

HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);\\n"

"""


def write(tmp_path, entries):
    path = tmp_path / "django.po"
    path.write_text(HEADER + entries, encoding="utf-8")
    return str(path)


def test_a_complete_catalogue_passes(tmp_path):
    path = write(tmp_path, 'msgid "Networks"\nmsgstr "Sadarbības tīkli"\n')
    assert problems(path) == []


def test_untranslated_fuzzy_and_broken_entries_are_reported(tmp_path):
    path = write(
        tmp_path,
        'msgid "Events"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "News"\nmsgstr "Jaunumi"\n\n'
        '#, python-format\nmsgid "%(count)s partners"\nmsgstr "partneri"\n\n'
        'msgid "one city"\nmsgid_plural "%(n)s cities"\n'
        'msgstr[0] "viena pilsēta"\nmsgstr[1] ""\nmsgstr[2] "%(n)s pilsētas"\n',
    )
    found = problems(path)
    assert "untranslated: 'Events'" in found
    assert "untranslated plural form: 'one city'" in found
    assert "fuzzy: 'News'" in found
    assert any("format specification" in problem for problem in found), found
