"""Signed links in emails. A confirmation link expires (TimestampSigner); the links to
unsubscribe and to manage a subscription keep working as long as the subscription exists.
Each names a random key of its row, never its number, so a link dies with its row: after
"delete everything" or a new sign-up of the same address no old link reaches anything."""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "subscriptions.confirm"
MANAGE_SALT = "subscriptions.manage"


class BadLink(Exception):
    """A link that was tampered with, has expired or names nothing any more."""

    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def sign_timed(key, salt):
    return signing.TimestampSigner(salt=salt).sign(key)


def unsign_timed(token, salt, max_age):
    try:
        return signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise BadLink(expired=True) from None
    except signing.BadSignature:
        raise BadLink from None


def sign(key, salt):
    return signing.Signer(salt=salt).sign(key)


def unsign(token, salt):
    try:
        return signing.Signer(salt=salt).unsign(token)
    except signing.BadSignature:
        raise BadLink from None


def confirm_token(signup):
    return sign_timed(signup.key, CONFIRM_SALT)


def signup_key(token):
    return unsign_timed(token, CONFIRM_SALT, settings.SUBSCRIPTIONS_CONFIRM_HOURS * 3600)


def manage_token(subscriber):
    return sign(subscriber.key, MANAGE_SALT)


def subscriber_key(token):
    return unsign(token, MANAGE_SALT)
