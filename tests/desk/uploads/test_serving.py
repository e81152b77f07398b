"""Sending an attachment back as a download (``desk.uploads.serving``)."""

import pytest
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile

from desk.uploads.serving import attachment_response
from desk.uploads.storage import attachment_upload_to, private_storage

from .samples import pdf_bytes, png_bytes


def response_body(response):
    return b"".join(response.streaming_content)


@pytest.mark.django_db  # closing the response sends request_finished
def test_attachment_response_streams_a_stored_file_as_a_download(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    field = models.FileField(storage=private_storage, upload_to=attachment_upload_to)
    name = private_storage().save("attachments/2025/01/abc.pdf", ContentFile(pdf_bytes()))
    stored = FieldFile(None, field, name)

    response = attachment_response(stored, "Compte rendu été.pdf", "application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Compte%20rendu%20%C3%A9t%C3%A9.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Length"] == str(len(pdf_bytes()))
    assert response_body(response) == pdf_bytes()
    response.close()
    assert stored.closed


def test_attachment_response_never_puts_a_hostile_name_in_the_headers(tmp_path):
    path = tmp_path / "f.png"
    path.write_bytes(png_bytes())

    with path.open("rb") as handle:
        response = attachment_response(File(handle), '../evil"\r\nSet-Cookie: x=1.png', "image/png")
        body = response_body(response)

    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "\r" not in disposition and "\n" not in disposition
    assert "../" not in disposition
    assert response["Content-Type"] == "image/png"
    assert body == png_bytes()
