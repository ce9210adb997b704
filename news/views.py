from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from modeltranslation.utils import build_localized_fieldname

from cities.sharing import site_card
from cities.social_cards import card_url
from core.languages import localized
from core.security import second_factor_required
from core.views import BreadcrumbsMixin, ResolvedContextMixin

from .forms import ArticleFilterForm
from .models import Article
from .sharing import article_data


class ArticleListView(ResolvedContextMixin, ListView):
    """Published articles that have a text in the page's language, newest first, filterable
    by network, city and year."""

    template_name = "news/article_list.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        language = self.request.LANGUAGE_CODE
        self.available = Article.objects.published().in_language(language)
        self.filter_form = ArticleFilterForm(self.request.GET or None, articles=self.available)
        return self.filter_form.filter(self.available).order_by("-published_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filter_form=self.filter_form, filter_query=query.urlencode())
        return context


class ArticleDetailView(BreadcrumbsMixin, DetailView):
    """A published article in the page's language. An article without a text in that
    language answers 404 with a link to the languages it has."""

    template_name = "news/article_detail.html"
    unavailable_template_name = "news/article_unavailable.html"
    context_object_name = "article"
    preview = False

    def get_queryset(self):
        return Article.objects.published().with_links()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        language = request.LANGUAGE_CODE
        if not self.object.has_language(language):
            return self.render_to_response(
                self.unavailable_context(language), template_name=self.unavailable_template_name
            )
        return self.render_to_response(self.get_context_data(object=self.object))

    def render_to_response(self, context, template_name=None, **response_kwargs):
        if template_name:
            response_kwargs["status"] = 404
            return self.response_class(
                request=self.request,
                template=[template_name],
                context=context,
                using=self.template_engine,
                **response_kwargs,
            )
        return super().render_to_response(context, **response_kwargs)

    def unavailable_context(self, language):
        alternatives = []
        for code, name in settings.LANGUAGES:
            if self.object.has_language(code):
                alternatives.append(
                    {
                        "code": code,
                        "name": name,  # in the page's language: "Latvian", "latviešu"
                        "title": getattr(self.object, build_localized_fieldname("title", code)),
                        "url": self.article_url(code),
                    }
                )
        return {
            "article": self.object,
            "alternatives": alternatives,
            "language_name": dict(settings.LANGUAGES)[language],
        }

    def article_url(self, code):
        with translation.override(code):
            return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        request = self.request
        if article.image:
            image = request.build_absolute_uri(article.image.url)
        else:
            image = request.build_absolute_uri(card_url(site_card()))
        context.update(
            alternates=[
                {"code": code, "url": self.article_url(code)}
                for code in article.available_languages
            ],
            hreflang_languages=article.available_languages,
            share_image_url=image,
            structured_data=article_data(article, image, request.build_absolute_uri),
            previous_article=self.neighbour(article, older=True),
            next_article=self.neighbour(article, older=False),
        )
        return context

    def neighbour(self, article, *, older):
        """The article published just before (older) or after this one, in this language."""
        if article.published_at is None or self.preview:
            return None
        candidates = Article.objects.published().in_language(self.request.LANGUAGE_CODE)
        if older:
            candidates = candidates.filter(
                Q(published_at__lt=article.published_at)
                | Q(published_at=article.published_at, pk__lt=article.pk)
            ).order_by("-published_at", "-pk")
        else:
            candidates = candidates.filter(
                Q(published_at__gt=article.published_at)
                | Q(published_at=article.published_at, pk__gt=article.pk)
            ).order_by("published_at", "pk")
        return candidates.only("slug", *localized("title")).first()


@method_decorator([never_cache, second_factor_required], name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Any article, draft or scheduled, in the public design, for staff who may see it in the
    admin, once their session has its second factor. Never cached; others are sent to the
    login page (anonymous or password only) or get a 404."""

    preview = True

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_staff and request.user.has_perm("news.view_article")):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(Article.objects.with_links(), pk=self.kwargs["pk"])

    def article_url(self, code):
        with translation.override(code):
            return reverse("news:preview", kwargs={"pk": self.object.pk})

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, preview=True)
