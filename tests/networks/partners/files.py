"""Small real files for upload tests, made in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def png_bytes(size=(40, 30), color=(200, 30, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes(size=(40, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


def zip_bytes(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in entries:
            package.writestr(name, data)
    return out.getvalue()


def docx_bytes(extra=()):
    return zip_bytes(
        [("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<document/>"), *extra]
    )


def odt_bytes(mimetype="application/vnd.oasis.opendocument.text"):
    return zip_bytes([("mimetype", mimetype), ("content.xml", "<office:document-content/>")])


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def pdf(name="report.pdf"):
    return upload(name, PDF, "application/pdf")


def photo(name="meeting.png"):
    return upload(name, png_bytes(), "image/png")
