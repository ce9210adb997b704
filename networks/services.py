"""Workflows that touch several models, called alike from the admin, commands and views."""

import datetime
import email.policy
import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from core.cache import bump_content_version
from core.groups import PARTNER_EDITOR

from .dates import add_months
from .models import (
    Membership,
    Milestone,
    PartnerEditor,
    Period,
    Phase,
    PhaseTemplate,
    ProgressUpdate,
    PublicationStatus,
    ReviewComment,
    UpdateAttachment,
    can_review_updates,
)
from .uploads import check_upload

logger = logging.getLogger(__name__)


def phase_template_for(network, number):
    try:
        return PhaseTemplate.objects.prefetch_related("periods", "milestones").get(
            network_type=network.network_type_id, number=number
        )
    except PhaseTemplate.DoesNotExist:
        raise ValidationError(
            _("There is no template for phase %(number)s of %(type)s.")
            % {"number": number, "type": network.network_type}
        ) from None


@transaction.atomic
def create_phase_from_template(network, number, start, *, approved_on=None):
    """Create phase `number` of `network` starting on `start`, with the periods and milestones
    of its network type's template laid end to end (18 + 6 months -> 24-month phase)."""
    template = phase_template_for(network, number)
    periods = list(template.periods.all())
    if not periods:
        raise ValidationError(_("The phase template has no periods."))
    total_months = sum(period.months for period in periods)
    phase = Phase.objects.create(
        network=network,
        number=number,
        start=start,
        end=add_months(start, total_months) - datetime.timedelta(days=1),
        approved_on=approved_on,
    )
    period_start = start
    offset = 0
    for period in periods:
        offset += period.months
        period_end = add_months(start, offset) - datetime.timedelta(days=1)
        Period.objects.create(phase=phase, kind=period.kind, start=period_start, end=period_end)
        period_start = period_end + datetime.timedelta(days=1)
    Milestone.objects.bulk_create(
        Milestone(
            phase=phase,
            month=milestone.month,
            **{field: getattr(milestone, field) for field in _localized("title")},
        )
        for milestone in template.milestones.all()
    )
    bump_content_version()  # bulk_create sends no signal: the milestones show at once
    return phase


def _localized(name):
    return [build_localized_fieldname(name, code) for code, _label in settings.LANGUAGES]


def add_membership(network, city, *, role="partner", is_newcomer=None, **fields):
    """Add `city` to `network`. The newcomer flag is computed from the participation history
    unless given (staff override it when imported history is incomplete)."""
    if is_newcomer is None:
        is_newcomer = Membership.computed_newcomer(city, network)
    return Membership.objects.create(
        network=network, city=city, role=role, is_newcomer=is_newcomer, **fields
    )


# Progress updates: partner editors write drafts and submit them; NCP staff publish them or send
# them back with a comment. Each step checks who acts, whichever screen or command calls it.


def _require(condition):
    if not condition:
        raise PermissionDenied


def _locked(update):
    return ProgressUpdate.objects.select_for_update().get(pk=update.pk)


def submit_for_review(update, *, by):
    """Hand a draft to the NCP for review and tell the reviewers by email."""
    _require(update.is_visible_to(by))
    with transaction.atomic():
        locked = _locked(update)
        if locked.status != PublicationStatus.DRAFT:
            raise ValidationError(_("Only a draft can be submitted for review."))
        update.status = PublicationStatus.IN_REVIEW
        update.save(update_fields=["status", "updated_at"])
    _notify(
        reviewer_emails(),
        "networks/email/update_submitted",
        {"update": update, "by": by, "admin_url": _admin_url(update)},
    )
    return update


def publish_update(update, *, by):
    """Publish an update (NCP staff only) and tell its author."""
    _require(can_review_updates(by))
    with transaction.atomic():
        locked = _locked(update)
        if locked.status == PublicationStatus.PUBLISHED:
            raise ValidationError(_("This update is already published."))
        update.status = PublicationStatus.PUBLISHED
        update.save(update_fields=["status", "updated_at"])
    _notify(
        _author_emails(update),
        "networks/email/update_published",
        {"update": update, "url": settings.PORTAL_URL + update.get_absolute_url()},
    )
    return update


