from django.db import migrations

from core.groups import NCP_EDITOR, codenames, grant



def grant_calls(apps, schema_editor):
    grant(apps, NCP_EDITOR, "calls", codenames(["call", "calllink"]))


def revoke_calls(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=NCP_EDITOR).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="calls", codename__in=codenames(["call", "calllink"])
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0001_calls_and_their_links"),
        ("urbact_portal", "0002_partner_editor_permissions"),
    ]

    operations = [migrations.RunPython(grant_calls, revoke_calls)]
