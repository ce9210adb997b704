from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.models import City
from networks.models import Network

from .models import Frequency, Topic
from .services import offered_topics


class NameChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def followable_networks(extra=()):
    """Networks with a city of our country, and any other asked for by name."""
    ours = Q(memberships__city__country__code=settings.PORTAL_COUNTRY)
    return Network.objects.filter(ours | Q(pk__in=list(extra))).distinct().by_name()


def followable_cities(extra=()):
    """Our country's cities that take part in a network, and any other asked for."""
    ours = Q(country__code=settings.PORTAL_COUNTRY, memberships__isnull=False)
    return City.objects.filter(ours | Q(pk__in=list(extra))).distinct().order_by("slug", "pk")


class FollowForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("From the National Contact Point"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    networks = NameChoiceField(
        label=_("Networks"),
        queryset=Network.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Their progress updates and the news about them."),
    )
    cities = NameChoiceField(
        label=_("Cities"),
        queryset=City.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("News about the city and its networks' progress updates."),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
        help_text=_("Calls for proposals and events are sent at once; the rest in a digest."),
    )

    def __init__(self, *args, networks=(), cities=(), **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["topics"].choices = [(topic, Topic(topic).label) for topic in offered_topics()]
        self.fields["networks"].queryset = followable_networks(networks)
        self.fields["cities"].queryset = followable_cities(cities)

    def clean(self):
        data = super().clean()
        if not (data.get("topics") or data.get("networks") or data.get("cities")):
            raise forms.ValidationError(_("Choose at least one thing to follow."))
        return data


class SubscribeForm(FollowForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(required=True)
    field_order = ["email", "topics", "networks", "cities", "frequency", "consent"]

    def __init__(self, *args, consent_text, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text
