"""Checking one uploaded file: size, content, extension, name (``desk.uploads.validation``)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from desk.uploads.handler import OversizedUploadedFile
from desk.uploads.validation import (
    MAX_ATTACHMENT_SIZE,
    AttachmentInfo,
    clean_original_name,
    validate_attachment,
)

from .samples import (
    NOT_ALLOWED,
    docx_bytes,
    jpeg_bytes,
    odt_bytes,
    pdf_bytes,
    png_bytes,
    upload,
)


def refusal(uploaded_file):
    """The code and English message of the refusal of ``uploaded_file``."""
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        validate_attachment(uploaded_file)
    error = caught.value
    with translation.override("en"):
        return error.code, str(error.messages[0])


# Accepted files ---------------------------------------------------------------------------

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

ACCEPTED = [
    ("Business plan.pdf", pdf_bytes, "pdf", "application/pdf", ".pdf"),
    ("plan.odt", odt_bytes, "odt", "application/vnd.oasis.opendocument.text", ".odt"),
    ("plan.docx", docx_bytes, "docx", DOCX_TYPE, ".docx"),
    ("site.png", png_bytes, "png", "image/png", ".png"),
    ("photo.jpg", jpeg_bytes, "jpeg", "image/jpeg", ".jpg"),
    ("photo.jpeg", jpeg_bytes, "jpeg", "image/jpeg", ".jpeg"),
    ("PHOTO.JPG", jpeg_bytes, "jpeg", "image/jpeg", ".jpg"),
    ("SCAN.PDF", pdf_bytes, "pdf", "application/pdf", ".pdf"),
]


@pytest.mark.parametrize(("name", "make", "kind", "content_type", "extension"), ACCEPTED)
def test_allowed_files_are_accepted_with_their_description(
    name, make, kind, content_type, extension
):
    content = make()
    # The client's content type is ignored: ours comes from the content.
    uploaded = upload(name, content, content_type="text/html")

    info = validate_attachment(uploaded)

    assert info == AttachmentInfo(
        kind=kind,
        content_type=content_type,
        extension=extension,
        size=len(content),
        original_name=name,
    )
    assert uploaded.read() == content  # still whole, rewound, ready to be saved


def test_attachment_info_is_frozen():
    info = validate_attachment(upload("a.pdf", pdf_bytes()))
    with pytest.raises(AttributeError):
        info.kind = "png"


# Refused files ----------------------------------------------------------------------------


# Each content under a name that claims an allowed type: the content decides, not the name.
REFUSED = [
    ("empty file", "empty.pdf"),
    ("renamed executable", "invoice.pdf"),
    ("ELF binary", "report.pdf"),
    ("HTML", "page.pdf"),
    ("SVG", "logo.png"),
    ("plain zip", "archive.docx"),
    ("macro-enabled docx", "plan.docx"),
    ("OpenDocument presentation", "slides.odt"),
    ("ODT mimetype without content", "plan.odt"),
    ("truncated zip", "plan.docx"),
    ("plain text", "notes.pdf"),
    ("PDF magic not at the start", "doc.pdf"),
    ("GIF", "anim.png"),
]


@pytest.mark.parametrize(("label", "name"), REFUSED, ids=[label for label, _ in REFUSED])
def test_disallowed_content_is_refused_whatever_the_name(label, name):
    uploaded = upload(name, NOT_ALLOWED[label], content_type="application/pdf")

    code, message = refusal(uploaded)

    assert code == "file_type_not_allowed"
    assert message == f"“{name}” is not a PDF, ODT, DOCX, PNG or JPEG file."


@pytest.mark.parametrize(
    ("name", "make", "claimed", "actual"),
    [
        ("photo.png", pdf_bytes, "PNG", "PDF"),
        ("plan.odt", docx_bytes, "ODT", "DOCX"),
        ("plan.docx", odt_bytes, "DOCX", "ODT"),
        ("scan.pdf", jpeg_bytes, "PDF", "JPEG"),
        ("image.jpg", png_bytes, "JPEG", "PNG"),
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


def test_messages_are_translatable_lazy_strings():
    with pytest.raises(ValidationError) as caught:
        validate_attachment(upload("a.exe", b"MZ"))
    assert caught.value.message.__class__.__name__ == "__proxy__"  # gettext_lazy
    assert caught.value.params == {"name": "a.exe"}


# Size -------------------------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_with_the_size_message():
    uploaded = upload("huge scan.pdf", pdf_bytes() + b"\0" * (MAX_ATTACHMENT_SIZE + 1))

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
    assert message == "“x.pdf” is larger than 10 MB, the limit for each attachment."


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
