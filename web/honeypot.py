"""A honeypot field for public forms: people never see it, form-filling robots fill it.

The field sits off-screen in a wrapper hidden from assistive technologies, out of the
tab order and without autocompletion; its label asks humans to leave it empty in case
someone meets it anyway (no CSS, a text browser). A form with it filled is refused
quietly: the view answers as if all went well and does nothing, so the robot learns
nothing. Its name is innocuous (`website`) because robots fill fields that look useful.
"""

import logging

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website"


class HoneypotInput(forms.TextInput):
    # Counted among the form's hidden fields, so form templates put it with the
    # CSRF token and other hidden inputs, without a label or help of their own.
    is_hidden = True

    def __init__(self, attrs=None):
        super().__init__({"tabindex": "-1", "autocomplete": "off", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        # Never echo back what a robot typed.
        field = super().render(name, None, attrs, renderer)
        return format_html(
            '<div class="form__trap" aria-hidden="true"><label for="{}">{}</label>{}</div>',
            (attrs or {}).get("id") or self.attrs.get("id", ""),
            _("Leave this field empty"),
            field,
        )


class HoneypotField(forms.CharField):
    widget = HoneypotInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Leave this field empty"))
        super().__init__(**kwargs)


class HoneypotFormMixin:
    """Adds the honeypot field; `caught_by_honeypot` tells the view to pretend and drop."""

    honeypot_field = HONEYPOT_FIELD

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field] = HoneypotField()

    def caught_by_honeypot(self):
        # The raw value: a robot's answer may not even be valid text for the field.
        value = self.data.get(self.add_prefix(self.honeypot_field), "")
        caught = bool(str(value).strip())
        if caught:
            logger.warning("Honeypot filled in %s: submission dropped quietly", type(self).__name__)
        return caught
