from django.db import migrations

from core.groups import NCP_EDITOR, PARTNER_EDITOR, codenames, grant

# Partner editors work on their own networks' updates and attachments only (the admin filters
# by network); they lose "view network", which would list every network in the admin and its
# autocomplete. NCP editors review and publish, manage partner editors and read the comments.
PARTNER_PERMISSIONS = codenames(["updateattachment"]) + ["view_reviewcomment"]
NCP_PERMISSIONS = (
    codenames(["partnereditor", "updateattachment"])
    + codenames(["reviewcomment"], ("add", "view"))
    + ["publish_progressupdate"]
)


def update_groups(apps, schema_editor):
    grant(apps, PARTNER_EDITOR, "networks", PARTNER_PERMISSIONS)
    grant(apps, NCP_EDITOR, "networks", NCP_PERMISSIONS)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name=PARTNER_EDITOR).permissions.remove(
        *Permission.objects.filter(content_type__app_label="networks", codename="view_network")
    )


def revert_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ((PARTNER_EDITOR, PARTNER_PERMISSIONS), (NCP_EDITOR, NCP_PERMISSIONS)):
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="networks", codename__in=codes)
            )
    grant(apps, PARTNER_EDITOR, "networks", ["view_network"])


class Migration(migrations.Migration):
    dependencies = [
        ("urbact_portal", "0001_editor_groups"),
        ("networks", "0003_partner_editors_and_attachments"),
    ]

    operations = [migrations.RunPython(update_groups, revert_groups)]
