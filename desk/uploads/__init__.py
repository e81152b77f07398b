"""Attachments of how-to requests: what we accept, how we receive it, where we keep it.

A pure utility package (it imports no desk model), used by the desk's forms, views and
models:

- ``file_types``: the allowed types and ``detect_kind``, which tells a PDF, ODT, DOCX,
  PNG or JPEG *by content*.
- ``validation``: the limits and ``validate_attachment``, which checks one uploaded file
  (size, content, a matching extension) and raises a ``ValidationError`` meant for the
  form's file field.
- ``handler``: ``SizeLimitedUploadHandler`` (installed by ``with_size_limited_uploads``
  or ``install_upload_handlers``) stops keeping a file as soon as it passes the limit,
  without aborting the request: the form re-displays with the holder's other answers
  and a clear error on the file field.
- ``storage``: ``private_storage`` keeps the files outside ``MEDIA_ROOT``, with no
  public URL, under names from ``attachment_upload_to``.
- ``serving``: ``attachment_response`` serves one, from a view that has checked who may
  see it.
"""

# desk/migrations/0001_initial.py refers to these two as desk.uploads.<name>.
from .storage import attachment_upload_to, private_storage

__all__ = ["attachment_upload_to", "private_storage"]
