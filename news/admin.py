from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Article


@admin.register(Article)
class ArticleAdmin(TabbedTranslationAdmin):
    list_display = ["title", "status", "published_at", "edited_at", "author"]
    list_filter = ["status", "networks", "cities"]
    list_select_related = ["author"]
    search_fields = ["title_lv", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_lv"]}
    autocomplete_fields = ["networks", "cities", "events", "themes"]
    date_hierarchy = "published_at"
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (_("Links"), {"fields": ["seo_description", "networks", "cities", "events", "themes"]}),
        (_("Publication"), {"fields": ["status", "published_at", "edited_at", "author"]}),
    ]

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
