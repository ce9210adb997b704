"""Write deploy/nginx.conf with its @...@ values filled in: the ports and nginx's own folder
from the arguments, the folders and the upload limit from the settings (STATIC_ROOT,
MEDIA_ROOT, REQUEST_BODY_MAX_BYTES), so that nginx takes exactly what the portal takes."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

TEMPLATE = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"


def render(*, prefix, port, app_port, static_root=None, media_root=None):
    values = {
        "@PREFIX@": str(prefix),
        "@PORT@": str(port),
        "@APP_PORT@": str(app_port),
        "@STATIC_ROOT@": str(static_root or settings.STATIC_ROOT),
        "@MEDIA_ROOT@": str(media_root or settings.MEDIA_ROOT),
        "@CLIENT_MAX_BODY_SIZE@": str(settings.REQUEST_BODY_MAX_BYTES),
    }
    conf = TEMPLATE.read_text()
    for key, value in values.items():
        conf = conf.replace(key, value)
    return conf


class Command(BaseCommand):
    help = "Write the nginx configuration (deploy/nginx.conf) with its values filled in."

    def add_arguments(self, parser):
        parser.add_argument("--prefix", required=True, help="nginx's folder (pid, logs, temp)")
        parser.add_argument("--port", type=int, required=True, help="where nginx listens")
        parser.add_argument("--app-port", type=int, required=True, help="the app server's port")
        parser.add_argument("--static-root", help="default: STATIC_ROOT")
        parser.add_argument("--media-root", help="default: MEDIA_ROOT")
        parser.add_argument("--output", help="the file to write (default: standard output)")

    def handle(self, *args, **options):
        conf = render(
            prefix=options["prefix"],
            port=options["port"],
            app_port=options["app_port"],
            static_root=options["static_root"],
            media_root=options["media_root"],
        )
        if options["output"]:
            Path(options["output"]).write_text(conf)
        else:
            self.stdout.write(conf, ending="")
