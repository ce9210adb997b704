"""The editor groups and what each may do. Migrations call `grant` with the permissions that
existed at that point, so every later model adds its own migration."""

NCP_EDITOR = "NCP editor"
PARTNER_EDITOR = "Partner editor"

ALL_ACTIONS = ("add", "change", "delete", "view")


def codenames(model_names, actions=ALL_ACTIONS):
    return [f"{action}_{model}" for model in model_names for action in actions]


def grant(apps, group_name, app_label, codename_list):
    """Give `group_name` these permissions of `app_label`, creating what is missing."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after the whole migrate run; create them now.
    create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codename_list
    )
    missing = set(codename_list) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise LookupError(f"Unknown permissions in {app_label}: {sorted(missing)}")
    group.permissions.add(*permissions)
