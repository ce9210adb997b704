"""The networks app's models, one module per concern. Everything is importable from
`networks.models`, as old migrations and the rest of the portal expect; importing
`updates` also connects its signal receiver."""

from .approvals import Approval, ApprovalQuerySet
from .common import _as_list, _today
from .events import DatePrecision, Event, EventQuerySet
from .good_practices import (
    GoodPractice,
    GoodPracticeQuerySet,
    practice_slug_base,
    unique_practice_slug,
    unique_slug,
)
from .imports import ImportJob
from .memberships import Membership, MembershipQuerySet, Role
from .networks import Network, NetworkQuerySet, Status
from .outputs import Output, OutputKind, OutputQuerySet, _output_path, output_storage
from .phases import (
    Milestone,
    MilestoneTemplate,
    Period,
    PeriodKind,
    PeriodTemplate,
    Phase,
    PhaseTemplate,
    phases_with_periods,
)
from .programmes import NetworkType, Programme, Theme
from .spans import DatedSpanMixin, PhasePosition, Progress
from .tallies import ChoiceTally, CountryTally, SelectionTally, refresh_tallies
from .updates import (
    AttachmentKind,
    PartnerEditor,
    ProgressUpdate,
    ProgressUpdateQuerySet,
    PublicationStatus,
    ReviewComment,
    UpdateAttachment,
    UpdateAttachmentQuerySet,
    _attachment_path,
    _remove_attachment_file,
    can_review_updates,
    private_storage,
)

__all__ = [
    "ImportJob",
    "ChoiceTally",
    "CountryTally",
    "SelectionTally",
    "refresh_tallies",
    "_today",
    "_as_list",
    "Programme",
    "NetworkType",
    "Theme",
    "GoodPracticeQuerySet",
    "GoodPractice",
    "practice_slug_base",
    "unique_slug",
    "unique_practice_slug",
    "Progress",
    "DatedSpanMixin",
    "PhasePosition",
    "Status",
    "NetworkQuerySet",
    "Network",
    "Role",
    "MembershipQuerySet",
    "Membership",
    "PeriodKind",
    "PhaseTemplate",
    "PeriodTemplate",
    "MilestoneTemplate",
    "Phase",
    "phases_with_periods",
    "ApprovalQuerySet",
    "Approval",
    "Period",
    "Milestone",
    "can_review_updates",
    "PublicationStatus",
    "ProgressUpdateQuerySet",
    "ProgressUpdate",
    "PartnerEditor",
    "AttachmentKind",
    "private_storage",
    "_attachment_path",
    "UpdateAttachmentQuerySet",
    "UpdateAttachment",
    "ReviewComment",
    "_remove_attachment_file",
    "DatePrecision",
    "EventQuerySet",
    "Event",
    "OutputKind",
    "output_storage",
    "_output_path",
    "OutputQuerySet",
    "Output",
]
