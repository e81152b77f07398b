"""Attachments of how-to requests: what we accept, how we receive it, where we keep it.

A pure utility module (it imports no desk model), used by the desk's forms, views and
models:

- ``validate_attachment`` checks one uploaded file: at most ``MAX_ATTACHMENT_SIZE``,
  a PDF, ODT, DOCX, PNG or JPEG *by content* (``detect_kind``), with a matching
  extension. It raises a ``ValidationError`` meant for the form's file field.
- ``SizeLimitedUploadHandler`` (installed by ``with_size_limited_uploads`` or
  ``install_upload_handlers``) stops keeping a file as soon as it passes the limit,
  without aborting the request: the form re-displays with the holder's other answers
  and a clear error on the file field.
- ``private_storage`` keeps the files outside ``MEDIA_ROOT``, with no public URL;
  ``attachment_response`` serves one, from a view that has checked who may see it.
"""

from __future__ import annotations

import io
import os
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from functools import wraps
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import FileResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024  # bytes, per file
MAX_ATTACHMENTS = 5  # files per submission
MAX_ORIGINAL_NAME_LENGTH = 150  # Attachment.original_name's max_length


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


# Sniffing -------------------------------------------------------------------------------


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


# Validation -----------------------------------------------------------------------------


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
    Never use it as a storage path: see ``attachment_upload_to``.
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


# Receiving ------------------------------------------------------------------------------


class OversizedUploadedFile(InMemoryUploadedFile):
    """Stands in for a file that passed ``MAX_ATTACHMENT_SIZE``: its name, its real size,
    ``too_large = True``, and no content at all."""

    too_large = True

    def __init__(self, *, field_name, name, content_type, size, charset=None, extra=None):
        super().__init__(
            file=io.BytesIO(b""),
            field_name=field_name,
            name=name,
            content_type=content_type,
            size=size,
            charset=charset,
            content_type_extra=extra,
        )


class SizeLimitedUploadHandler(FileUploadHandler):
    """Stop keeping an uploaded file once it passes ``MAX_ATTACHMENT_SIZE``.

    Goes first in ``request.upload_handlers``, before Django's defaults, which store
    what it passes on. It counts each file's bytes; past the limit it returns None from
    ``receive_data_chunk`` so the following handlers get no more chunks, and tells them
    to drop what they hold (``upload_interrupted``: the temporary file is deleted). The
    parser still reads the rest of that file from the request, and this handler counts
    and discards it. The request is not aborted: the other fields and files are parsed
    as usual, and ``request.FILES`` gets an ``OversizedUploadedFile`` (empty,
    ``too_large = True``, ``size`` = the real size) that ``validate_attachment`` refuses
    with the size message.
    """

    def __init__(self, request=None, max_size: int = MAX_ATTACHMENT_SIZE):
        super().__init__(request)
        self.max_size = max_size
        self.too_large = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        if self.too_large:
            return None  # consumed, not stored
        if start + len(raw_data) > self.max_size:
            self.too_large = True
            self._discard_in_following_handlers()
            return None
        return raw_data

    def file_complete(self, file_size):
        if not self.too_large:
            return None  # a following handler returns the stored file
        self.too_large = False
        return OversizedUploadedFile(
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            extra=self.content_type_extra,
        )

    def _discard_in_following_handlers(self):
        handlers = getattr(self.request, "upload_handlers", None) or []
        following = False
        for handler in handlers:
            if handler is self:
                following = True
            elif following:
                # TemporaryFileUploadHandler closes and deletes its temporary file;
                # MemoryFileUploadHandler is never active for a request this large.
                handler.upload_interrupted()


def install_upload_handlers(request) -> None:
    """Put ``SizeLimitedUploadHandler`` first in ``request.upload_handlers``.

    Must run before anything reads ``request.POST`` or ``request.FILES``, or Django
    refuses to change the handlers. ``CsrfViewMiddleware`` reads ``request.POST`` before
    the view runs, so a view calling this must be ``csrf_exempt`` and do its CSRF check
    itself afterwards (Django's "Modifying upload handlers on the fly"): use
    ``with_size_limited_uploads``, which does exactly that. Idempotent.
    """
    try:
        others = [h for h in request.upload_handlers if not isinstance(h, SizeLimitedUploadHandler)]
        request.upload_handlers = [SizeLimitedUploadHandler(request), *others]
    except AttributeError as error:  # "You cannot set the upload handlers after ..."
        raise RuntimeError(
            "install_upload_handlers() was called after request.POST or request.FILES "
            "was read; decorate the view with with_size_limited_uploads instead."
        ) from error


def with_size_limited_uploads(view):
    """Decorate a view that receives attachments (a function, or ``SomeView.as_view()``).

    As in Django's documentation for modifying upload handlers on the fly: the outer
    function is ``csrf_exempt``, so ``CsrfViewMiddleware`` does not read ``request.POST``
    before the handlers are installed; it installs them, then calls the view wrapped in
    ``csrf_protect``, so the CSRF check still happens, right after. Equivalent to::

        @csrf_exempt
        def view(request, *args, **kwargs):
            install_upload_handlers(request)
            return _view(request, *args, **kwargs)

        @csrf_protect
        def _view(request, *args, **kwargs):
            ...

    Nothing else (middleware, decorator) may read ``request.POST`` before this runs.
    """
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        install_upload_handlers(request)
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


# Storing --------------------------------------------------------------------------------


@deconstructible(path="desk.uploads.PrivateFileSystemStorage")
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


# Serving --------------------------------------------------------------------------------


def attachment_response(stored_file, original_name: str, content_type: str) -> FileResponse:
    """Stream a stored attachment as a download; call it after the permission check.

    ``stored_file`` is the model's ``FieldFile`` (opened here) or an open binary file.
    The response always downloads (never displays inline), with our content type, and
    forbids sniffing, scripts and caching.
    """
    if isinstance(stored_file, File):
        stored_file.open("rb")  # FieldFile: opens it from its storage; else rewinds
    response = FileResponse(
        stored_file,
        as_attachment=True,
        filename=clean_original_name(original_name),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
