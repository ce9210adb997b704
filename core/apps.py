from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The pieces every app shares (template tags included); it imports only Django and
    packages."""

    name = "core"
