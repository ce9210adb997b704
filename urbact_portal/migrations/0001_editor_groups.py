from django.db import migrations

from core.groups import NCP_EDITOR, PARTNER_EDITOR, codenames, grant

NCP_MODELS = {
    "cities": ["country", "city"],
    "networks": [
        "programme", "networktype", "theme", "goodpractice", "network", "membership",
        "phasetemplate", "periodtemplate", "milestonetemplate", "phase", "period", "milestone",
        "progressupdate", "event", "output",
    ],
    "news": ["article"],
}


def create_groups(apps, schema_editor):
    for app_label, models in NCP_MODELS.items():
        grant(apps, NCP_EDITOR, app_label, codenames(models))
    grant(
        apps,
        PARTNER_EDITOR,
        "networks",
        codenames(["progressupdate"], ("add", "change", "view")) + ["view_network"],
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[NCP_EDITOR, PARTNER_EDITOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cities", "0001_initial"),
        ("networks", "0001_initial"),
        ("news", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
