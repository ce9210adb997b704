from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.languages import in_default_language, localized

from .models import City, Country


@admin.register(Country)
class CountryAdmin(TabbedTranslationAdmin):
    list_display = ["code", *localized("name")]
    search_fields = ["code", *localized("name")]


@admin.register(City)
class CityAdmin(TabbedTranslationAdmin):
    list_display = [*localized("name"), "country", "population"]
    list_filter = ["country"]
    list_select_related = ["country"]
    search_fields = [*localized("name"), "slug", "country__code"]
    prepopulated_fields = {"slug": [in_default_language("name")]}
    autocomplete_fields = ["country"]
