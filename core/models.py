from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """The version of the public content: one row, moved forward in the transaction of every
    write of content (`core.cache`), so pages cached under an older version are
    not served again. It lives beside the content, so a write from any process (the admin,
    a command, the shell) moves it, whatever state the cache is in."""

    value = models.BigIntegerField(_("version"))
    next_publication = models.DateTimeField(
        _("next scheduled publication"),
        null=True,
        blank=True,
        help_text=_("When the version moves again without an edit: a scheduled publication."),
    )

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return str(self.value)
