"""CSV files for the import tests, written the way the URBACT secretariat's spreadsheets are."""

import csv
import datetime
import io

from networks.importer.columns import COLUMNS
from networks.models import NetworkType, PeriodTemplate, PhaseTemplate

# 25 countries of the 23 phase-2 Transfer Networks approved on 4 December 2018.
COUNTRIES = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
    "IE", "IT", "LV", "LT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
]  # fmt: skip
APPROVED_ON = datetime.date(2018, 12, 4)


def to_csv(rows, columns=COLUMNS, *, bom=False):
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [row.get(column, "") for column in columns] if isinstance(row, dict) else row
        )
    return ("\ufeff" if bom else "") + out.getvalue()


def phase2_rows(networks=23, partners_per_network=7, newcomers=60, countries=COUNTRIES):
    """Rows of `networks` phase-2 Transfer Networks: a lead and partners each, cities spread
    over `countries`, the first `newcomers` partners flagged as newcomers."""
    rows = []
    for n in range(networks):
        for p in range(partners_per_network):
            index = n * partners_per_network + p
            rows.append(
                {
                    "network": f"Network {n + 1:02d}",
                    "network_type": "Transfer Network",
                    "programme": "URBACT III",
                    "phase": "2",
                    "approved_on": APPROVED_ON.isoformat(),
                    "good_practice": f"Good practice {n + 1}" if p == 0 else "",
                    "city": f"Pilsēta {index}" if index % 3 else f"Cité {index}",
                    "country": countries[index % len(countries)],
                    "organisation": "Urban Lab" if index % 5 == 0 else "",
                    "role": "lead_partner" if p == 0 else "partner",
                    "newcomer": "yes" if index < newcomers else "no",
                }
            )
    return rows


def transfer_network_template():
    """Configuration that exists before any import: phase 2 of a Transfer Network is a
    learning period of 18 months and a sharing period of 6."""
    network_type, _ = NetworkType.objects.get_or_create(
        slug="transfer-network",
        defaults={"name_lv": "Labās prakses pārneses tīkls", "name_en": "Transfer Network"},
    )
    template, _ = PhaseTemplate.objects.get_or_create(network_type=network_type, number=2)
    PeriodTemplate.objects.get_or_create(template=template, order=0, kind="learning", months=18)
    PeriodTemplate.objects.get_or_create(template=template, order=1, kind="sharing", months=6)
    return template
