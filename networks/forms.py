from django import forms
from django.utils.translation import gettext_lazy as _

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
