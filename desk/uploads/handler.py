"""The upload handler that stops keeping a file past the size limit, and the view
decorator that installs it before anything reads the request's body."""

from __future__ import annotations

import io
from functools import wraps

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from .validation import MAX_ATTACHMENT_SIZE


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
