from modeltranslation.translator import TranslationOptions, register

from core.languages import codes

from .models import Page


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    required_languages = tuple(codes())
