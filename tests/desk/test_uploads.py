"""Attachments: content sniffing, validation, the size-limited upload handler, storage."""

import io
import json
import os
import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import (
    InMemoryUploadedFile,
    SimpleUploadedFile,
    TemporaryUploadedFile,
)
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import path
from django.utils import translation
from PIL import Image

from desk.uploads.file_types import ALLOWED_TYPES, detect_kind
from desk.uploads.handler import (
    OversizedUploadedFile,
    SizeLimitedUploadHandler,
    install_upload_handlers,
    with_size_limited_uploads,
)
from desk.uploads.serving import attachment_response
from desk.uploads.storage import PrivateFileSystemStorage, attachment_upload_to, private_storage
from desk.uploads.validation import (
    MAX_ATTACHMENT_SIZE,
    MAX_ATTACHMENTS,
    AttachmentInfo,
    clean_original_name,
    validate_attachment,
)

MB = 1024 * 1024


# Real, small files ------------------------------------------------------------------------


def pdf_bytes():
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def image_bytes(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def zip_bytes(members, *, stored_first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first[0]), stored_first[1])  # stored
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes(**extra):
    return zip_bytes(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"/>',
            "word/document.xml": '<?xml version="1.0"?><w:document/>',
            **extra,
        }
    )


def odt_bytes(mimetype="application/vnd.oasis.opendocument.text"):
    return zip_bytes(
        {"content.xml": '<?xml version="1.0"?><office:document-content/>'},
        stored_first=("mimetype", mimetype),
    )


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(uploaded_file):
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        validate_attachment(uploaded_file)
    error = caught.value
    with translation.override("en"):
        return error.code, str(error.messages[0])


# Constants --------------------------------------------------------------------------------


