"""Where attachments are kept, and under which names (``desk.uploads.storage``)."""

import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.utils import timezone

from desk.models import Attachment
from desk.uploads.storage import attachment_upload_to, private_storage

from .samples import pdf_bytes


def test_private_storage_is_outside_the_public_media_root_and_has_no_url():
    storage = private_storage()

    assert private_storage() is storage  # one storage, whoever asks
    location = Path(storage.location)

    assert location == Path(django_settings.PRIVATE_MEDIA_ROOT).resolve()
    media_root = Path(django_settings.MEDIA_ROOT).resolve()
    assert media_root != location
    assert media_root not in location.parents
    with pytest.raises(ValueError, match="not accessible via a URL"):
        storage.url("attachments/2025/01/x.pdf")


def test_private_storage_follows_the_setting_and_saves_there(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    storage = private_storage()

    name = storage.save("attachments/2025/01/abc.pdf", ContentFile(pdf_bytes()))

    assert Path(storage.path(name)) == tmp_path / "private" / "attachments/2025/01/abc.pdf"
    assert (tmp_path / "private" / name).read_bytes() == pdf_bytes()


def test_the_attachment_field_records_the_callables_for_migrations():
    field = Attachment._meta.get_field("file")

    _name, _path, _args, kwargs = field.deconstruct()

    assert kwargs["storage"] is private_storage
    assert kwargs["upload_to"] is attachment_upload_to
    assert field.storage is private_storage()


STORED_NAME = re.compile(r"^attachments/\d{4}/\d{2}/[0-9a-f]{32}(\.[a-z0-9]+)?$")


@pytest.mark.parametrize(
    ("instance", "filename", "extension"),
    [
        (SimpleNamespace(kind="jpeg"), "Mon CV secret.png", ".jpg"),
        (SimpleNamespace(kind="docx"), "Mon CV secret", ".docx"),
        (SimpleNamespace(content_type="application/pdf"), "Mon CV secret.txt", ".pdf"),
        (SimpleNamespace(), "Mon CV secret.PDF", ".pdf"),
        (SimpleNamespace(), "../../Mon CV secret.sh;rm -rf", ""),
        (SimpleNamespace(), "Mon CV secret", ""),
    ],
)
def test_stored_names_hide_the_users_file_name(instance, filename, extension):
    stored = attachment_upload_to(instance, filename)
    again = attachment_upload_to(instance, filename)

    assert STORED_NAME.match(stored), stored
    assert os.path.splitext(stored)[1] == extension
    assert "secret" not in stored.lower()
    assert stored != again


def test_stored_names_are_dated():
    stored = attachment_upload_to(SimpleNamespace(kind="pdf"), "x.pdf")
    assert stored.startswith(timezone.now().strftime("attachments/%Y/%m/"))
