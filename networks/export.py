"""The CSV of networks with their partners (served at /api/v1/networks.csv), one row per
membership in the columns the import reads, so that an export round-trips through it."""

import csv
import io
from collections import defaultdict

from core.languages import in_programme_language, localized

from .importer.columns import COLUMNS, neutralise_cell
from .models import Membership, Phase, Role


def _english_first(obj, name):
    """The name a spreadsheet from the URBACT secretariat would use: English, else the first
    language that has one."""
    fields = [in_programme_language(name), *localized(name)]
    return next((value for field in fields if field and (value := getattr(obj, field, None))), "")


def export_rows(networks):
    """Rows in COLUMNS of `networks`' partners, the lead partner first. A network's latest
    phase and its approval date go on each of its rows; its good practice on the lead's row.
    Three queries whatever the number of networks."""
    networks = networks.select_related("programme", "network_type", "good_practice").order_by(
        "slug"
    )
    memberships = defaultdict(list)
    for membership in (
        Membership.objects.filter(network__in=networks.values("pk"))
        .select_related("city__country")
        .order_by("role", "order", "pk")
    ):
        memberships[membership.network_id].append(membership)
    phases = {}
    for phase in Phase.objects.filter(network__in=networks.values("pk")).order_by("number"):
        phases[phase.network_id] = phase
    for network in networks:
        phase = phases.get(network.pk)
        for membership in memberships[network.pk]:
            lead = membership.role == Role.LEAD_PARTNER
            yield {
                "network": _english_first(network, "name"),
                "network_type": _english_first(network.network_type, "name"),
                "programme": network.programme.name,
                "phase": phase.number if phase else "",
                "approved_on": phase.approved_on.isoformat() if phase and phase.approved_on else "",
                "good_practice": _english_first(network.good_practice, "title")
                if lead and network.good_practice
                else "",
                "city": _english_first(membership.city, "name"),
                "country": membership.city.country.code,
                "organisation": membership.organisation,
                "role": membership.role,
                "newcomer": "yes" if membership.is_newcomer else "no",
            }


def export_csv(networks):
    """The CSV text of export_rows(networks), with a header, that import_networks reads;
    cells a spreadsheet would run as formulas are neutralised."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in export_rows(networks):
        writer.writerow({name: neutralise_cell(value) for name, value in row.items()})
    return out.getvalue()