def test_limits_and_allowed_types():
    assert MAX_ATTACHMENT_SIZE == 10 * MB
    assert MAX_ATTACHMENTS == 5
    assert {kind: (t.content_type, t.extensions) for kind, t in ALLOWED_TYPES.items()} == {
        "pdf": ("application/pdf", (".pdf",)),
        "odt": ("application/vnd.oasis.opendocument.text", (".odt",)),
        "docx": (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        "png": ("image/png", (".png",)),
        "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    }
    content_type, extensions = ALLOWED_TYPES["pdf"]  # a plain (mime type, extensions) pair
    assert (content_type, extensions) == ("application/pdf", (".pdf",))


# Accepted files ---------------------------------------------------------------------------

ACCEPTED = [
    ("Business plan.pdf", pdf_bytes, "pdf", ".pdf"),
    ("plan.odt", odt_bytes, "odt", ".odt"),
    ("plan.docx", docx_bytes, "docx", ".docx"),
    ("site.png", lambda: image_bytes("PNG"), "png", ".png"),
    ("photo.jpg", lambda: image_bytes("JPEG"), "jpeg", ".jpg"),
    ("photo.jpeg", lambda: image_bytes("JPEG"), "jpeg", ".jpeg"),
    ("PHOTO.JPG", lambda: image_bytes("JPEG"), "jpeg", ".jpg"),
    ("SCAN.PDF", pdf_bytes, "pdf", ".pdf"),
]


@pytest.mark.parametrize(("name", "make", "kind", "extension"), ACCEPTED)
def test_allowed_files_are_accepted_with_their_description(name, make, kind, extension):
    content = make()
    # The client's content type is ignored: ours comes from the content.
    uploaded = upload(name, content, content_type="text/html")

    info = validate_attachment(uploaded)

    assert info == AttachmentInfo(
        kind=kind,
        content_type=ALLOWED_TYPES[kind].content_type,
        extension=extension,
        size=len(content),
        original_name=name,
    )
    assert uploaded.tell() == 0
    assert uploaded.read() == content  # still whole, rewound, ready to be saved


def test_attachment_info_is_frozen():
    info = validate_attachment(upload("a.pdf", pdf_bytes()))
    with pytest.raises(AttributeError):
        info.kind = "png"


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


def test_a_zip_bomb_mimetype_member_is_not_inflated():
    # The mimetype member starts right but goes on for megabytes: not an ODT.
    content = zip_bytes(
        {
            "mimetype": "application/vnd.oasis.opendocument.text" + " " * (50 * MB),
            "content.xml": "<x/>",
        }
    )
    assert len(content) < MB  # it compresses very well

    assert detect_kind(io.BytesIO(content)) is None


# Refused content --------------------------------------------------------------------------

REFUSED = [
    ("renamed executable", "invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 200),
    ("ELF binary", "report.pdf", b"\x7fELF\x02\x01\x01" + b"\0" * 100),
    ("HTML", "page.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    (
        "SVG",
        "logo.png",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
        b"<script>alert(1)</script></svg>",
    ),
    ("plain zip", "archive.docx", zip_bytes({"readme.txt": "hello"})),
    ("macro-enabled docx", "plan.docx", docx_bytes(**{"word/vbaProject.bin": "VBA"})),
    (
        "OpenDocument presentation",
        "slides.odt",
        odt_bytes(mimetype="application/vnd.oasis.opendocument.presentation"),
    ),
    ("ODT mimetype without content", "plan.odt", zip_bytes({}, stored_first=("mimetype", ""))),
    ("truncated zip", "plan.docx", b"PK\x03\x04" + b"\0" * 40),
    ("plain text", "notes.pdf", b"Just some notes, %PDF- later in the text"),
    ("PDF magic not at the start", "doc.pdf", b" %PDF-1.4\n%%EOF"),
    ("GIF", "anim.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
]


@pytest.mark.parametrize(("label", "name", "content"), REFUSED, ids=[r[0] for r in REFUSED])
def test_disallowed_content_is_refused_whatever_the_name(label, name, content):
    assert detect_kind(io.BytesIO(content)) is None

    code, message = refusal(upload(name, content, content_type="application/pdf"))

    assert code == "file_type_not_allowed"
    assert message == f"“{name}” is not a PDF, ODT, DOCX, PNG or JPEG file."


def test_an_empty_file_is_refused():
    assert detect_kind(io.BytesIO(b"")) is None
    code, message = refusal(upload("empty.pdf", b""))
    assert code == "file_type_not_allowed"
    assert "empty.pdf" in message


# Extension must match the content ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "claimed", "actual"),
    [
        ("photo.png", pdf_bytes, "PNG", "PDF"),
        ("plan.odt", docx_bytes, "ODT", "DOCX"),
        ("plan.docx", odt_bytes, "DOCX", "ODT"),
        ("scan.pdf", lambda: image_bytes("JPEG"), "PDF", "JPEG"),
        ("image.jpg", lambda: image_bytes("PNG"), "JPEG", "PNG"),
    ],
)
def test_an_extension_that_does_not_match_the_content_is_refused(name, make, claimed, actual):
    code, message = refusal(upload(name, make()))

    assert code == "file_extension_mismatch"
    assert message == (
        f"“{name}” cannot be accepted: its name says {claimed} but its content is {actual}."
    )


@pytest.mark.parametrize("name", ["report", "report.exe", "report.pdf.html", "report.p df"])
def test_an_allowed_content_with_a_foreign_extension_is_refused(name):
    code, message = refusal(upload(name, pdf_bytes()))

    assert code == "file_extension_mismatch"
    assert message == f"“{name}” is a PDF file: its name should end in .pdf."


# Size -------------------------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_with_the_size_message():
    uploaded = upload("huge scan.pdf", pdf_bytes() + b"\0" * (MAX_ATTACHMENT_SIZE + 1))
    assert uploaded.size == MAX_ATTACHMENT_SIZE + len(pdf_bytes()) + 1

    code, message = refusal(uploaded)

    assert code == "file_too_large"
    assert message == "“huge scan.pdf” is larger than 10 MB, the limit for each attachment."


def test_the_size_is_checked_before_the_content_is_read():
    class Untouchable(SimpleUploadedFile):
        def read(self, *args, **kwargs):
            raise AssertionError("an oversize file must not be read")

    uploaded = Untouchable("big.pdf", b"")
    uploaded.size = MAX_ATTACHMENT_SIZE + 1  # a fake size: nothing big in memory

    code, _message = refusal(uploaded)
    assert code == "file_too_large"


def test_a_file_of_exactly_the_limit_is_accepted():
    uploaded = upload("exact.pdf", pdf_bytes())
    uploaded.size = MAX_ATTACHMENT_SIZE

    assert validate_attachment(uploaded).size == MAX_ATTACHMENT_SIZE


def test_a_placeholder_marked_too_large_is_refused_even_if_its_size_looks_small():
    placeholder = OversizedUploadedFile(
        field_name="attachment", name="x.pdf", content_type="application/pdf", size=3
    )
    code, message = refusal(placeholder)
    assert code == "file_too_large"
    assert "x.pdf" in message


def test_messages_are_translatable_lazy_strings():
    with pytest.raises(ValidationError) as caught:
        validate_attachment(upload("a.exe", b"MZ"))
    assert caught.value.message.__class__.__name__ == "__proxy__"  # gettext_lazy
    assert caught.value.params == {"name": "a.exe"}


# Names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\Ana\\Documents\\plan.docx", "plan.docx"),
        ("bad\x00na\r\nme\t.pdf", "badname.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # right-to-left override removed
        ("  spaced out.pdf  ", "spaced out.pdf"),
        ("Décision été.pdf", "Décision été.pdf"),
        ("..", "attachment"),
        ("", "attachment"),
        (None, "attachment"),
    ],
)
def test_original_names_are_sanitised(raw, clean):
    assert clean_original_name(raw) == clean


def test_long_names_are_cut_to_150_characters_keeping_the_extension():
    name = clean_original_name("a" * 300 + ".docx")
    assert len(name) == 150
    assert name.endswith("a.docx")
    assert len(clean_original_name("b" * 300)) == 150


def test_validated_name_is_sanitised():
    uploaded = upload("x.pdf", pdf_bytes())
    uploaded.name = "../../secret\x07/..\\evil\x1b.pdf"  # as a hostile client could send

    assert validate_attachment(uploaded).original_name == "evil.pdf"


# The upload handler -----------------------------------------------------------------------


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


def test_an_oversize_file_is_dropped_but_the_other_answers_are_kept():
    big = upload("big plan.pdf", pdf_bytes() + b"\0" * (11 * MB))
    small = upload("small.pdf", pdf_bytes())
    # The big file comes first: the fields after it must still be parsed.
    request = multipart_request(
        {"attachment": big, "title": "Ferme solaire à Lille", "other": small, "count": "3"}
    )
    disk = RecordingTemporaryHandler(request)
    request.upload_handlers = [disk]
    install_upload_handlers(request)
    assert [type(h) for h in request.upload_handlers] == [
        SizeLimitedUploadHandler,
        RecordingTemporaryHandler,
    ]

    assert request.POST["title"] == "Ferme solaire à Lille"
    assert request.POST["count"] == "3"

    placeholder = request.FILES["attachment"]
    assert isinstance(placeholder, OversizedUploadedFile)
    assert placeholder.too_large is True
    assert placeholder.name == "big plan.pdf"
    assert placeholder.size == big.size  # the real size, counted while discarding
    assert placeholder.read() == b""  # nothing of it kept

    # The disk handler got at most the limit, then dropped its temporary file.
    assert disk.bytes_received["big plan.pdf"] <= MAX_ATTACHMENT_SIZE
    big_temp = disk.files[0]
    assert big_temp.closed
    assert not os.path.exists(big_temp.file.name)

    other = request.FILES["other"]
    assert not getattr(other, "too_large", False)
    assert other.read() == pdf_bytes()
    assert validate_attachment(other).kind == "pdf"

    with pytest.raises(ValidationError) as caught:
        validate_attachment(placeholder)
    assert caught.value.code == "file_too_large"


def test_a_small_file_passes_through_the_handler_untouched():
    content = image_bytes("PNG")
    request = multipart_request({"title": "Ombrière", "attachment": upload("site.png", content)})
    install_upload_handlers(request)

    uploaded = request.FILES["attachment"]

    assert isinstance(uploaded, InMemoryUploadedFile)  # Django's own handler kept it
    assert not isinstance(uploaded, OversizedUploadedFile)
    assert uploaded.read() == content
    assert request.POST["title"] == "Ombrière"
    assert validate_attachment(uploaded).kind == "png"


@pytest.mark.parametrize(("size", "too_large"), [(100_000, False), (100_001, True)])
def test_the_handler_limit_is_exact_across_chunks(size, too_large):
    # A small limit, so that the file spans several 64 KB chunks cheaply.
    content = pdf_bytes() + b"\0" * (size - len(pdf_bytes()))
    request = multipart_request({"attachment": upload("a.pdf", content), "title": "t"})
    request.upload_handlers = [
        SizeLimitedUploadHandler(request, max_size=100_000),
        TemporaryFileUploadHandler(request),
    ]

    uploaded = request.FILES["attachment"]

    assert uploaded.size == size
    assert getattr(uploaded, "too_large", False) is too_large
    assert uploaded.read() == (b"" if too_large else content)
    assert request.POST["title"] == "t"


def test_several_oversize_files_are_each_marked():
    request = multipart_request(
        {
            "attachment": [
                upload("one.pdf", b"%PDF-" + b"1" * (MAX_ATTACHMENT_SIZE + 1)),
                upload("two.pdf", pdf_bytes()),
                upload("three.pdf", b"%PDF-" + b"3" * (MAX_ATTACHMENT_SIZE + 10)),
            ]
        }
    )
    install_upload_handlers(request)

    files = request.FILES.getlist("attachment")

    assert [f.name for f in files] == ["one.pdf", "two.pdf", "three.pdf"]
    assert [getattr(f, "too_large", False) for f in files] == [True, False, True]
    assert files[1].read() == pdf_bytes()


def test_install_is_idempotent_and_keeps_the_default_handlers():
    request = multipart_request({"title": "t"})
    install_upload_handlers(request)
    install_upload_handlers(request)

    kinds = [type(h) for h in request.upload_handlers]
    assert kinds[0] is SizeLimitedUploadHandler
    assert kinds.count(SizeLimitedUploadHandler) == 1
    assert [f"{k.__module__}.{k.__name__}" for k in kinds[1:]] == list(
        django_settings.FILE_UPLOAD_HANDLERS
    )


def test_install_after_the_body_was_read_fails_loudly():
    request = multipart_request({"title": "t"})
    assert request.POST["title"] == "t"

    with pytest.raises(RuntimeError, match="with_size_limited_uploads"):
        install_upload_handlers(request)


# The view decorator, through the whole middleware stack -----------------------------------


@with_size_limited_uploads
def upload_view(request):
    """Stands for the desk's form views."""
    if request.method == "GET":
        return HttpResponse(get_token(request))
    return JsonResponse(
        {
            "title": request.POST.get("title"),
            "files": {
                name: {"size": f.size, "too_large": getattr(f, "too_large", False)}
                for name, f in request.FILES.items()
            },
            "first_handler": type(request.upload_handlers[0]).__name__,
        }
    )


urlpatterns = [path("upload/", upload_view)]


def test_the_decorator_keeps_the_view_csrf_protected_behind_the_exemption():
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


# Storage ----------------------------------------------------------------------------------


def test_private_storage_is_outside_the_public_media_root_and_has_no_url():
    storage = private_storage()

    assert isinstance(storage, PrivateFileSystemStorage)
    assert private_storage() is storage
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


def test_a_file_field_records_the_callable_for_migrations():
    field = models.FileField(storage=private_storage, upload_to=attachment_upload_to)

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


def test_stored_names_are_dated(settings):
    from django.utils import timezone

    stored = attachment_upload_to(SimpleNamespace(kind="pdf"), "x.pdf")
    assert stored.startswith(timezone.now().strftime("attachments/%Y/%m/"))


# Serving ----------------------------------------------------------------------------------


def response_body(response):
    return b"".join(response.streaming_content)


@pytest.mark.django_db  # closing the response sends request_finished
def test_attachment_response_streams_a_stored_file_as_a_download(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    field = models.FileField(storage=private_storage, upload_to=attachment_upload_to)
    name = private_storage().save("attachments/2025/01/abc.pdf", ContentFile(pdf_bytes()))
    stored = FieldFile(None, field, name)

    response = attachment_response(stored, "Compte rendu été.pdf", "application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Compte%20rendu%20%C3%A9t%C3%A9.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Length"] == str(len(pdf_bytes()))
    assert response_body(response) == pdf_bytes()
    response.close()
    assert stored.closed


def test_attachment_response_never_puts_a_hostile_name_in_the_headers(tmp_path):
    path = tmp_path / "f.png"
    path.write_bytes(image_bytes("PNG"))

    with path.open("rb") as handle:
        response = attachment_response(File(handle), '../evil"\r\nSet-Cookie: x=1.png', "image/png")
        body = response_body(response)

    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "\r" not in disposition and "\n" not in disposition
    assert "../" not in disposition
    assert response["Content-Type"] == "image/png"
    assert body == image_bytes("PNG")


def test_package_does_not_import_desk_models():
    for module in Path(django_settings.BASE_DIR, "desk", "uploads").glob("*.py"):
        source = module.read_text()
        assert "desk.models" not in source, module.name
        assert "from ..models" not in source, module.name
