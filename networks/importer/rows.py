"""Reading the file and checking one row at a time: the header, the encoding, each row's
values (required columns, lengths, phase numbers, dates, country codes, roles, newcomer flags)
and whether a row agrees with the earlier rows of its network (same type and programme, one
lead partner, each city once)."""

import csv
import datetime
import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from cities.models import match_key

from ..models import Role
from .columns import COLUMNS, restore_cell

NEWCOMER_VALUES = {"yes": True, "no": False, "": None}
# Field sizes the rows must fit (the models' max_length).
MAX_LENGTHS = {
    "network": 200,
    "network_type": 100,
    "programme": 60,
    "good_practice": 200,
    "city": 120,
    "organisation": 200,
}
SLUG_LENGTHS = {"network": 100, "network_type": 100, "programme": 60, "city": 120}
LARGEST_PHASE = 32767


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str | None
    message: str

    def __str__(self):
        if self.row is None:
            return self.message
        if self.column is None:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportFailed(Exception):
    """The file cannot be imported; `errors` says where and why. Nothing was written."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass
class Row:
    number: int
    values: dict


def read_rows(data):
    """The file's rows as dictionaries of stripped strings, after checking the encoding, the
    header and the number of values in each row."""
    if isinstance(data, str):
        data = data.encode()
    if not data.strip():
        raise ImportFailed([RowError(None, None, _("The file is empty."))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise ImportFailed(
            [RowError(row, None, _("The file is not UTF-8 text; save it as CSV UTF-8."))]
        ) from None
    first_line = text.split("\n", 1)[0]
    # Spreadsheets in a Latvian locale save CSV with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
        records = list(reader)
    except csv.Error as error:
        raise ImportFailed(
            [RowError(reader.line_num, None, _("The CSV cannot be read: %s") % error)]
        ) from None
    missing = [name for name in COLUMNS if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if missing or unknown or duplicated:
        problems = []
        if missing:
            problems.append(_("missing: %s") % ", ".join(missing))
        if unknown:
            problems.append(_("unknown: %s") % ", ".join(name or '""' for name in unknown))
        if duplicated:
            problems.append(_("repeated: %s") % ", ".join(duplicated))
        message = _("The columns must be exactly %(columns)s (%(problems)s).") % {
            "columns": ",".join(COLUMNS),
            "problems": "; ".join(problems),
        }
        raise ImportFailed([RowError(1, None, message)])
    rows, errors = [], []
    for index, record in enumerate(records):
        number = index + 2
        if not any(value.strip() for value in record):
            continue  # blank lines, often at the end of a spreadsheet's export
        if len(record) != len(header):
            errors.append(
                RowError(
                    number,
                    None,
                    _("Expected %(expected)d values, found %(found)d.")
                    % {"expected": len(header), "found": len(record)},
                )
            )
            continue
        values = zip(header, record, strict=True)
        rows.append(Row(number, {name: restore_cell(value.strip()) for name, value in values}))
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed([RowError(None, None, _("The file has no rows after the header."))])
    return rows


def iso_country(code):
    """Names of a valid ISO 3166-1 code that the database does not have yet, or None."""
    from core.country import country_name, is_iso_country

    if not is_iso_country(code):
        return None
    return {
        build_localized_fieldname("name", language): country_name(code, language)
        for language, _label in settings.LANGUAGES
    }


def check_row(row, countries):
    """The values of `row` checked and converted, and the errors found in them.

    A country code is one of `countries` (the codes known so far) or any ISO 3166-1 alpha-2
    code, whose names then come in the values as `new_country`.
    """
    values, errors = dict(row.values), []

    def error(column, message):
        errors.append(RowError(row.number, column, message))

    for column in ("network", "network_type", "programme", "city", "country", "role"):
        if not values[column]:
            error(column, _("A value is required."))
    for column, limit in MAX_LENGTHS.items():
        if len(values[column]) > limit:
            error(column, _("Longer than %(limit)d characters.") % {"limit": limit})
    for column, limit in SLUG_LENGTHS.items():
        key = match_key(values[column])
        if values[column] and not key:
            error(column, _("The name needs at least one letter or digit."))
        elif len(key) > limit:
            error(column, _("The name is too long."))
        values[f"{column}_key"] = key
    phase = values["phase"]
    values["phase"] = None
    if phase:
        if re.fullmatch(r"\d{1,5}", phase) and 1 <= int(phase) <= LARGEST_PHASE:
            values["phase"] = int(phase)
        else:
            error("phase", _("“%s” is not a phase number.") % phase)
    approved_on = values["approved_on"]
    values["approved_on"] = None
    if approved_on:
        try:
            values["approved_on"] = datetime.date.fromisoformat(approved_on)
        except ValueError:
            error("approved_on", _("“%s” is not a date; write it as YYYY-MM-DD.") % approved_on)
        else:
            if not phase:
                error("approved_on", _("An approval date needs a phase number."))
    code = values["country"].upper()
    values["country"] = code
    values["new_country"] = None
    if code and code not in countries:
        values["new_country"] = iso_country(code) if re.fullmatch(r"[A-Z]{2}", code) else None
        if values["new_country"] is None:
            error(
                "country",
                _("“%s” is not an ISO 3166-1 alpha-2 country code.") % row.values["country"],
            )
    role = values["role"]
    if role and role not in Role.values:
        error("role", _("Unknown role “%s”; write lead_partner or partner.") % role)
    newcomer = values["newcomer"].lower()
    if newcomer not in NEWCOMER_VALUES:
        error(
            "newcomer",
            _("Write yes, no or nothing (computed), not “%s”.") % values["newcomer"],
        )
    else:
        values["newcomer"] = NEWCOMER_VALUES[newcomer]
    if values["good_practice"] and role != Role.LEAD_PARTNER:
        error("good_practice", _("A good practice goes on the lead partner's row."))
    return values, errors


def network_group(first_row):
    """The well-formed rows of one network, gathered by check_group_row: `rows` as (row,
    values), the network's `phase` and `approved_on` as (value, row number), its `cities` as
    (country, key) -> row number, and the `lead` partner's row."""
    return {"rows": [], "first": first_row, "values": {}, "cities": {}, "lead": None}


def check_group_row(group, row, values):
    """Add a well-formed row to its network's `group`; the errors where it disagrees with the
    network's earlier rows."""
    errors = []

    def error(column, message):
        errors.append(RowError(row.number, column, message))

    first = group["first"]
    if group["rows"]:
        for column in ("network_type", "programme"):
            if values[f"{column}_key"] != group["rows"][0][1][f"{column}_key"]:
                error(
                    column,
                    _("Differs from row %(row)d for the same network.") % {"row": first.number},
                )
    for column in ("phase", "approved_on"):
        if values[column] is None:
            continue
        seen = group["values"].get(column)
        if seen is None:
            group["values"][column] = (values[column], row.number)
        elif seen[0] != values[column]:
            error(column, _("Differs from row %(row)d for the same network.") % {"row": seen[1]})
    city_key = (values["country"], values["city_key"])
    if city_key in group["cities"]:
        error(
            "city",
            _("This city is already listed for this network in row %(row)d.")
            % {"row": group["cities"][city_key]},
        )
    group["cities"][city_key] = row.number
    if values["role"] == Role.LEAD_PARTNER:
        if group["lead"] is not None:
            error(
                "role",
                _("A second lead partner: row %(row)d already names this network's lead.")
                % {"row": group["lead"].number},
            )
        else:
            group["lead"] = row
    group["rows"].append((row, values))
    return errors
