from modeltranslation.translator import TranslationOptions, register
from simple_history import register as keep_history

from core.languages import default_language

from .models import Call, CallLink


@register(Call)
class CallTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "budget", "outcome")
    required_languages = {default_language(): ("title",)}


@register(CallLink)
class CallLinkTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = (default_language(),)


# Every save of a call is kept as a revision, as for articles and networks; registered once
# the translation fields exist, so that the revisions hold every language.
keep_history(Call, excluded_fields=["created_at", "updated_at"])
