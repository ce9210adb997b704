"""Work done outside the request, by the tasks worker (`manage.py db_worker`)."""

from django.tasks import task

from . import services
from .models import SignupRequest


@task
def send_confirmation(signup_id):
    signup = SignupRequest.objects.filter(pk=signup_id).first()
    if signup is not None:
        services.confirmation_message(signup).send()


@task
def send_digests():
    return services.send_due()
