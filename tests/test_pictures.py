"""Pictures with a reason: an article, a progress update and an event show their image where
they have one, described in every language (the model's validation and a database check),
with its size in the markup so the page does not move, and lazily where it is below the fold."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from core.images import ReencodedImageFormField
from networks.models import Event, ProgressUpdate
from news.models import Article
from tests.factories import ArticleFactory, EventFactory, NetworkFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db

FACTORIES = {Article: ArticleFactory, ProgressUpdate: ProgressUpdateFactory, Event: EventFactory}


def picture(name="photo.png", size=(320, 180)):
    data = io.BytesIO()
    Image.new("RGB", size, (0, 80, 122)).save(data, format="PNG")
    # Through the form field, as the admin stores it: re-encoded by Pillow.
    return ReencodedImageFormField().clean(
        SimpleUploadedFile(name, data.getvalue(), content_type="image/png")
    )


@pytest.mark.parametrize("model", FACTORIES)
@pytest.mark.parametrize(
    ("alt_lv", "alt_en", "missing"),
    [
        ("", "", {"image_alt_lv", "image_alt_en"}),
        ("Tilts", "", {"image_alt_en"}),
        ("", "A bridge", {"image_alt_lv"}),
        ("Tilts", "  ", {"image_alt_en"}),
    ],
)
def test_an_image_needs_its_description_in_every_language(model, alt_lv, alt_en, missing):
    item = FACTORIES[model].build(image_alt_lv=alt_lv, image_alt_en=alt_en)
    item.image = picture()
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert set(error.value.message_dict) == missing


@pytest.mark.parametrize("model", FACTORIES)
def test_the_database_refuses_an_image_described_in_one_language(model):
    item = FACTORIES[model](image_alt_lv="Tilts", image_alt_en="A bridge")
    item.image = picture()
    item.save()
    item.refresh_from_db()
    assert (item.image_width, item.image_height) == (320, 180)
    for column in ("image_alt_en", "image_alt_lv"):
        with transaction.atomic(), pytest.raises(IntegrityError):
            model.objects.filter(pk=item.pk).update(**{column: ""})
        with transaction.atomic(), pytest.raises(IntegrityError):
            model.objects.filter(pk=item.pk).update(**{column: None})


@pytest.mark.parametrize("model", FACTORIES)
def test_without_an_image_no_description_is_needed(model):
    item = FACTORIES[model](image_alt_lv="", image_alt_en="")
    item.clean()
    assert not item.image


def test_an_upload_that_is_not_an_image_is_refused():
    fake = SimpleUploadedFile("photo.png", b"<html>not a picture</html>", "image/png")
    with pytest.raises(ValidationError):
        ReencodedImageFormField().clean(fake)


def img_tag(html, alt):
    (tag,) = re.findall(rf'<img [^>]*alt="{re.escape(alt)}"[^>]*>', html)
    return tag


def test_an_article_shows_its_image_with_its_size_and_lists_it_lazily(client):
    article = ArticleFactory(
        slug="bridge", image_alt_lv="Tilts pār Daugavu", image_alt_en="A bridge"
    )
    article.image = picture()
    article.save()
    page = img_tag(client.get("/lv/news/bridge/").content.decode(), "Tilts pār Daugavu")
    assert 'width="320" height="180"' in page
    assert 'loading="lazy"' not in page  # at the top of the article
    listed = img_tag(client.get("/en/news/").content.decode(), "A bridge")
    assert 'width="320" height="180"' in listed and 'loading="lazy"' in listed


def test_an_update_and_an_event_show_their_image(client):
    network = NetworkFactory(slug="green")
    update = ProgressUpdateFactory(
        network=network, slug="plan", image_alt_lv="Darbnīca", image_alt_en="A workshop"
    )
    update.image = picture()
    update.save()
    event = EventFactory(slug="meeting", image_alt_lv="Zāle", image_alt_en="The hall")
    event.image = picture(size=(400, 300))
    event.save()
    tag = img_tag(client.get("/en/networks/green/updates/plan/").content.decode(), "A workshop")
    assert 'width="320" height="180"' in tag
    assert re.search(r'src="/media/updates/\d{4}/[\w-]{16}\.png"', tag)  # a name not guessed
    tag = img_tag(client.get("/lv/events/meeting/").content.decode(), "Zāle")
    assert 'width="400" height="300"' in tag


def test_pages_without_an_image_have_no_empty_figure(client):
    ArticleFactory(slug="plain")
    assert 'class="picture' not in client.get("/lv/news/plain/").content.decode()


def test_a_large_image_offers_smaller_copies_made_once(client):
    article = ArticleFactory(slug="wide", image_alt_lv="Plats", image_alt_en="Wide")
    article.image = picture(size=(1600, 900))
    article.save()
    tag = img_tag(client.get("/en/news/wide/").content.decode(), "Wide")
    srcset = re.search(r'srcset="([^"]+)"', tag).group(1)
    candidates = [candidate.rsplit(" ", 1) for candidate in srcset.split(", ")]
    assert [width for _url, width in candidates] == ["480w", "960w", "1600w"]
    assert 'sizes="(min-width: 48rem) 44rem, 100vw"' in tag
    for url, width in candidates[:2]:
        response = client.get(url)
        assert response.status_code == 200
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as copy:
            assert copy.width == int(width.removesuffix("w"))
    # A small image is offered as it is.
    small = ArticleFactory(slug="small", image_alt_lv="Mazs", image_alt_en="Small")
    small.image = picture(size=(320, 180))
    small.save()
    tag = img_tag(client.get("/en/news/small/").content.decode(), "Small")
    assert re.search(r'srcset="/media/news/\d{4}/[^ ]+ 320w"', tag)
