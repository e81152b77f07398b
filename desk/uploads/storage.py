"""Where attachments are kept: a private storage with no URL, under random names."""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

from .file_types import ALLOWED_TYPES


@deconstructible(path="desk.uploads.storage.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_MEDIA_ROOT``, with no URL: ``url()`` raises
    ``ValueError``. Serve them with ``attachment_response`` after a permission check."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        return None

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


_private_storage = PrivateFileSystemStorage()


def private_storage() -> PrivateFileSystemStorage:
    """The storage of attachments, for ``FileField(storage=private_storage)``.

    A callable, so migrations record ``desk.uploads.private_storage`` and stay stable.
    The location follows ``settings.PRIVATE_MEDIA_ROOT``, also when a test changes it.
    """
    return _private_storage


def attachment_upload_to(instance, filename: str) -> str:
    """``attachments/<year>/<month>/<random hex>.<ext>``: never the user's file name.

    The extension comes from the instance's validated ``kind`` if it has one, else from
    its ``content_type`` if that is an allowed one, else from ``filename``.
    """
    ext = ""
    kind = getattr(instance, "kind", None)
    content_type = getattr(instance, "content_type", None)
    if kind in ALLOWED_TYPES:
        ext = ALLOWED_TYPES[kind].extensions[0]
    else:
        by_type = [
            a.extensions[0] for a in ALLOWED_TYPES.values() if a.content_type == content_type
        ]
        if by_type:
            ext = by_type[0]
        else:
            raw = os.path.splitext(os.path.basename(filename or ""))[1].lower()
            if 1 < len(raw) <= 10 and raw[1:].isascii() and raw[1:].isalnum():
                ext = raw
    return f"{timezone.now():attachments/%Y/%m}/{uuid.uuid4().hex}{ext}"
