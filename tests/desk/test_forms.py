"""The desk's forms on their own: what they refuse before any step is taken."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from desk.forms import AttachmentsField
from tests.desk.files import pdf_file


def test_a_request_takes_at_most_five_files_at_once():
    field = AttachmentsField()
    five = [pdf_file(f"plan-{n}.pdf") for n in range(5)]
    assert [info.original_name for _, info in field.clean(five)] == [
        f"plan-{n}.pdf" for n in range(5)
    ]
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            field.clean([pdf_file(f"plan-{n}.pdf") for n in range(6)])
        assert refused.value.messages == ["At most 5 files can be attached at once."]
