"""Static files in production: hashed names from the manifest, compressed copies (whitenoise).

The manifest is read once when the process starts, so a file's address cannot change while it
runs: each address is worked out once (every page asks for the same few)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage

KEPT_ADDRESSES = 1000


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._addresses = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        address = self._addresses.get(name)
        if address is None:
            address = super().url(name)
            if len(self._addresses) < KEPT_ADDRESSES:
                self._addresses[name] = address
        return address
