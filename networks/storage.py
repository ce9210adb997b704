"""Where attachments of progress updates are kept: outside MEDIA_ROOT, so that no web server
serves them directly; networks.attachments serves each one after checking who may see it."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT (read when used, so tests can move it). With no
    base URL, asking a file for its URL raises: the attachment's own URL is the only way in."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


private_storage = PrivateStorage()
