from django.db import migrations, models
from django.utils.text import slugify

SLUG_LENGTH = 200


def fill_slugs(apps, schema_editor):
    """Each existing good practice gets a slug from its English title (else its Latvian
    one), made unique with a numeric suffix, in the order they were created."""
    GoodPractice = apps.get_model("networks", "GoodPractice")
    taken = set()
    for practice in GoodPractice.objects.order_by("pk"):
        title = next(
            (
                value
                for value in (practice.title_en, practice.title_lv, practice.title)
                if value and slugify(value)
            ),
            "",
        )
        base = slugify(title)[: SLUG_LENGTH - 8].strip("-") or "good-practice"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        practice.slug = slug
        practice.save(update_fields=["slug"])


class Migration(migrations.Migration):
    """Good practices get pages: a slug for their address, filled in for the existing ones
    (0008 then makes it unique)."""

    dependencies = [("networks", "0006_event_networks")]

    operations = [
        migrations.AddField(
            model_name="goodpractice",
            name="slug",
            field=models.SlugField(
                blank=True, default="", max_length=SLUG_LENGTH, verbose_name="slug"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
    ]
