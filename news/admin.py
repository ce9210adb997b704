from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from core.addresses import addresses
from core.admin_filters import FewRelatedFieldListFilter
from core.editor import CSPSafeProseEditorWidget
from core.languages import in_default_language, localized
from core.publication import PublicationStatus
from core.revisions import RevisionAdmin, RevisionCheckedForm
from networks.forms import SlugFromTitleMixin

from . import services
from .models import Article


class ArticleForm(SlugFromTitleMixin, RevisionCheckedForm):
    #: Set by ArticleAdmin.get_form; without a user nobody may publish.
    request_user = AnonymousUser()

    def clean_status(self):
        status = self.cleaned_data.get("status")
        old_status = self.initial.get("status") if self.instance.pk else None
        error = services.check_status_change(self.request_user, old_status, status)
        if error:
            raise ValidationError(error)
        return status

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status") == PublicationStatus.PUBLISHED and not cleaned_data.get(
            "published_at"
        ):
            # Published without a time: now (a time in the future schedules it).
            cleaned_data["published_at"] = timezone.now()
        return cleaned_data


class PublicationStateFilter(admin.SimpleListFilter):
    """Status as readers see it: a published article with a future time is scheduled."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("scheduled", _("scheduled")), ("public", _("public now"))]

    def queryset(self, request, queryset):
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "public":
            return queryset.published()
        return queryset


def preview_links(article, addresses_of=None):
    """Links to the article's preview in each language; `addresses_of` (`preview_addresses`)
    names them when a list shows many articles."""
    if article.pk is None:
        return ""
    return format_html_join(
        " · ",
        '<a href="{}" hreflang="{}" target="_blank" rel="noopener">{}</a>',
        (addresses_of or preview_addresses())(article.pk),
    )


def preview_addresses():
    """A function of an article's key giving (address, language code, language name) of its
    preview in each language: one `reverse` a language for any number of articles."""
    found = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            found.append((addresses("news:preview", "pk"), code, name))
    return lambda pk: [(address(pk=pk), code, name) for address, code, name in found]


@admin.register(Article)
class ArticleAdmin(RevisionAdmin, TabbedTranslationAdmin):
    form = ArticleForm
    list_per_page = 50  # the search and the filters find a row sooner than paging
    list_display = [
        "title",
        "status_display",
        "published_at",
        "edited_at",
        "languages",
        "author",
        "preview",
    ]
    list_filter = [
        "status",
        PublicationStateFilter,
        ("networks", FewRelatedFieldListFilter),
        ("cities", FewRelatedFieldListFilter),
    ]
    list_select_related = ["author"]
    # One count of the rows a page lists, not a second one of the whole table beside it.
    show_full_result_count = False
    search_fields = [
        *localized("title"),
        "slug",
        in_default_language("networks__name"),
        in_default_language("cities__name"),
    ]
    prepopulated_fields = {"slug": [in_default_language("title")]}
    autocomplete_fields = ["networks", "cities", "events", "themes"]
    readonly_fields = ["edited_at", "preview"]
    actions = ["submit_for_review", "publish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (_("Links"), {"fields": ["seo_description", "networks", "cities", "events", "themes"]}),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "edited_at", "author", "preview"]},
        ),
    ]

    def view_on_site(self, obj):
        # Drafts and scheduled articles have no public page yet: the Preview button shows them.
        return obj.get_absolute_url() if obj.is_public else None

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "published_at":
            kwargs["help_text"] = _(
                "Empty when published: now. A time in the future schedules the article."
            )
        if db_field.name.startswith("body"):
            kwargs["widget"] = CSPSafeProseEditorWidget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # The form checks the status against what this user may do.
        return type(form.__name__, (form,), {"request_user": request.user})

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        if not change and obj.author_id is None:
            obj.author = request.user
        services.save_article(obj, changed_fields=form.changed_data if change else ())

    @admin.display(description=_("status"), ordering="status")
    def status_display(self, obj):
        if obj.is_scheduled:
            return _("scheduled")
        return obj.get_status_display()

    @admin.display(description=_("languages"))
    def languages(self, obj):
        return ", ".join(code.upper() for code in obj.available_languages) or "–"

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return preview_links(obj)

    def get_list_display(self, request):
        # The list's preview links, their addresses worked out once for the page's rows.
        addresses_of = preview_addresses()

        @admin.display(description=_("preview"))
        def preview(obj):
            return preview_links(obj, addresses_of)

        return [preview if name == "preview" else name for name in self.list_display]

    @admin.action(description=_("Submit the selected articles for review"))
    def submit_for_review(self, request, queryset):
        count = 0
        for article in queryset.filter(status=PublicationStatus.DRAFT):
            article._history_user = request.user
            services.submit_for_review(article)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d article submitted for review.",
                "%(count)d articles submitted for review.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish the selected articles"), permissions=["publish"])
    def publish(self, request, queryset):
        count = 0
        for article in queryset.exclude(status=PublicationStatus.PUBLISHED):
            article._history_user = request.user
            services.publish(article, request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_publish_permission(self, request):
        return services.can_publish(request.user)
