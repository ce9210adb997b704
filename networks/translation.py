from modeltranslation.translator import TranslationOptions, register

from core.languages import default_language

from .models import (
    Event,
    GoodPractice,
    Milestone,
    MilestoneTemplate,
    Network,
    NetworkType,
    ProgressUpdate,
    Theme,
    UpdateAttachment,
)


@register(NetworkType)
class NetworkTypeTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = (default_language(),)


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = (default_language(),)


@register(GoodPractice)
class GoodPracticeTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {default_language(): ("title",)}


@register(Network)
class NetworkTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "goals", "challenges")
    required_languages = {default_language(): ("name",)}


@register(MilestoneTemplate)
class MilestoneTemplateTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = (default_language(),)


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = (default_language(),)


@register(ProgressUpdate)
class ProgressUpdateTranslationOptions(TranslationOptions):
    fields = ("title", "body", "image_alt")
    required_languages = {default_language(): ("title", "body")}


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "description", "place", "organiser", "image_alt")
    required_languages = {default_language(): ("title",)}


@register(UpdateAttachment)
class UpdateAttachmentTranslationOptions(TranslationOptions):
    fields = ("title",)
