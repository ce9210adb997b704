"""An article's schema.org data (see cities.sharing for the rest)."""

from cities.sharing import SCHEMA, ncp_organization


def article_data(article, image, absolute):
    """The article as a schema.org NewsArticle, published by the NCP."""
    organisation = ncp_organization(absolute)
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "url": absolute(article.get_absolute_url()),
        "mainEntityOfPage": absolute(article.get_absolute_url()),
        "image": [image],
        "dateModified": article.edited_at.isoformat(),
        "author": organisation,
        "publisher": organisation,
        "inLanguage": article.available_languages,
    }
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
    if article.seo_description or article.lead:
        data["description"] = article.seo_description or article.lead
    return data
