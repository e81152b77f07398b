"""Sending a stored attachment back, to someone a view has allowed to see it."""

from __future__ import annotations

from django.core.files import File
from django.http import FileResponse

from .validation import clean_original_name


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
