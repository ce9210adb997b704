"""A real SMTP server (aiosmtpd) on a free local port for the tests of emails: Django sends
through its SMTP backend to it, and the tests read back what arrived, as parsed messages."""

import contextlib
import email
import email.policy
import socket
import threading

import pytest
from aiosmtpd.controller import Controller


class Mailbox:
    def __init__(self):
        self.messages = []
        self.fail_after = None  # refuse every message once this many have arrived
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            if self.fail_after is not None and len(self.messages) >= self.fail_after:
                return "451 Try again later"
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.messages.append(message)
        return "250 Message accepted"

    def to(self, address):
        return [message for message in self.messages if address in message["To"]]

    @staticmethod
    def text(message):
        return message.get_body(preferencelist=("plain",)).get_content()

    @staticmethod
    def html(message):
        return message.get_body(preferencelist=("html",)).get_content()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def smtp_server(settings):
    """Mail goes to a real SMTP server; tasks run at once, where they are queued."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10},
        }
    }
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.DEFAULT_FROM_EMAIL = "urbact@ncp.example"
    settings.PORTAL_URL = "https://urbact.example"
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def smtp(settings):
    with smtp_server(settings) as mailbox:
        yield mailbox
