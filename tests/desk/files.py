"""Small real files for upload tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from desk.uploads.validation import validate_attachment

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_file(name="plan.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def pdf_upload(name="plan.pdf"):
    """A (file, AttachmentInfo) pair, as a form's attachments field cleans it."""
    uploaded = pdf_file(name)
    return uploaded, validate_attachment(uploaded)
