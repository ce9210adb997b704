from django.db import migrations

from core.groups import NCP_EDITOR, codenames, grant

# NCP editors set up registration for their events and see, export and delete registrants
# and subscribers; partner editors get none of it (registrants are not theirs to see).
REGISTRATION_PERMISSIONS = codenames(["registrationsetup"]) + codenames(
    ["registration"], ("view", "delete")
)
SUBSCRIPTION_PERMISSIONS = codenames(["subscriber", "signuprequest"], ("view", "delete"))


def update_groups(apps, schema_editor):
    grant(apps, NCP_EDITOR, "registrations", REGISTRATION_PERMISSIONS)
    grant(apps, NCP_EDITOR, "subscriptions", SUBSCRIPTION_PERMISSIONS)


def revert_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=NCP_EDITOR).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label__in=["registrations", "subscriptions"])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("urbact_portal", "0002_partner_editor_permissions"),
        ("registrations", "0001_event_registrations"),
        ("subscriptions", "0001_subscribers_follows_deliveries"),
    ]

    operations = [migrations.RunPython(update_groups, revert_groups)]
