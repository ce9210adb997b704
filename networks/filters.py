"""The network list's filters: several values per filter, in the query string, no JavaScript."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cities.models import Country, collation_key

from .models import (
    ChoiceTally,
    Membership,
    Network,
    NetworkType,
    Phase,
    Programme,
    Status,
    Theme,
)

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

    @property
    def ignored(self):
        """Names of the filters whose value in the address was unknown (and dropped)."""
        self.is_valid()
        return set(self.errors)

    def visible_fields_with_choices(self):
        return filter_groups(self)


def filter_groups(form):
    """The form's filters that have choices, as plain data for
    `components/filter_group.html`: each one's label, name, whether a value in the address
    was dropped, and its checkboxes (value, label, id and whether checked, as the
    checkbox widget writes them), without the widget's subwidgets and their objects for
    every checkbox (about 0.5 ms of the network list's 23 ms, measured cold)."""
    ignored = form.ignored
    groups = []
    for field in form:
        if not field.field.choices:
            continue
        chosen = {str(value) for value in field.value() or ()}
        groups.append(
            {
                "label": field.label,
                "name": field.html_name,
                "ignored": field.name in ignored,
                "options": [
                    {
                        "value": value,
                        "label": capfirst(label),
                        "id": f"{field.auto_id}_{index}",
                        "checked": str(value) in chosen,
                    }
                    for index, (value, label) in enumerate(field.field.choices)
                ],
            }
        )
    return groups


def filter_choices(today=None):
    """Each filter's choices in the active language, in one query at any data size: read
    from their tally (`ChoiceTally`), which the writes keep current and which says until
    when its statuses hold."""
    return ChoiceTally.choices_on(today or timezone.localdate())


def choices_in_use():
    """The choices of every filter but the status in the active language: the values some
    network has, each found by an indexed lookup per value (`Exists`), never by going through
    the networks. What `ChoiceTally` keeps."""
    networks = Network.objects.all()
    return {
        "programme": [
            (programme.slug, programme.name)
            for programme in Programme.objects.filter(
                Exists(networks.filter(programme=OuterRef("pk")))
            )
        ],
        "network_type": _choices(
            NetworkType.objects.filter(Exists(networks.filter(network_type=OuterRef("pk"))))
        ),
        "phase": [
            (str(number), str(_("Phase %(number)s") % {"number": number}))
            for number in Phase.objects.order_by("number")
            .values_list("number", flat=True)
            .distinct()
        ],
        "theme": _choices(
            Theme.objects.filter(
                Exists(Network.themes.through.objects.filter(theme=OuterRef("pk")))
            )
        ),
        "country": _choices(
            Country.objects.filter(Exists(Membership.objects.filter(city__country=OuterRef("pk")))),
            value=lambda country: country.code.lower(),
        ),
    }


def status_choices(today=None):
    """The statuses some network has on `today`, in one query."""
    today = today or timezone.localdate()
    networks = Network.objects.all()
    found = (
        Network.objects.order_by()
        .annotate(
            **{
                f"has_{status.value}": Exists(networks.with_status(status, today))
                for status in Status
            }
        )
        .values(*(f"has_{status.value}" for status in Status))[:1]
    )
    has = found[0] if found else {}
    return [
        (status.value, str(status.label)) for status in Status if has.get(f"has_{status.value}")
    ]


class KnownChoicesField(forms.MultipleChoiceField):
    """Several values of one filter: the known ones are kept (once each, in order), unknown
    ones dropped, so a stale or mistyped address still shows a page with the rest applied."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        values = [str(item) for item in self.to_python(value)]
        known = [item for item in dict.fromkeys(values) if self.valid_value(item)]
        self.dropped = len(known) < len(set(values))
        return known


class SelectionForm(forms.Form):
    """A filter form whose choices are the values in use (empty ones hidden), given by the
    view, and whose selection is the known values of each filter."""

    def __init__(self, data=None, *, choices, **kwargs):
        super().__init__(data, **kwargs)
        for name, options in choices.items():
            self.fields[name].choices = options

    def selection(self):
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in self.fields if cleaned.get(name)}

    @property
    def ignored(self):
        """Names of the filters from which an unknown value was dropped."""
        self.is_valid()
        return {name for name, field in self.fields.items() if getattr(field, "dropped", False)}

    def visible_fields_with_choices(self):
        return filter_groups(self)


class GoodPracticeFilterForm(SelectionForm):
    theme = KnownChoicesField(label=_("Theme"), required=False)
    country = KnownChoicesField(label=_("Country"), required=False)
    programme = KnownChoicesField(label=_("Programme"), required=False)


def good_practice_filter_choices():
    """Themes and programmes of the networks that transfer a good practice, and the
    countries of the practices' cities, in the active language."""
    transferring = Network.objects.filter(good_practice__isnull=False)
    return {
        "theme": _choices(Theme.objects.filter(networks__in=transferring).distinct()),
        "country": _choices(
            Country.objects.filter(cities__good_practices__isnull=False).distinct(),
            value=lambda country: country.code.lower(),
        ),
        "programme": [
            (programme.slug, programme.name)
            for programme in Programme.objects.filter(networks__in=transferring).distinct()
        ],
    }


class OutputFilterForm(SelectionForm):
    kind = KnownChoicesField(label=_("Kind"), required=False)
    network = KnownChoicesField(label=_("Network"), required=False)
    city = KnownChoicesField(label=_("Partner city"), required=False)
    language = KnownChoicesField(label=_("Language"), required=False)


def output_filter_choices(network=None):
    """The kinds, networks, partner cities and languages some output has (of one network's
    outputs when `network` is given; its page has no network filter then)."""
    from django.utils.translation import get_language_info

    from cities.models import City

    from .models import Output, OutputKind

    outputs = Output.objects.all() if network is None else Output.objects.filter(network=network)
    kinds = set(outputs.values_list("kind", flat=True).distinct())
    cities = (
        City.objects.filter(memberships__outputs__in=outputs).select_related("country").distinct()
    )
    languages = set(outputs.values_list("language", flat=True).distinct())

    def language_label(code):
        try:
            return str(get_language_info(code)["name_translated"])
        except KeyError:
            return code

    choices = {
        "kind": [(kind.value, str(kind.label)) for kind in OutputKind if kind.value in kinds],
        "city": sorted(
            (
                (f"{city.country.code.lower()}/{city.slug}", f"{city} ({city.country})")
                for city in cities
            ),
            key=lambda choice: choice[1],
        ),
        "language": sorted(
            ((code, language_label(code)) for code in languages), key=lambda c: c[1]
        ),
    }
    if network is None:
        choices["network"] = _choices(
            Network.objects.filter(outputs__isnull=False).distinct(),
        )
    return choices
