"""Characters the database refuses (a NUL byte, other control characters) are named with their
row and column in the preview, on SQLite and on PostgreSQL alike, and nothing is written."""

import pytest

from networks.admin_import import SESSION_KEY
from networks.importer.apply import import_networks
from networks.importer.rows import ImportFailed
from networks.models import Network
from tests.csvdata import phase2_rows, to_csv, transfer_network_template
from tests.networks.test_admin_import import URL, editor, upload  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("character", "code"), [("\x00", "U+0000"), ("\x1b", "U+001B")])
def test_a_control_character_is_named_with_its_row_and_column(character, code):
    rows = phase2_rows(networks=1, partners_per_network=3)
    rows[1]["organisation"] = f"City{character}hall"
    with pytest.raises(ImportFailed) as failure:
        import_networks(to_csv(rows).encode())
    [error] = failure.value.errors
    assert (error.row, error.column) == (3, "organisation")
    assert code in error.message
    assert Network.objects.count() == 0


def test_the_preview_names_a_nul_byte_and_offers_no_confirmation(editor):  # noqa: F811
    rows = phase2_rows(networks=1, partners_per_network=3)
    rows[2]["city"] = "Rīga\x00"
    page = editor.post(URL, {"file": upload(to_csv(rows))}).content.decode()
    assert "<td>4</td><td>city</td>" in page
    assert "U+0000" in page
    assert SESSION_KEY not in editor.session
    assert Network.objects.count() == 0


def test_tabs_and_line_breaks_inside_a_cell_are_kept():
    transfer_network_template()
    rows = phase2_rows(networks=1, partners_per_network=2)
    rows[1]["organisation"] = "Pašvaldības\taģentūra"
    import_networks(to_csv(rows).encode())
    assert Network.objects.count() == 1
