"""`{% registration_offer event %}`: on an event's page, whether and until when it takes
registrations, with the link to the registration page (one query). Places left are shown
on that page, which is never cached."""

from django import template

from ..models import RegistrationSetup

register = template.Library()


@register.inclusion_tag("registrations/offer.html")
def registration_offer(event):
    setup = RegistrationSetup.objects.filter(event=event).first()
    return {"setup": setup, "event": event, "accepting": setup is not None and setup.accepting()}
