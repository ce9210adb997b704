"""Good practices that networks transfer, and the slugs of their pages."""

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname

from core.languages import in_programme_language

from .common import _as_list
from .networks import Network


class GoodPracticeQuerySet(models.QuerySet):
    def select(self, *, theme=None, country=None, programme=None):
        """Good practices in a selection: themes and programmes (slugs) of the networks that
        transfer them, countries (ISO alpha-2) of their cities; each one value or a list."""
        themes, countries, programmes = (_as_list(value) for value in (theme, country, programme))
        qs = self
        if themes:
            qs = qs.filter(
                pk__in=Network.objects.filter(themes__slug__in=themes).values("good_practice_id")
            )
        if programmes:
            qs = qs.filter(
                pk__in=Network.objects.filter(programme__slug__in=programmes).values(
                    "good_practice_id"
                )
            )
        if countries:
            qs = qs.filter(city__country__code__in=[str(code).upper() for code in countries])
        return qs

    def by_title(self):
        """Alphabetical in the active language, the default language's title where a
        translation is missing."""
        language = get_language() or settings.LANGUAGE_CODE
        return self.order_by(
            Coalesce(
                NullIf(build_localized_fieldname("title", language), Value("")),
                build_localized_fieldname("title", mt_settings.DEFAULT_LANGUAGE),
                output_field=models.CharField(),
            ),
            "slug",
        )


class GoodPractice(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    city = models.ForeignKey(
        "cities.City",
        on_delete=models.PROTECT,
        related_name="good_practices",
        verbose_name=_("city"),
    )
    year_labelled = models.PositiveSmallIntegerField(_("year labelled"), null=True, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("The page's address; made from the English title when left empty."),
    )

    objects = GoodPracticeQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Every way of creating one (admin, import, demo data, shell) gets an address.
        if not self.slug:
            self.slug = unique_practice_slug(self)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("good_practices:detail", kwargs={"slug": self.slug})


def practice_slug_base(practice):
    """The slug a good practice's titles suggest: the English one, else the first given."""
    english = in_programme_language("title")
    titles = [getattr(practice, english, None) if english else None]
    titles += [
        getattr(practice, build_localized_fieldname("title", code), None)
        for code, _name in settings.LANGUAGES
    ]
    titles.append(practice.title)
    title = next((title for title in titles if title and slugify(title)), "")
    max_length = GoodPractice._meta.get_field("slug").max_length - 8
    return slugify(title)[:max_length].strip("-") or "good-practice"


def unique_slug(base, taken):
    """`base`, or `base-2`, `base-3`...: the first one not in `taken`."""
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def unique_practice_slug(practice):
    base = practice_slug_base(practice)
    taken = set(
        GoodPractice.objects.filter(slug__startswith=base)
        .exclude(pk=practice.pk)
        .values_list("slug", flat=True)
    )
    return unique_slug(base, taken)
