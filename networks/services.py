"""Workflows that touch several models, called alike from the admin, commands and views."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from .dates import add_months
from .models import Membership, Milestone, Period, Phase, PhaseTemplate


def phase_template_for(network, number):
    try:
        return PhaseTemplate.objects.prefetch_related("periods", "milestones").get(
            network_type=network.network_type_id, number=number
        )
    except PhaseTemplate.DoesNotExist:
        raise ValidationError(
            _("There is no template for phase %(number)s of %(type)s.")
            % {"number": number, "type": network.network_type}
        ) from None


@transaction.atomic
def create_phase_from_template(network, number, start, *, approved_on=None):
    """Create phase `number` of `network` starting on `start`, with the periods and milestones
    of its network type's template laid end to end (18 + 6 months -> 24-month phase)."""
    template = phase_template_for(network, number)
    periods = list(template.periods.all())
    if not periods:
        raise ValidationError(_("The phase template has no periods."))
    total_months = sum(period.months for period in periods)
    phase = Phase.objects.create(
        network=network,
        number=number,
        start=start,
        end=add_months(start, total_months) - datetime.timedelta(days=1),
        approved_on=approved_on,
    )
    period_start = start
    offset = 0
    for period in periods:
        offset += period.months
        period_end = add_months(start, offset) - datetime.timedelta(days=1)
        Period.objects.create(phase=phase, kind=period.kind, start=period_start, end=period_end)
        period_start = period_end + datetime.timedelta(days=1)
    Milestone.objects.bulk_create(
        Milestone(
            phase=phase,
            month=milestone.month,
            **{field: getattr(milestone, field) for field in _localized("title")},
        )
        for milestone in template.milestones.all()
    )
    return phase


def _localized(name):
    return [build_localized_fieldname(name, code) for code, _label in settings.LANGUAGES]


def add_membership(network, city, *, role="partner", is_newcomer=None, **fields):
    """Add `city` to `network`. The newcomer flag is computed from the participation history
    unless given (staff override it when imported history is incomplete)."""
    if is_newcomer is None:
        is_newcomer = Membership.computed_newcomer(city, network)
    return Membership.objects.create(
        network=network, city=city, role=role, is_newcomer=is_newcomer, **fields
    )
