"""Registration emails, sent by the tasks worker (`manage.py db_worker`) once the
registration is committed."""

from django.tasks import task

from . import services
from .models import Registration


@task
def send_registration_email(registration_id, kind):
    registration = Registration.objects.select_related("setup__event").filter(pk=registration_id)
    registration = registration.first()
    if registration is not None:
        services.registration_message(registration, kind).send()
