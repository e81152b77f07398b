"""Telling the allowed types apart by content (``desk.uploads.file_types``)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile

from desk.uploads.file_types import detect_kind

from .samples import MB, NOT_ALLOWED, docx_bytes, odt_bytes, pdf_bytes, zip_bytes


@pytest.mark.parametrize(
    ("make", "kind"), [(docx_bytes, "docx"), (odt_bytes, "odt"), (pdf_bytes, "pdf")]
)
def test_detection_works_on_a_temporary_file_on_disk(make, kind):
    content = make()
    uploaded = TemporaryUploadedFile("x.bin", "application/octet-stream", len(content), None)
    try:
        uploaded.write(content)
        uploaded.seek(5)
        assert detect_kind(uploaded) == kind
        assert uploaded.tell() == 0
    finally:
        uploaded.close()


def test_detection_reads_only_a_header_of_a_non_zip_file():
    class Recording(io.BytesIO):
        largest_read = 0

        def read(self, size=-1):
            data = super().read(size)
            Recording.largest_read = max(Recording.largest_read, len(data))
            return data

    fileobj = Recording(pdf_bytes() + b"\0" * MB)

    assert detect_kind(fileobj) == "pdf"
    assert Recording.largest_read <= 8
    assert fileobj.tell() == 0


def test_a_zip_bomb_mimetype_member_is_not_inflated(monkeypatch):
    # The mimetype member starts right but goes on for megabytes: not an ODT.
    content = zip_bytes(
        {
            "mimetype": "application/vnd.oasis.opendocument.text" + " " * (50 * MB),
            "content.xml": "<x/>",
        }
    )
    inflated = []
    real_read = zipfile.ZipExtFile.read

    def recording_read(member, size=-1):
        data = real_read(member, size)
        inflated.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", recording_read)

    assert detect_kind(io.BytesIO(content)) is None
    assert sum(inflated) < 100


@pytest.mark.parametrize("label", NOT_ALLOWED)
def test_other_content_is_not_recognised(label):
    assert detect_kind(io.BytesIO(NOT_ALLOWED[label])) is None
