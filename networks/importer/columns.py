"""The columns of the networks CSV and how its cells are quoted, the same for the import and
the export (networks.export), so that an export round-trips through the import."""

COLUMNS = (
    "network",
    "network_type",
    "programme",
    "phase",
    "approved_on",
    "good_practice",
    "city",
    "country",
    "organisation",
    "role",
    "newcomer",
)

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"): the export puts a single quote before such a cell, which spreadsheets show as
# text, and the import takes it off again. A cell that starts with the quote itself gets one
# more, so that every value comes back as it was.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    value = str(value)
    return "'" + value if value.startswith((*FORMULA_STARTS, "'")) else value


def restore_cell(value):
    """The value neutralise_cell() was given (a value no export wrote is kept as it is)."""
    if value.startswith("'") and value[1:].startswith((*FORMULA_STARTS, "'")):
        return value[1:]
    return value
