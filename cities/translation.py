from modeltranslation.translator import TranslationOptions, register

from core.languages import default_language

from .models import City, Country


@register(Country)
class CountryTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = (default_language(),)


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = (default_language(),)
