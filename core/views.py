"""The views' shared pieces: querysets evaluated before a template renders, breadcrumbs, pages
kept whole (`core.cache.kept_response`) and lenient pagination."""

import functools

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .cache import kept_response


def resolve_querysets(context):
    """Evaluates the querysets of a context (a page's object list included), in place and
    once each (a list view names its page's objects twice), so a template runs no query."""
    resolved = {}

    def evaluated(queryset):
        if id(queryset) not in resolved:
            resolved[id(queryset)] = list(queryset)
        return resolved[id(queryset)]

    for name, value in context.items():
        if isinstance(value, QuerySet):
            context[name] = evaluated(value)
    page = context.get("page_obj")
    if page is not None and isinstance(page.object_list, QuerySet):
        page.object_list = evaluated(page.object_list)
    return context


class ResolvedTemplateResponse(TemplateResponse):
    """Evaluates the querysets of the context before the template renders: what a page
    shows is fetched by its view."""

    def resolve_context(self, context):
        if context:
            resolve_querysets(context)
        return super().resolve_context(context)


class ResolvedContextMixin:
    response_class = ResolvedTemplateResponse


class BreadcrumbsMixin(ResolvedContextMixin):
    """Puts `breadcrumbs`, a list of (label, url) pairs from the home page to the current
    page, into the context; the last one is the page itself (its url is not linked). The list
    is worked out when a template first reads it, so a page that shows it from a cached
    fragment does not."""

    def get_breadcrumbs(self):
        return []

    def breadcrumb_trail(self):
        if not hasattr(self, "_breadcrumb_trail"):
            crumbs = self.get_breadcrumbs()
            self._breadcrumb_trail = [(_("Home"), reverse("home")), *crumbs] if crumbs else []
        return self._breadcrumb_trail

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "breadcrumbs": self.breadcrumb_trail}


def kept_whole(view, name):
    """`view` (a function view) answering GET and HEAD from a response kept whole per address
    and content stamp (`core.cache.kept_response`): while it is kept the view runs
    no query. For views whose answer depends on the address and the content alone."""

    @functools.wraps(view)
    def kept_view(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        return kept_response(request, name, lambda: view(request, *args, **kwargs))

    return kept_view


class KeptPageMixin(BreadcrumbsMixin):
    """A page kept whole per address and content stamp (see `kept_whole`), for every
    visitor, editors included: while it is kept it runs no query and renders nothing. The
    view fetches what its template shows (`get_context_data`, querysets evaluated before the
    template renders) and the template is an ordinary one; nothing on such a page may depend
    on who is asking. `keep_page = False` renders it every time (a preview, say)."""

    keep_page = True

    def dispatch(self, request, *args, **kwargs):
        if not self.keep_page:
            return super().dispatch(request, *args, **kwargs)
        name = f"{type(self).__module__}.{type(self).__qualname__}"
        view = super().dispatch
        return kept_whole(view, name)(request, *args, **kwargs)


class CountedPaginator(Paginator):
    """A paginator told how many rows there are (read from a tally) instead of counting
    them: a count goes through every row of the selection."""

    def __init__(self, object_list, per_page, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count  # in place of the cached property that counts


def nearest_page(paginator, number):
    """The page `number` of `paginator`, its rows fetched. A bad page number is not an
    error: it shows the nearest page."""
    page = paginator.get_page(number)
    page.object_list = list(page.object_list)
    return page


def page_context(page):
    """What the pagination snippet reads."""
    return {"page_obj": page, "paginator": page.paginator, "is_paginated": page.has_other_pages()}


class LenientPaginationMixin:
    """A list view whose bad page number shows the nearest page (see `nearest_page`)."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = nearest_page(paginator, self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
