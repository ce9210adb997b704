from django.db import migrations, models


def copy_network_to_networks(apps, schema_editor):
    Event = apps.get_model("networks", "Event")
    for event in Event.objects.exclude(network=None):
        event.networks_new.add(event.network_id)


def copy_networks_to_network(apps, schema_editor):
    Event = apps.get_model("networks", "Event")
    for event in Event.objects.all():
        first = event.networks_new.order_by("pk").first()
        if first is not None:
            event.network = first
            event.save(update_fields=["network"])


class Migration(migrations.Migration):
    """An event may concern many networks (the phase-2 kick-off concerns all of them)."""

    dependencies = [("networks", "0005_approvals")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="networks_new",
            field=models.ManyToManyField(blank=True, related_name="+", to="networks.network"),
        ),
        migrations.RunPython(copy_network_to_networks, copy_networks_to_network),
        migrations.RemoveField(model_name="event", name="network"),
        migrations.RenameField(model_name="event", old_name="networks_new", new_name="networks"),
        migrations.AlterField(
            model_name="event",
            name="networks",
            field=models.ManyToManyField(
                blank=True,
                help_text=(
                    "The networks taking part: one for a transnational meeting, many for a "
                    "programme event such as the phase-2 kick-off."
                ),
                related_name="events",
                to="networks.network",
                verbose_name="networks",
            ),
        ),
    ]
