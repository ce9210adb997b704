"""Revisions in the admin: history views limited to what the admin may show, and no lost
updates (optimistic locking).

Every save of a model with revisions (django-simple-history) adds a revision. The change form
carries the number of the revision it was opened on; a save is refused when the object has
had another revision since, that is when someone else saved it in the meantime. The check
locks the row first, so two saves arriving at the same moment are also serialized.
"""

import datetime

from django import forms
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

REVISION_FIELD = "opened_revision"


def _revisions(instance):
    history = type(instance).history.model
    return history.objects.filter(**{type(instance)._meta.pk.attname: instance.pk}).order_by(
        "-history_date", "-history_id"
    )


def latest_revision(instance):
    """The latest revision of a saved object, or None."""
    if instance is None or instance.pk is None:
        return None
    return _revisions(instance).select_related("history_user").first()


def revision_token(instance):
    """The key of the object's latest revision ("" for none): what a form is opened on."""
    if instance is None or instance.pk is None:
        return ""
    latest = _revisions(instance).values_list("history_id", flat=True).first()
    return "" if latest is None else str(latest)


class RevisionCheckedForm(forms.ModelForm):
    """A model form that refuses to save over a revision it was not opened on."""

    opened_revision = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[REVISION_FIELD].initial = revision_token(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        model = type(self.instance)
        using = router.db_for_write(model)
        if transaction.get_connection(using).in_atomic_block:
            # Lock the row until the end of the admin's transaction, then compare.
            model._default_manager.using(using).select_for_update().filter(
                pk=self.instance.pk
            ).exists()
        current = latest_revision(self.instance)
        opened = self.data.get(self.add_prefix(REVISION_FIELD), "")
        if current is not None and opened != str(current.history_id):
            raise ValidationError(
                _(
                    "%(who)s saved this %(thing)s on %(when)s, after you opened it. Your "
                    "changes were not saved, so that theirs are not lost: open the "
                    "%(thing)s again (its history shows what changed), then redo your edit."
                ),
                code="stale_revision",
                params={
                    "who": current.history_user or _("Someone"),
                    "thing": model._meta.verbose_name,
                    "when": formats.date_format(
                        timezone.localtime(current.history_date), "DATETIME_FORMAT"
                    ),
                },
            )
        return cleaned_data


class RevisionCheckedAdminMixin:
    """For a ModelAdmin of a model with revisions: its change form refuses stale saves.

    Put it before the admin base classes. It adds the hidden revision field to the form and
    to the first fieldset, whatever form and fieldsets the admin declares.
    """

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.pop("form", self.form)
        if not issubclass(base, RevisionCheckedForm):
            base = type(base.__name__, (RevisionCheckedForm, base), {})
        return super().get_form(request, obj, change=change, form=base, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if REVISION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], REVISION_FIELD]}), *rest]


class ReadableHistoryHelper(HistoricalRecordContextHelper):
    """The differences on the History page as editors read values elsewhere in the admin:
    a choice by its label, a date in the local format, nothing as a dash (not "None")."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.many_to_many:
            return super().prepare_delta_change_value(change, value)
        if value is None or value == "":
            return "–"
        if field.flatchoices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return formats.date_format(value, "DATE_FORMAT")
        return value


class RevisionAdmin(RevisionCheckedAdminMixin, SimpleHistoryAdmin):
    """Base for the admins of models with revisions: their history (who changed what when,
    the differences, restoring an earlier version) and optimistic locking.

    The history pages of an object answer 404 unless the object is in this admin's queryset
    for the user, so an admin that limits what a user sees (a partner editor's own network)
    limits its history too. Combine with a translation admin: ``class X(RevisionAdmin,
    TabbedTranslationAdmin)``.
    """

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryHelper(self.model, historical_record)

    def _check_in_queryset(self, request, object_id):
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._check_in_queryset(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_in_queryset(request, object_id)
        # Restoring is a save like any other: check and save in one transaction, as the
        # admin's change view does.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)
