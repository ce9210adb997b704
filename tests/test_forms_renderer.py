"""The form renderer: Django's widget templates through Jinja2, the admin's and the editor's
through the Django template language, with the same HTML either way (but for the white space
between tags)."""

import datetime
import re

import pytest
from django import forms
from django.contrib.admin import widgets as admin_widgets
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.template.backends.django import Template as DjangoTemplate
from django.template.backends.jinja2 import Template as Jinja2Template

from urbact_portal.forms_renderer import WidgetRenderer


def same(html):
    return re.sub(r">\s<", "><", re.sub(r"\s+", " ", str(html))).strip()


CHOICES = [("lv", "Latviešu <valoda>"), ("en", "English")]


class Everything(forms.Form):
    text = forms.CharField(max_length=20, help_text="Help & more")
    number = forms.IntegerField(min_value=1)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    choice = forms.ChoiceField(choices=CHOICES)
    several = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    flag = forms.BooleanField(required=False)
    body = forms.CharField(widget=forms.Textarea)
    upload = forms.FileField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput)


def test_the_portal_uses_it():
    assert isinstance(get_default_renderer(), WidgetRenderer)


@pytest.mark.parametrize("bound", [False, True])
def test_djangos_widgets_write_the_same_html_through_jinja2(bound):
    data = {"text": "<b>", "choice": "en", "several": ["lv", "en"], "flag": "on", "number": "0"}
    kwargs = {"data": data} if bound else {"initial": {"day": datetime.date(2019, 3, 1)}}
    fast = Everything(renderer=WidgetRenderer(), **kwargs)
    plain = Everything(renderer=DjangoTemplates(), **kwargs)
    for name in Everything.base_fields:
        assert same(fast[name]) == same(plain[name]), name
    assert same(fast) == same(plain)  # labels, errors and help texts too
    assert ("&lt;b&gt;" in str(fast["text"])) is bound  # escaped
    assert "Latviešu &lt;valoda&gt;" in str(fast["choice"])


def test_each_template_comes_from_the_language_that_has_it():
    renderer = WidgetRenderer()
    assert isinstance(renderer.get_template("django/forms/widgets/select.html"), Jinja2Template)
    admin_template = renderer.get_template("admin/widgets/date.html")
    assert isinstance(admin_template, DjangoTemplate)
    widget = admin_widgets.AdminDateWidget()
    html = widget.render("start", datetime.date(2019, 3, 1), renderer=renderer)
    plain = widget.render("start", datetime.date(2019, 3, 1), renderer=DjangoTemplates())
    assert same(html) == same(plain)
    assert 'class="vDateField"' in html
