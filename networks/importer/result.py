"""What an import changed, or would change with a dry run, and its summary."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KINDS = {
    "countries": gettext_lazy("countries"),
    "cities": gettext_lazy("cities"),
    "programmes": gettext_lazy("programmes"),
    "network_types": gettext_lazy("network types"),
    "networks": gettext_lazy("networks"),
    "good_practices": gettext_lazy("good practices"),
    "phases": gettext_lazy("phases"),
    "memberships": gettext_lazy("partners"),
}


@dataclass
class ImportResult:
    rows: int = 0
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    changes: list = field(default_factory=list)
    dry_run: bool = False

    @property
    def has_changes(self):
        return bool(self.created or self.updated)

    @property
    def summary(self):
        """One line per kind of row: how many are new and how many change."""
        return [
            _("%(kind)s: %(created)d new, %(updated)d changed")
            % {
                "kind": label,
                "created": self.created[kind],
                "updated": self.updated[kind],
            }
            for kind, label in KINDS.items()
            if self.created[kind] or self.updated[kind]
        ]
