from django.db import migrations

from core.groups import NCP_EDITOR, grant


def grant_publish(apps, schema_editor):
    grant(apps, NCP_EDITOR, "news", ["publish_article"])


def revoke_publish(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="news", codename="publish_article"
    ).first()
    group = Group.objects.filter(name=NCP_EDITOR).first()
    if permission and group:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_article_history_publish_permission_image_checks"),
        ("urbact_portal", "0001_editor_groups"),
    ]

    operations = [migrations.RunPython(grant_publish, revoke_publish)]
