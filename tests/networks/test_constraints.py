"""Every invariant holds in the database itself, whoever writes (admin, import, shell)."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from networks.models import Event, Membership, Network, Output, Period, Phase
from tests.factories import (
    CityFactory,
    MembershipFactory,
    NetworkFactory,
    PhaseFactory,
)

pytestmark = pytest.mark.django_db


def broken(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_one_membership_per_network_and_city():
    membership = MembershipFactory()
    broken(lambda: Membership.objects.create(network=membership.network, city=membership.city))


def test_at_most_one_lead_partner_per_network():
    network = NetworkFactory()
    MembershipFactory(network=network, role="lead_partner")
    MembershipFactory(network=network, role="partner")
    broken(lambda: MembershipFactory(network=network, role="lead_partner"))
    # Another network has its own lead partner.
    assert MembershipFactory(role="lead_partner").pk


def test_changing_a_partner_into_a_second_lead_partner_is_refused():
    network = NetworkFactory()
    MembershipFactory(network=network, role="lead_partner")
    partner = MembershipFactory(network=network)
    broken(lambda: Membership.objects.filter(pk=partner.pk).update(role="lead_partner"))


def test_role_must_be_known():
    broken(lambda: MembershipFactory(role="observer"))


def test_network_dates_must_be_ordered():
    broken(
        lambda: NetworkFactory(
            planned_start=datetime.date(2020, 1, 1), planned_end=datetime.date(2019, 1, 1)
        )
    )
    broken(
        lambda: NetworkFactory(
            actual_start=datetime.date(2020, 1, 1), actual_end=datetime.date(2019, 12, 31)
        )
    )


def test_network_slug_is_unique():
    NetworkFactory(slug="active-ngos")
    broken(lambda: NetworkFactory(slug="active-ngos"))


def test_phase_numbers_are_unique_per_network_and_end_after_start():
    phase = PhaseFactory()
    broken(lambda: PhaseFactory(network=phase.network, number=phase.number))
    broken(lambda: PhaseFactory(start=datetime.date(2020, 1, 1), end=datetime.date(2019, 1, 1)))
    broken(lambda: PhaseFactory(number=0))


def test_period_ends_after_it_starts_and_kind_is_unique_in_its_phase():
    phase = PhaseFactory()
    Period.objects.create(
        phase=phase, kind="learning", start=phase.start, end=datetime.date(2020, 6, 30)
    )
    broken(
        lambda: Period.objects.create(
            phase=phase, kind="learning", start=phase.start, end=phase.end
        )
    )
    broken(
        lambda: Period.objects.create(phase=phase, kind="sharing", start=phase.end, end=phase.start)
    )


def test_period_outside_its_phase_fails_validation():
    from django.core.exceptions import ValidationError

    phase = PhaseFactory()
    period = Period(
        phase=phase, kind="sharing", start=phase.start, end=phase.end + datetime.timedelta(1)
    )
    with pytest.raises(ValidationError):
        period.full_clean()


def test_event_cannot_end_before_it_starts():
    broken(
        lambda: Event.objects.create(
            title_lv="X",
            slug="x",
            start_date=datetime.date(2019, 2, 1),
            end_date=datetime.date(2019, 1, 1),
        )
    )


def test_output_has_a_file_or_a_link_but_not_both_or_neither():
    network = NetworkFactory()
    broken(lambda: Output.objects.create(network=network, kind="transfer_plan", title="Plan"))
    broken(
        lambda: Output.objects.create(
            network=network,
            kind="transfer_plan",
            title="Plan",
            url="https://example.org/plan.pdf",
            file="outputs/plan.pdf",
        )
    )
    assert Output.objects.create(
        network=network, kind="transfer_plan", title="Plan", url="https://example.org/p.pdf"
    ).pk


def test_deleting_a_city_with_memberships_is_refused():
    from django.db.models import ProtectedError

    membership = MembershipFactory()
    with pytest.raises(ProtectedError):
        membership.city.delete()
    assert Network.objects.filter(pk=membership.network_id).exists()


def test_unused_city_can_be_deleted():
    city = CityFactory()
    city.delete()
    assert not Phase.objects.exists()
