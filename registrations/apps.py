from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def event_page_registration(event):
    """The registration an event's page offers (one query; the page runs it in its view)."""
    from .models import RegistrationSetup

    setup = RegistrationSetup.objects.filter(event=event).first()
    if setup is None:
        return {}
    return {"registration": {"setup": setup, "accepting": setup.accepting()}}


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Event registrations")

    def ready(self):
        from networks.views import EVENT_PAGE_EXTRAS

        if event_page_registration not in EVENT_PAGE_EXTRAS:
            EVENT_PAGE_EXTRAS.append(event_page_registration)
