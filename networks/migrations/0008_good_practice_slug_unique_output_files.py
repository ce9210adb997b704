import networks.models
from django.db import migrations, models


def move_output_files(apps, schema_editor):
    """Output files uploaded before this migration lie under MEDIA_ROOT, where a web server
    may serve them as they are: move them to the private store, which only the portal's
    file view serves."""
    from django.core.files.storage import default_storage

    from networks.storage import private_storage

    Output = apps.get_model("networks", "Output")
    for output in Output.objects.exclude(file=""):
        name = output.file.name
        if private_storage.exists(name) or not default_storage.exists(name):
            continue
        with default_storage.open(name, "rb") as handle:
            stored = private_storage.save(name, handle)
        if stored != name:
            Output.objects.filter(pk=output.pk).update(file=stored)
        default_storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [("networks", "0007_good_practice_slug")]

    operations = [
        migrations.AlterField(
            model_name="goodpractice",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="The page's address; made from the English title when left empty.",
                max_length=200,
                unique=True,
                verbose_name="slug",
            ),
        ),
        migrations.AlterField(
            model_name="output",
            name="file",
            field=models.FileField(
                blank=True,
                help_text=(
                    "PDF, DOCX, XLSX, PPTX, ODT, ODS or ODP (up to 20 MB), or a JPEG, PNG or "
                    "WebP image (up to 10 MB). Files are checked by their content."
                ),
                max_length=200,
                storage=networks.models.output_storage,
                upload_to=networks.models._output_path,
                verbose_name="file",
            ),
        ),
        migrations.RunPython(move_output_files, migrations.RunPython.noop),
    ]
