"""The attachment types we accept, and how to tell them by content."""

from __future__ import annotations

import zipfile
from typing import NamedTuple


class AllowedType(NamedTuple):
    content_type: str
    extensions: tuple[str, ...]  # lower case, with the dot; the first one is canonical


#: Our kind -> (MIME type, allowed extensions).
ALLOWED_TYPES: dict[str, AllowedType] = {
    "pdf": AllowedType("application/pdf", (".pdf",)),
    "odt": AllowedType("application/vnd.oasis.opendocument.text", (".odt",)),
    "docx": AllowedType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
    ),
    "png": AllowedType("image/png", (".png",)),
    "jpeg": AllowedType("image/jpeg", (".jpg", ".jpeg")),
}

_PDF_MAGIC = b"%PDF-"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
_ZIP_MAGIC = b"PK\x03\x04"
_ODT_MIMETYPE = ALLOWED_TYPES["odt"].content_type.encode("ascii")


def detect_kind(fileobj) -> str | None:
    """Return the kind of ``fileobj`` ("pdf", "odt", "docx", "png", "jpeg") or None.

    Looks at the content only, never at the name or the client's content type, and never
    reads the whole file: an 8-byte header, and for zip-based formats the zip's central
    directory (``zipfile`` seeks to it) plus at most a few bytes of one member. The file
    is left at position 0.
    """
    try:
        fileobj.seek(0)
        header = fileobj.read(8)
        if header.startswith(_PDF_MAGIC):
            return "pdf"
        if header.startswith(_PNG_MAGIC):
            return "png"
        if header.startswith(_JPEG_MAGIC):
            return "jpeg"
        if header.startswith(_ZIP_MAGIC):
            fileobj.seek(0)
            return _detect_zip_kind(fileobj)
        return None
    finally:
        fileobj.seek(0)


def _detect_zip_kind(fileobj) -> str | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            is_odt = (
                "mimetype" in names
                and "content.xml" in names
                and _read_member_start(archive, "mimetype", len(_ODT_MIMETYPE) + 1) == _ODT_MIMETYPE
            )
            # A macro-enabled document (.docm) has the same parts plus a VBA project.
            is_docx = (
                "[Content_Types].xml" in names
                and "word/document.xml" in names
                and "word/vbaProject.bin" not in names
            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError):
        return None
    except (OSError, EOFError, RuntimeError):  # truncated, corrupt or encrypted member
        return None
    if is_odt == is_docx:  # neither, or an odd archive claiming to be both
        return None
    return "odt" if is_odt else "docx"


def _read_member_start(archive: zipfile.ZipFile, name: str, size: int) -> bytes:
    """At most ``size`` bytes of a member: a zip bomb is never inflated."""
    with archive.open(name) as member:
        return member.read(size)
