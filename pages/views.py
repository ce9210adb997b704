from django.http import Http404
from django.views.generic import DetailView

from core.views import BreadcrumbsMixin

from .models import Page


class PageView(BreadcrumbsMixin, DetailView):
    """One statement page, by its kind. A missing one is the site's 404 page."""

    template_name = "pages/page.html"
    context_object_name = "page"
    kind = None

    def get_object(self, queryset=None):
        page = Page.objects.filter(kind=self.kind).first()
        if page is None:
            raise Http404
        return page

    def get_breadcrumbs(self):
        return [(self.object.title, None)]
