from modeltranslation.translator import TranslationOptions, register

from .models import City, Country


@register(Country)
class CountryTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("lv",)


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("lv",)
