"""Change-list filters whose cost does not grow with the data."""

from django.contrib import admin

FEW = 50


class FewRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A filter by a related object (a network, a city) that some row the user may see
    links to, shown while there are at most `FEW` of them: it reads no more than `FEW` + 1
    rows. With more, a list of links would be longer than the page, and the change list's
    search (which covers the related object's name) finds the rows instead."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        linked = model_admin.get_queryset(request).order_by().values(field.name)
        related = field.related_model._default_manager.filter(pk__in=linked)
        if ordering:
            related = related.order_by(*ordering)
        rows = list(related[: FEW + 1])
        self.too_many = len(rows) > FEW
        return [(row.pk, str(row)) for row in rows[:FEW]]

    def has_output(self):
        return not self.too_many and super().has_output()
