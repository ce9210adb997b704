from modeltranslation.translator import TranslationOptions, register

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
    required_languages = ("lv",)


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("lv",)


@register(GoodPractice)
class GoodPracticeTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"lv": ("title",)}


@register(Network)
class NetworkTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "goals", "challenges")
    required_languages = {"lv": ("name",)}


@register(MilestoneTemplate)
class MilestoneTemplateTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("lv",)


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("lv",)


@register(ProgressUpdate)
class ProgressUpdateTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    required_languages = {"lv": ("title", "body")}


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "description", "place")
    required_languages = {"lv": ("title",)}


@register(UpdateAttachment)
class UpdateAttachmentTranslationOptions(TranslationOptions):
    fields = ("title",)
