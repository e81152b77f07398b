"""Text that shows something: what a required field must hold.

`str.strip()` leaves zero-width spaces, joiners, byte-order marks and blank look-alikes
(Braille blank, Hangul fillers), so a title made of them passes Django's "required"
check and shows as nothing. Forms that mix `VisibleTextFormMixin` in strip those from
both ends of every text field and refuse a required one with nothing visible left.
"""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"}
# Letters or symbols by category that fonts draw as nothing.
BLANK_LOOKALIKES = {"\u115f", "\u1160", "\u2800", "\u3164", "\uffa0"}


def is_invisible(character):
    return (
        character.isspace()
        or character in BLANK_LOOKALIKES
        or unicodedata.category(character) in INVISIBLE_CATEGORIES
    )


def strip_invisible(text):
    """`text` without the invisible characters at its ends."""
    start, end = 0, len(text)
    while start < end and is_invisible(text[start]):
        start += 1
    while end > start and is_invisible(text[end - 1]):
        end -= 1
    return text[start:end]


class VisibleTextFormMixin:
    """Strip every text field; a required one must keep something visible."""

    invisible_message = _("This field shows nothing: please write some text.")

    def clean(self):
        cleaned_data = super().clean()
        for name, field in self.fields.items():
            value = cleaned_data.get(name)
            if not isinstance(field, forms.CharField) or not isinstance(value, str):
                continue
            visible = strip_invisible(value)
            if field.required and not visible:
                self.add_error(name, self.invisible_message)
            elif name in self.cleaned_data:
                self.cleaned_data[name] = visible
        return self.cleaned_data
