from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import City
from networks.models import Network


class ArticleFilterForm(forms.Form):
    """Filters of the news list. The options are only those the listed articles mention, so
    no filter leads to an empty page; an unknown value is ignored, never an error page."""

    network = forms.ChoiceField(label=_("Network"), required=False)
    city = forms.ChoiceField(label=_("City"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, articles, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("all"))]
        networks = Network.objects.filter(articles__in=articles).distinct().order_by("slug")
        self.fields["network"].choices = everything + [
            (network.slug, network.acronym or network.name) for network in networks
        ]
        cities = (
            City.objects.filter(articles__in=articles)
            .distinct()
            .select_related("country")
            .order_by("country__code", "slug")
        )
        self.fields["city"].choices = everything + [
            (self.city_key(city), city.name) for city in cities
        ]
        self.fields["year"].choices = everything + [(year, str(year)) for year in articles.years()]

    @staticmethod
    def city_key(city):
        return f"{city.country.code.lower()}/{city.slug}"

    def filter(self, articles):
        if not self.is_bound or not self.is_valid():
            return articles
        data = self.cleaned_data
        if data.get("network"):
            articles = articles.filter(networks__slug=data["network"])
        if data.get("city"):
            country, slug = data["city"].split("/", 1)
            articles = articles.filter(cities__slug=slug, cities__country__code=country.upper())
        if data.get("year"):
            articles = articles.from_year(data["year"])
        return articles
