from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.languages import localized

from .models import Membership

NEWCOMER_CHOICES = [
    ("", _("compute from the participation history")),
    ("yes", _("yes")),
    ("no", _("no")),
]


class MembershipForm(forms.ModelForm):
    """A new partner's newcomer flag is computed unless staff choose yes or no."""

    newcomer = forms.ChoiceField(label=_("newcomer"), choices=NEWCOMER_CHOICES, required=False)

    class Meta:
        model = Membership
        fields = ["city", "organisation", "role", "newcomer", "phase_joined", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["newcomer"].choices = NEWCOMER_CHOICES[1:]
            self.initial["newcomer"] = "yes" if self.instance.is_newcomer else "no"

    def save(self, commit=True):
        choice = self.cleaned_data.get("newcomer")
        if choice:
            self.instance.is_newcomer = choice == "yes"
        else:
            self.instance.is_newcomer = Membership.computed_newcomer(
                self.instance.city, self.instance.network
            )
        return super().save(commit=commit)


class SlugFromTitleMixin:
    """For a model admin form with a `slug` and a translated `title` (or `name`): a slug
    left empty is made from the title (in the default language first), unique among
    `slug_siblings()`; a slug typed in that is taken gets a message that says what to do."""

    slug_source = "title"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("slug")
        if field is not None:
            field.required = False
            field.help_text = _(
                "Part of the page's address. Leave it empty to make it from the title."
            )
            field.error_messages["unique"] = SLUG_TAKEN

    def slug_siblings(self):
        """The objects whose slugs this one's must differ from."""
        return self._meta.model._default_manager.all()

    def clean_slug(self):
        return self.cleaned_data.get("slug") or ""

    def clean(self):
        cleaned_data = super().clean()
        if "slug" not in self.fields or self.has_error("slug"):
            return cleaned_data
        siblings = self.slug_siblings()
        if siblings is None:
            return cleaned_data
        if self.instance.pk is not None:
            siblings = siblings.exclude(pk=self.instance.pk)
        slug = cleaned_data.get("slug")
        if slug:
            if siblings.filter(slug=slug).exists():
                self.add_error("slug", forms.ValidationError(SLUG_TAKEN, code="unique"))
            return cleaned_data
        source = next(
            (
                cleaned_data.get(name)
                for name in localized(self.slug_source)
                if cleaned_data.get(name)
            ),
            cleaned_data.get(self.slug_source),
        )
        base = slugify(source or "")[: self._meta.model._meta.get_field("slug").max_length - 4]
        if not base:
            self.add_error("slug", _("Give a title, or type the address (slug) yourself."))
            return cleaned_data
        taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        cleaned_data["slug"] = slug
        self.instance.slug = slug
        return cleaned_data


SLUG_TAKEN = _(
    "This address (slug) is already in use. Change it, or leave it empty to make one from "
    "the title."
)
