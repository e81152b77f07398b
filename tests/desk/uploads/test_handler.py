"""The size-limited upload handler and the view decorator that installs it
(``desk.uploads.handler``)."""

import json
import os

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import path

from desk.uploads.handler import (
    OversizedUploadedFile,
    SizeLimitedUploadHandler,
    install_upload_handlers,
    with_size_limited_uploads,
)
from desk.uploads.validation import MAX_ATTACHMENT_SIZE, validate_attachment

from .samples import MB, pdf_bytes, png_bytes, upload


class RecordingTemporaryHandler(TemporaryFileUploadHandler):
    """Django's disk handler, recording what it was given."""

    def __init__(self, request=None):
        super().__init__(request)
        self.files = []
        self.bytes_received = {}

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files.append(self.file)
        self.bytes_received[self.file_name] = 0

    def receive_data_chunk(self, raw_data, start):
        self.bytes_received[self.file_name] += len(raw_data)
        return super().receive_data_chunk(raw_data, start)


def multipart_request(data):
    return RequestFactory().post("/desk/requests/new/", data)


# The handler ------------------------------------------------------------------------------


def test_an_oversize_file_is_dropped_but_the_other_answers_are_kept():
    big = upload("big plan.pdf", pdf_bytes() + b"\0" * (11 * MB))
    small = upload("small.pdf", pdf_bytes())
    # The big file comes first: the fields after it must still be parsed.
    http_request = multipart_request(
        {"attachment": big, "title": "Ferme solaire à Lille", "other": small, "count": "3"}
    )
    disk = RecordingTemporaryHandler(http_request)
    http_request.upload_handlers = [disk]
    install_upload_handlers(http_request)
    assert [type(h) for h in http_request.upload_handlers] == [
        SizeLimitedUploadHandler,
        RecordingTemporaryHandler,
    ]

    assert http_request.POST["title"] == "Ferme solaire à Lille"
    assert http_request.POST["count"] == "3"

    placeholder = http_request.FILES["attachment"]
    assert isinstance(placeholder, OversizedUploadedFile)
    assert placeholder.name == "big plan.pdf"
    assert placeholder.size == big.size  # the real size, counted while discarding

    # The disk handler got at most the limit, then dropped its temporary file.
    assert disk.bytes_received["big plan.pdf"] <= MAX_ATTACHMENT_SIZE
    big_temp = disk.files[0]
    assert big_temp.closed
    assert not os.path.exists(big_temp.file.name)

    other = http_request.FILES["other"]
    assert not getattr(other, "too_large", False)
    assert other.read() == pdf_bytes()

    # What the form's validation then makes of each: the placeholder is refused as too
    # large (not as an empty file of no type), the other file is accepted.
    with pytest.raises(ValidationError) as caught:
        validate_attachment(placeholder)
    assert caught.value.code == "file_too_large"
    assert caught.value.params["name"] == "big plan.pdf"
    assert validate_attachment(other).kind == "pdf"


def test_a_small_file_passes_through_the_handler_untouched():
    content = png_bytes()
    http_request = multipart_request(
        {"title": "Ombrière", "attachment": upload("site.png", content)}
    )
    install_upload_handlers(http_request)

    uploaded = http_request.FILES["attachment"]

    assert isinstance(uploaded, InMemoryUploadedFile)  # Django's own handler kept it
    assert not isinstance(uploaded, OversizedUploadedFile)
    assert uploaded.read() == content
    assert http_request.POST["title"] == "Ombrière"
    assert validate_attachment(uploaded).kind == "png"


@pytest.mark.parametrize(("size", "too_large"), [(100_000, False), (100_001, True)])
def test_the_handler_limit_is_exact_across_chunks(size, too_large):
    # A small limit, so that the file spans several 64 KB chunks cheaply.
    content = pdf_bytes() + b"\0" * (size - len(pdf_bytes()))
    http_request = multipart_request({"attachment": upload("a.pdf", content), "title": "t"})
    http_request.upload_handlers = [
        SizeLimitedUploadHandler(http_request, max_size=100_000),
        TemporaryFileUploadHandler(http_request),
    ]

    uploaded = http_request.FILES["attachment"]

    assert uploaded.size == size
    assert getattr(uploaded, "too_large", False) is too_large
    assert uploaded.read() == (b"" if too_large else content)
    assert http_request.POST["title"] == "t"


def test_several_oversize_files_are_each_marked():
    http_request = multipart_request(
        {
            "attachment": [
                upload("one.pdf", b"%PDF-" + b"1" * (MAX_ATTACHMENT_SIZE + 1)),
                upload("two.pdf", pdf_bytes()),
                upload("three.pdf", b"%PDF-" + b"3" * (MAX_ATTACHMENT_SIZE + 10)),
            ]
        }
    )
    install_upload_handlers(http_request)

    files = http_request.FILES.getlist("attachment")

    assert [f.name for f in files] == ["one.pdf", "two.pdf", "three.pdf"]
    assert [getattr(f, "too_large", False) for f in files] == [True, False, True]
    assert files[1].read() == pdf_bytes()


def test_install_is_idempotent_and_keeps_the_default_handlers():
    http_request = multipart_request({"title": "t"})
    install_upload_handlers(http_request)
    install_upload_handlers(http_request)

    assert [f"{type(h).__module__}.{type(h).__name__}" for h in http_request.upload_handlers] == [
        "desk.uploads.handler.SizeLimitedUploadHandler",
        *django_settings.FILE_UPLOAD_HANDLERS,
    ]


def test_install_after_the_body_was_read_fails_loudly():
    http_request = multipart_request({"title": "t"})
    _ = http_request.POST  # parses the body, as a middleware reading the form would

    with pytest.raises(RuntimeError, match="with_size_limited_uploads"):
        install_upload_handlers(http_request)


# The view decorator, through the whole middleware stack -----------------------------------


@with_size_limited_uploads
def upload_view(http_request):
    """Stands for the desk's form views."""
    if http_request.method == "GET":
        return HttpResponse(get_token(http_request))
    return JsonResponse(
        {
            "title": http_request.POST.get("title"),
            "files": {
                name: {"size": f.size, "too_large": getattr(f, "too_large", False)}
                for name, f in http_request.FILES.items()
            },
            "first_handler": type(http_request.upload_handlers[0]).__name__,
        }
    )


urlpatterns = [path("upload/", upload_view)]


def test_the_decorated_view_is_csrf_exempt_for_the_middleware_and_keeps_its_name():
    assert upload_view.csrf_exempt is True  # so the middleware leaves request.POST alone
    assert upload_view.__name__ == "upload_view"


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_decorated_view_refuses_a_post_without_csrf_token():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/upload/", {"title": "t", "attachment": upload("a.pdf", pdf_bytes())})

    assert response.status_code == 403


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_decorated_view_receives_an_oversize_file_with_the_other_answers():
    client = Client(enforce_csrf_checks=True)
    token = client.get("/upload/").content.decode()

    response = client.post(
        "/upload/",
        {
            "attachment": upload("big.pdf", b"%PDF-" + b"\0" * (11 * MB)),
            "title": "Méthanisation",
            "small": upload("small.pdf", pdf_bytes()),
            "csrfmiddlewaretoken": token,
        },
    )

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "title": "Méthanisation",
        "files": {
            "attachment": {"size": 11 * MB + 5, "too_large": True},
            "small": {"size": len(pdf_bytes()), "too_large": False},
        },
        "first_handler": "SizeLimitedUploadHandler",
    }
