from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.views import BreadcrumbsMixin

from .models import Kind
from .query import search
from .text import MAX_QUERY_LENGTH, MAX_QUERY_WORDS, clean_query, too_many_words


class SearchView(BreadcrumbsMixin, TemplateView):
    """/<lang>/search/?q=&kind=&page=: results in the page's language. Whatever a visitor
    sends gives a page: the query is cleaned and cut, an unknown kind means every kind, a bad
    page number the first or last page."""

    template_name = "search/search.html"

    def get_breadcrumbs(self):
        return [(_("Search"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        query, was_cut = clean_query(params.get("q", ""))
        kind = params.get("kind", "")
        if kind not in Kind.values:
            kind = ""
        results = search(query, self.request.LANGUAGE_CODE, kind=kind, page=params.get("page"))
        page = results.page
        address = reverse("search:page")

        def link(**values):
            return f"{address}?{urlencode({'q': query, **values})}"

        context.update(
            query=query,
            query_was_cut=was_cut,
            max_query_length=MAX_QUERY_LENGTH,
            words_ignored=too_many_words(query),
            max_query_words=MAX_QUERY_WORDS,
            kind=kind,
            kind_label=Kind(kind).label if kind else "",
            results=results,
            all_url=link(),
            kinds=[
                {
                    "value": value,
                    "label": label,
                    "count": results.counts[value],
                    "url": link(kind=value),
                    "current": value == kind,
                }
                for value, label in Kind.choices
                if results.counts.get(value)
            ],
            suggestion_url=(
                f"{address}?{urlencode({'q': results.suggestion})}" if results.suggestion else ""
            ),
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.paginator.num_pages > 1,
        )
        return context
