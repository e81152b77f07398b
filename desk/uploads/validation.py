"""The limits on attachments, and the check of one uploaded file against them."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .file_types import ALLOWED_TYPES, detect_kind

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024  # bytes, per file
MAX_ATTACHMENTS = 5  # files per submission
MAX_ORIGINAL_NAME_LENGTH = 150  # Attachment.original_name's max_length


@dataclass(frozen=True)
class AttachmentInfo:
    kind: str  # a key of ALLOWED_TYPES
    content_type: str  # ours, from the kind; never the client's
    extension: str  # the file name's extension, lower case, with the dot
    size: int  # bytes
    original_name: str  # sanitised, for display and Content-Disposition only


def clean_original_name(name: str | None) -> str:
    """The user's file name, safe to show and to send back in Content-Disposition.

    Keep the last path component only, drop control and format characters (including
    bidirectional overrides that disguise an extension), trim spaces, and cut to
    ``MAX_ORIGINAL_NAME_LENGTH`` characters while keeping the extension.
    Never use it as a storage path: see ``storage.attachment_upload_to``.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C")
    name = name.strip()
    if name in {"", ".", ".."}:
        return "attachment"
    if len(name) > MAX_ORIGINAL_NAME_LENGTH:
        stem, ext = os.path.splitext(name)
        if 1 < len(ext) <= 16:
            name = stem[: MAX_ORIGINAL_NAME_LENGTH - len(ext)].rstrip() + ext
        else:
            name = name[:MAX_ORIGINAL_NAME_LENGTH]
    return name


def _label(kind: str) -> str:
    return kind.upper()  # PDF, ODT, DOCX, PNG, JPEG: the same in every language


def _kind_of_extension(extension: str) -> str | None:
    for kind, allowed in ALLOWED_TYPES.items():
        if extension in allowed.extensions:
            return kind
    return None


def validate_attachment(uploaded_file) -> AttachmentInfo:
    """Check one uploaded file and describe it; raise ``ValidationError`` if refused.

    The checks, in order: the size (a file stopped by ``SizeLimitedUploadHandler`` is
    marked ``too_large``), the content (``detect_kind``), then that the name's extension
    matches the content. Messages name the file, so that they stay clear when several
    files are sent at once.
    """
    name = clean_original_name(getattr(uploaded_file, "name", None))
    size = getattr(uploaded_file, "size", None) or 0

    if getattr(uploaded_file, "too_large", False) or size > MAX_ATTACHMENT_SIZE:
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)d MB, the limit for each attachment."),
            code="file_too_large",
            params={"name": name, "limit": MAX_ATTACHMENT_SIZE // (1024 * 1024)},
        )

    kind = detect_kind(uploaded_file)
    if kind is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, ODT, DOCX, PNG or JPEG file."),
            code="file_type_not_allowed",
            params={"name": name},
        )

    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED_TYPES[kind].extensions:
        claimed = _kind_of_extension(extension)
        if claimed is not None:
            raise ValidationError(
                _(
                    "“%(name)s” cannot be accepted: its name says %(claimed)s "
                    "but its content is %(actual)s."
                ),
                code="file_extension_mismatch",
                params={"name": name, "claimed": _label(claimed), "actual": _label(kind)},
            )
        raise ValidationError(
            _("“%(name)s” is a %(actual)s file: its name should end in %(extension)s."),
            code="file_extension_mismatch",
            params={
                "name": name,
                "actual": _label(kind),
                "extension": ALLOWED_TYPES[kind].extensions[0],
            },
        )

    return AttachmentInfo(
        kind=kind,
        content_type=ALLOWED_TYPES[kind].content_type,
        extension=extension,
        size=size,
        original_name=name,
    )