def send_back_with_comment(update, comment, *, by):
    """Return an update to its partner editors as a draft, with the reviewer's comment, which
    they see on the update in the admin and receive by email."""
    _require(can_review_updates(by))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Say what should change."))
    with transaction.atomic():
        locked = _locked(update)
        if locked.status == PublicationStatus.DRAFT:
            raise ValidationError(_("This update is already a draft."))
        review = ReviewComment.objects.create(update=update, author=by, text=comment)
        update.status = PublicationStatus.DRAFT
        update.save(update_fields=["status", "updated_at"])
    _notify(
        _author_emails(update),
        "networks/email/update_sent_back",
        {"update": update, "comment": comment, "admin_url": _admin_url(update)},
    )
    return review


def add_attachment(update, uploaded, *, by, order=0, **titles):
    """Attach a checked file (see uploads.check_upload) to an update `by` may edit, with its
    title in any of the languages named as its fields are (`title_lv="Atskaite"`)."""
    fields = _localized("title")
    unknown = set(titles) - set(fields)
    if unknown:
        raise TypeError(f"add_attachment() got unexpected keyword arguments {sorted(unknown)}")
    _require(update.is_editable_by(by))
    checked = check_upload(uploaded)
    attachment = UpdateAttachment(
        update=update,
        kind=checked.kind,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        **{field: titles.get(field, "") for field in fields},
        order=order,
    )
    attachment.file.save(checked.content.name, checked.content, save=False)
    attachment.save()
    return attachment


def reviewer_emails():
    """The addresses of the active NCP staff who may publish updates."""
    User = get_user_model()
    users = User.objects.with_perm(
        "networks.publish_progressupdate",
        include_superusers=True,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return sorted(
        set(users.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    )


def _author_emails(update):
    User = get_user_model()
    users = User.objects.filter(is_active=True).filter(
        Q(pk=update.author_id) | Q(partner_editor_links__network=update.network_id)
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def _admin_url(update):
    return settings.PORTAL_URL + reverse("admin:networks_progressupdate_change", args=[update.pk])


class ReadableEmail(EmailMultiAlternatives):
    """Text parts sent as the UTF-8 they were written in (8bit), never as base64 or
    quoted-printable, which the standard library picks for a line longer than 78 bytes (a
    password link, a Latvian sentence): the message stays readable as it is, in any mail
    client's source view and in the development console."""

    def message(self, *, policy=email.policy.default):
        msg = super().message(policy=policy)
        for part in msg.walk():
            if part.get_content_maintype() == "text" and part.get("Content-Transfer-Encoding") in (
                "base64",
                "quoted-printable",
            ):
                part.set_content(
                    part.get_content(),
                    subtype=part.get_content_subtype(),
                    charset="utf-8",
                    cte="8bit",
                )
        return msg


def _notify(recipients, template, context, *, html=False):
    """Email `recipients` the plain text `{template}.txt` (and, with `html`, the same
    message as HTML from `{template}.html`) in the portal's language."""
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        html_body = render_to_string(f"{template}.html", context) if html else None
    message = ReadableEmail(subject, body, None, recipients)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    try:
        message.send()
    except (OSError, smtplib.SMTPException):
        # The step itself is done and committed; a mail server being down must not undo it
        # or show the editor an error page.
        logger.exception("Could not send %s to %s", template, recipients)


# Partner editors are created by NCP staff (admin or `manage.py create_partner_editor`), and
# choose their own password through Django's password reset link.


@transaction.atomic
def create_partner_editor(email, networks):
    """Make the user with this email (created when new) a partner editor of `networks`, and
    email a link to set a password when they have none yet. Returns (user, created)."""
    email = (email or "").strip()
    validate_email(email)
    if not networks:
        raise ValidationError(_("Choose at least one network."))
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    created = user is None
    if created:
        if User.objects.filter(username__iexact=email).exists():
            raise ValidationError(_("A user with this user name already exists."))
        user = User.objects.create_user(username=email.lower(), email=email)  # no password yet
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get_or_create(name=PARTNER_EDITOR)[0])
    for network in networks:
        PartnerEditor.objects.get_or_create(user=user, network=network)
    if not user.has_usable_password():
        transaction.on_commit(lambda: send_password_link(user, networks))
    return user, created


def send_password_link(user, networks=()):
    """Email `user` a one-time link to choose a password (Django's password reset token)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    _notify(
        [user.email],
        "networks/email/partner_editor_invitation",
        {
            "user": user,
            "networks": list(networks),
            "url": settings.PORTAL_URL + path,
            "login_url": settings.PORTAL_URL + reverse("admin:login"),
            "portal_url": settings.PORTAL_URL + "/",
        },
        html=True,
    )
