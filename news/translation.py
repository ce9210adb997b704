from modeltranslation.translator import TranslationOptions, register
from simple_history import register as keep_history

from core.languages import default_language
from networks.models import Network, ProgressUpdate

from .models import Article


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "lead", "body", "image_alt", "seo_description")
    required_languages = {default_language(): ("title", "body")}


# Every save of an article, a network or a progress update is kept as a revision (who, when,
# what). Registered here, once every app's translation fields exist (news comes last in
# INSTALLED_APPS), so that the revisions hold both languages; a `HistoricalRecords()` on the
# model class would be built before modeltranslation adds a column per language.
for model in (Article, Network, ProgressUpdate):
    keep_history(model, excluded_fields=["created_at", "updated_at"])
