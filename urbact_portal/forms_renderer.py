"""The form renderer: Django's own widget templates rendered by Jinja2, every other widget
template (the admin's, the editor's) by the Django template language.

Django ships each of its form and widget templates in both languages, and they write the
same HTML. A change form renders a template per widget, an inline of 40 rows over 400 of
them, and the Django template language took four to five times as long over each as Jinja2
(a network's form with its 40 partners as rows: 204 ms, then 117 ms).
"""

import functools

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class WidgetRenderer(BaseRenderer):
    def __init__(self):
        self.jinja2 = Jinja2()
        self.django = DjangoTemplates()

    @functools.cache  # noqa: B019 (one renderer a process; template names are few)
    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)
