"""The demo's calls for proposals (demo/calls.json): URBACT IV's calls with their documents,
the Monitoring Committee approvals that decided them and the National Contact Point's info
days about them. Loaded by `load_demo` after the networks; running it again changes nothing.

The programmes, network types and approvals the calls name are looked up by slug and date,
and created only when the portal lacks them."""

import json
from pathlib import Path

from django.utils.dateparse import parse_date

from calls.models import Call, CallLink
from core.publication import PublicationStatus
from networks.models import Approval, Event, NetworkType, Programme

CALLS_FILE = Path(__file__).resolve().parent / "demo" / "calls.json"


def load_calls(path=CALLS_FILE):
    """Load the calls of `path`; the number of calls and events it holds."""
    from .management.commands.load_demo import _localized, _pick, upsert

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    programmes = {
        row["slug"]: Programme.objects.filter(slug=row["slug"]).first()
        or Programme.objects.create(**_pick(row, "slug", "name", "start_year", "end_year"))
        for row in data["programmes"]
    }
    types = {
        row["slug"]: NetworkType.objects.filter(slug=row["slug"]).first()
        or NetworkType.objects.create(slug=row["slug"], **_localized(row, "name"))
        for row in data["network_types"]
    }
    approvals = {}
    for row in data["approvals"]:
        programme = programmes.get(row["programme"]) or Programme.objects.get(slug=row["programme"])
        approved_on = parse_date(row["approved_on"])
        approval = (
            Approval.objects.filter(
                programme=programme,
                network_type=types[row["network_type"]],
                approved_on=approved_on,
            )
            .order_by("phase")
            .first()
        )
        if approval is None:
            approval = Approval.objects.create(
                programme=programme,
                network_type=types[row["network_type"]],
                approved_on=approved_on,
                # URBACT IV approves networks whole: no phase where the portal allows it.
                phase=None if Approval._meta.get_field("phase").null else 1,
                **_pick(row, "announced_networks", "announced_partners", "source"),
            )
        approvals[(row["network_type"], row["approved_on"])] = approval
    events = {}
    for row in data["events"]:
        events[row["slug"]] = upsert(
            Event,
            slug=row["slug"],
            defaults={
                **_localized(row, "title", "place", "description"),
                "start_date": parse_date(row["start_date"]),
                "end_date": parse_date(row["end_date"]),
                "precision": row["precision"],
            },
        )
    for row in data["calls"]:
        programme = programmes.get(row["programme"]) or Programme.objects.get(slug=row["programme"])
        call = upsert(
            Call,
            slug=row["slug"],
            defaults={
                **_localized(row, "title", "summary", "body", "budget", "outcome"),
                **_pick(row, "opens_at", "closes_at", "closing_time_stated", "source"),
                "programme": programme,
                "network_type": types[row["network_type"]] if row["network_type"] else None,
                "approval": approvals[(row["network_type"], row["approval"])]
                if row["approval"]
                else None,
                "networks_start": parse_date(row["networks_start"] or ""),
                "networks_end": parse_date(row["networks_end"] or ""),
                "status": PublicationStatus.PUBLISHED,
            },
        )
        for order, link in enumerate(row["links"]):
            upsert(
                CallLink,
                call=call,
                url=link["url"],
                defaults={**_localized(link, "title"), "order": order},
            )
        wanted = {events[slug].pk for slug in row["events"]}
        if set(call.events.values_list("pk", flat=True)) != wanted:
            call.events.set(wanted)
    return {"calls": len(data["calls"]), "info days": len(data["events"])}
