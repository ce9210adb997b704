"""Change-list filters whose cost does not grow with the data."""

from django.contrib import admin
from django.db.models import Exists, OuterRef

FEW = 50


class FewRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A filter by a related object (a network, a city) that some row the user may see
    links to, shown while there are at most `FEW` of them. Finding out reads no more than
    `FEW` + 1 of the related rows, each checked by index for a row linking to it (`Exists`),
    rather than going through every row of the change list. With more, a list of links would
    be longer than the page, and the change list's search (which covers the related object's
    name) finds the rows instead."""

    def field_choices(self, field, request, model_admin):
        linking = model_admin.get_queryset(request).order_by()
        linked = field.related_model._default_manager.filter(
            Exists(linking.filter(**{field.name: OuterRef("pk")}))
        )
        found = list(linked.order_by().values_list("pk", flat=True)[: FEW + 1])
        self.too_many = len(found) > FEW
        if self.too_many:
            return []
        related = field.related_model._default_manager.filter(pk__in=found)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            related = related.order_by(*ordering)
        return [(row.pk, str(row)) for row in related]

    def has_output(self):
        return not self.too_many and super().has_output()
