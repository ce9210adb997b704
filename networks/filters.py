"""The network list's filters: several values per filter, in the query string, no JavaScript."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import Country, collation_key

from .models import Network, NetworkType, Phase, Programme, Status, Theme

FILTERS = ("programme", "network_type", "phase", "theme", "country", "status")


def _choices(objects, value=lambda obj: obj.slug):
    return sorted(
        ((value(obj), str(obj)) for obj in objects), key=lambda choice: collation_key(choice[1])
    )


class NetworkFilterForm(forms.Form):
    """Offers only the values some network has; an unknown value in the address is dropped
    (its field reports the error) and the other filters still apply."""

    programme = forms.MultipleChoiceField(
        label=_("Programme"), required=False, widget=forms.CheckboxSelectMultiple
    )
    network_type = forms.MultipleChoiceField(
        label=_("Type"), required=False, widget=forms.CheckboxSelectMultiple
    )
    phase = forms.MultipleChoiceField(
        label=_("Phase"), required=False, widget=forms.CheckboxSelectMultiple
    )
    theme = forms.MultipleChoiceField(
        label=_("Theme"), required=False, widget=forms.CheckboxSelectMultiple
    )
    country = forms.MultipleChoiceField(
        label=_("Partner country"), required=False, widget=forms.CheckboxSelectMultiple
    )
    status = forms.MultipleChoiceField(
        label=_("Status"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, data=None, *, today=None, choices=None, **kwargs):
        super().__init__(data, **kwargs)
        for name, options in (choices or filter_choices(today)).items():
            self.fields[name].choices = options

    def selection(self):
        """The valid part of the filter, as keyword arguments for `Network.objects.select`."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in FILTERS if cleaned.get(name)}

    def visible_fields_with_choices(self):
        return [field for field in self if field.field.choices]


_DATE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")


def filter_choices(today=None):
    """Each filter's choices in the active language: the values some network has."""
    in_use = Network.objects.all()
    today = today or timezone.localdate()
    statuses = {network.status_on(today) for network in in_use.only(*_DATE_FIELDS)}
    return {
        "programme": [
            (programme.slug, programme.name)
            for programme in Programme.objects.filter(networks__in=in_use).distinct()
        ],
        "network_type": _choices(NetworkType.objects.filter(networks__in=in_use).distinct()),
        "phase": [
            (str(number), _("Phase %(number)s") % {"number": number})
            for number in Phase.objects.order_by("number")
            .values_list("number", flat=True)
            .distinct()
        ],
        "theme": _choices(Theme.objects.filter(networks__in=in_use).distinct()),
        "country": _choices(
            Country.objects.filter(cities__memberships__isnull=False).distinct(),
            value=lambda country: country.code.lower(),
        ),
        "status": [(s.value, str(s.label)) for s in Status if s in statuses],
    }
