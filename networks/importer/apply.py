"""Importing a file: its plan checked and written in one transaction, then one explicit
content-version bump after the commit, since bulk writes send no signals."""

from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from cities.models import City, Country
from core.cache import bump_content_version
from core.signals import saved_in_bulk

from ..models import (
    GoodPractice,
    Membership,
    Milestone,
    Network,
    NetworkType,
    Period,
    Phase,
    Programme,
)
from .plan import Plan, token
from .rows import ImportFailed, RowError, read_rows


def import_networks(data, *, dry_run=False):
    """Import `data` (the file's bytes). With `dry_run` nothing is written and the result
    lists what would change. Raises ImportFailed with every bad row found."""
    rows = read_rows(data)
    with transaction.atomic():
        plan = Plan(rows)
        plan.check()
        if not dry_run:
            new_cities = [city for city in plan.cities.values() if city.pk is None]
            try:
                write_plan(plan)
            except IntegrityError as error:  # a rule the checks above did not foresee
                raise ImportFailed(
                    [RowError(None, None, _("The database refused the file: %s") % error)]
                ) from error
    if not dry_run and plan.result.has_changes:
        # The writes are in bulk and send no signals: pages cached before show the change
        # once the version moves, after the commit (or the outer transaction's).
        bump_content_version()
        # Nor do they reach the search index by themselves.
        saved_in_bulk.send(
            sender=None,
            objects=[*plan.new_networks, *plan.changed_networks.values(), *new_cities],
        )
    plan.result.dry_run = dry_run
    return plan.result


def write_plan(plan):
    """Write the plan: creations in bulk, parents before children (bulk_create fills in
    the new parents' ids), lead partners demoted before others are promoted."""
    _compute_newcomers(plan)
    for model, objects in (
        (Country, plan.countries.values()),
        (Programme, plan.programmes.values()),
        (NetworkType, plan.types.values()),
        (City, plan.cities.values()),
    ):
        model.objects.bulk_create(_unsaved(objects))
    GoodPractice.objects.bulk_create(plan.new_practices)
    Network.objects.bulk_create(plan.new_networks)
    Network.objects.bulk_update(
        plan.changed_networks.values(), ["network_type", "programme", "good_practice"]
    )
    _write_phases(plan)
    Membership.objects.bulk_update(plan.demoted, ["role"])
    Membership.objects.bulk_update(
        plan.changed_memberships, ["role", "organisation", "is_newcomer"]
    )
    Membership.objects.bulk_create(plan.new_memberships)


def _write_phases(plan):
    Phase.objects.bulk_update(plan.changed_phases, ["approved_on"])
    Phase.objects.bulk_create([phase for phase, _template, _periods in plan.new_phases])
    titles = [build_localized_fieldname("title", code) for code, _label in settings.LANGUAGES]
    Period.objects.bulk_create(
        Period(phase=phase, kind=kind, start=start, end=end)
        for phase, _template, periods in plan.new_phases
        for kind, start, end in periods
    )
    Milestone.objects.bulk_create(
        Milestone(
            phase=phase,
            month=milestone.month,
            **{name: getattr(milestone, name) for name in titles},
        )
        for phase, template, _periods in plan.new_phases
        for milestone in template.milestones.all()
    )


def _compute_newcomers(plan):
    """Newcomer flags of new memberships left to compute: as Membership.computed_newcomer
    does, a city is a newcomer in a network when it had no membership in another network
    that started earlier; memberships this file adds count too."""
    pending = [m for m in plan.new_memberships if m.is_newcomer is None]
    if not pending:
        return
    history = defaultdict(set)  # city -> {(network, its start)}
    for city_id, network_ids in plan.city_history.items():
        history[city_id] |= {(pk, plan.network_starts.get(pk)) for pk in network_ids}
    for membership in plan.new_memberships:
        history[token(membership.city)].add(
            (token(membership.network), membership.network.starts_on)
        )
    for membership in pending:
        own, own_start = token(membership.network), membership.network.starts_on
        membership.is_newcomer = not any(
            start is not None and (own_start is None or start < own_start)
            for network, start in history[token(membership.city)]
            if network != own
        )


def _unsaved(objects):
    """Each unsaved instance once (several keys may point to one)."""
    return list({id(obj): obj for obj in objects if obj.pk is None}.values())
