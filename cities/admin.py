from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import City, Country


@admin.register(Country)
class CountryAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name_lv", "name_en"]
    search_fields = ["code", "name_lv", "name_en"]


@admin.register(City)
class CityAdmin(TabbedTranslationAdmin):
    list_display = ["name_lv", "name_en", "country", "population"]
    list_filter = ["country"]
    list_select_related = ["country"]
    search_fields = ["name_lv", "name_en", "slug", "country__code"]
    prepopulated_fields = {"slug": ["name_lv"]}
    autocomplete_fields = ["country"]
