"""Real, small files of each type, for the upload tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

MB = 1024 * 1024


def pdf_bytes():
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def image_bytes(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def png_bytes():
    return image_bytes("PNG")


def jpeg_bytes():
    return image_bytes("JPEG")


def zip_bytes(members, *, stored_first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first[0]), stored_first[1])  # stored
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes(**extra):
    return zip_bytes(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"/>',
            "word/document.xml": '<?xml version="1.0"?><w:document/>',
            **extra,
        }
    )


def odt_bytes(mimetype="application/vnd.oasis.opendocument.text"):
    return zip_bytes(
        {"content.xml": '<?xml version="1.0"?><office:document-content/>'},
        stored_first=("mimetype", mimetype),
    )


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


#: Contents that are none of the allowed types, by label: some pass for one at a glance.
NOT_ALLOWED = {
    "empty file": b"",
    "renamed executable": b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 200,
    "ELF binary": b"\x7fELF\x02\x01\x01" + b"\0" * 100,
    "HTML": b"<!DOCTYPE html><html><script>alert(1)</script></html>",
    "SVG": b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(1)</script></svg>",
    "plain zip": zip_bytes({"readme.txt": "hello"}),
    "macro-enabled docx": docx_bytes(**{"word/vbaProject.bin": "VBA"}),
    "OpenDocument presentation": odt_bytes(
        mimetype="application/vnd.oasis.opendocument.presentation"
    ),
    "ODT mimetype without content": zip_bytes({}, stored_first=("mimetype", "")),
    "truncated zip": b"PK\x03\x04" + b"\0" * 40,
    "plain text": b"Just some notes, %PDF- later in the text",
    "PDF magic not at the start": b" %PDF-1.4\n%%EOF",
    "GIF": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
}
