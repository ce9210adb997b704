import unicodedata

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce, Length, Upper
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.addresses import addresses

# Latin letters that Unicode does not decompose into a base letter and an accent, so that
# slugify would drop them ("Łódź" -> "odz"): spelt the way people type them without the accent.
UNDECOMPOSED_LETTERS = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h",
     "ı": "i", "ß": "ss", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th"}
)  # fmt: skip


def match_key(name):
    """The form of a city name used for matching: no accents, no case ("Rīga" -> "riga",
    "Łódź" -> "lodz")."""
    return slugify(name.translate(UNDECOMPOSED_LETTERS))


def collation_key(name):
    """A sort key for names in the portal's languages: letter by letter, an accented letter
    right after its base letter (Latvian order: "Cipra", "Čehija", "Dānija"; "Itālija",
    "Īrija"), case ignored."""
    key = []
    for char in name.translate(UNDECOMPOSED_LETTERS).casefold():
        base = unicodedata.normalize("NFKD", char)[:1]
        key.append((base, char != base))
    return key


class Country(models.Model):
    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z]{2}$", _("Enter two letters (ISO 3166-1)."))],
        help_text=_("ISO 3166-1 alpha-2, upper case (LV, ES, DE)."),
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code=Upper("code")) & Exact(Length("code"), 2),
                name="country_code_iso2_upper",
                violation_error_message=_("The code must be two upper-case letters."),
            ),
        ]

    def __str__(self):
        return self.name or self.code

    def save(self, *args, **kwargs):
        self.code = (self.code or "").upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cities:country", kwargs={"code": self.code.lower()})


class CityQuerySet(models.QuerySet):
    def in_country(self, code):
        return self.filter(country__code=code.upper())

    def with_network_counts(self):
        """Annotate `network_count`: the networks the city takes or took part in, counted by
        a subquery per row, so a page of cities costs the same at any number of them."""
        memberships = self.model._meta.get_field("memberships").related_model.objects
        counts = (
            memberships.filter(city=OuterRef("pk"))
            .order_by()
            .values("city")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(
            network_count=Coalesce(Subquery(counts), 0, output_field=models.IntegerField())
        )

    def taking_part(self):
        """Cities with at least one network membership, alphabetically (by slug), each with
        its `network_count`. Found by walking the cities of a country in slug order, each
        checked by index (`Exists`): a page of them is the same work at any data size, and a
        page holds cities of every size, not the largest ones first."""
        memberships = self.model._meta.get_field("memberships").related_model.objects
        return (
            self.filter(Exists(memberships.filter(city=OuterRef("pk"))))
            .with_network_counts()
            .order_by("slug", "pk")
        )

    def matching(self, name, country_code):
        """Cities with this name in this country, ignoring case and accents."""
        return self.in_country(country_code).filter(slug=match_key(name))


class City(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="cities", verbose_name=_("country")
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    objects = CityQuerySet.as_manager()

    class Meta:
        ordering = ["country__code", "slug"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "slug"], name="city_slug_unique_per_country"
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__range=(-90, 90)),
                name="city_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__range=(-180, 180)),
                name="city_longitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="city_coordinates_both_or_neither",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "cities:city", kwargs={"country": self.country.code.lower(), "slug": self.slug}
        )


def city_addresses():
    """A function of a country code and a city's slug giving the city page's address, as
    `City.get_absolute_url` does, with one `reverse` for all of them: a map of a list names
    hundreds of cities."""
    address = addresses("cities:city", "country", "slug")
    return lambda code, slug: address(country=code.lower(), slug=slug)


def country_addresses():
    """A function of a country code giving the country page's address, as
    `Country.get_absolute_url` does, with one `reverse` for all of them."""
    address = addresses("cities:country", "code")
    return lambda code: address(code=code.lower())
