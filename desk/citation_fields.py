"""The answer form's field for the pages an answer relies on.

One field, two ways in, so that it works with or without JavaScript:

- ticked boxes named after the field, one per page id: those the form shows again
  (after an error), and those `static/js/cite.js` adds from the search box it builds
  on the suggestions API;
- a text box (`<name>_text`), for page numbers or addresses typed or pasted by hand.

Both are read together; only live, public guides and Q&A pages are accepted
(`desk.citations.citable_pages`), and anything else is an error that keeps what was
typed and ticked.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from . import citations


class CitationsWidget(forms.Widget):
    template_name = "desk/admin/citations_widget.html"

    def _render(self, template_name, context, renderer=None):
        # From the project's templates, whatever form renderer the page uses.
        return mark_safe(render_to_string(template_name, context))  # noqa: S308

    def value_from_datadict(self, data, files, name):
        ids = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
        if isinstance(ids, str | int):
            ids = [ids]
        return {"ids": [str(value) for value in ids], "text": data.get(f"{name}_text", "")}

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_text" not in data

    def id_for_label(self, id_):
        # The label names the text box: the way in that works everywhere.
        return f"{id_}_text" if id_ else id_

    def format_value(self, value):
        if not isinstance(value, dict):
            value = {"ids": [str(page.pk) for page in value or ()], "text": ""}
        return value

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = self.format_value(value)
        ids = [int(pk) for pk in value["ids"] if str(pk).isdigit()]
        # `public()` reads the view restrictions: not for a form with nothing cited.
        found = citations.citable_pages().filter(pk__in=ids).in_bulk() if ids else {}
        try:
            suggest_url = reverse("api-v1:suggest")
        except NoReverseMatch:
            suggest_url = ""
        context["widget"].update(
            {
                "chosen": [found[pk] for pk in dict.fromkeys(ids) if pk in found],
                "text": value["text"],
                "suggest_url": suggest_url,
                "kinds": " ".join(
                    page_type._meta.model_name for page_type in citations.CITABLE_TYPES
                ),
            }
        )
        return context


class CitationsField(forms.Field):
    """The pages cited, in the order given: a list of `Page` objects."""

    widget = CitationsWidget
    default_error_messages = {
        "unread": _("Not a page number or address of this site: %(values)s."),
        "not_citable": _(
            "Only published, public guides and Q&A pages can be cited; not: %(values)s."
        ),
        "too_many": ngettext_lazy(
            "At most %(count)d page can be cited.",
            "At most %(count)d pages can be cited.",
            "count",
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if not isinstance(value, dict):
            return []
        ids, unread = [], []
        for raw in value.get("ids", []):
            raw = str(raw).strip()
            number = citations.page_id(raw)
            if number is not None:
                ids.append(number)
            elif raw:
                unread.append(raw)
        typed_ids, typed_unread = citations.page_ids_from_text(value.get("text", ""))
        ids.extend(typed_ids)
        unread.extend(typed_unread)
        if unread:
            raise ValidationError(
                self.error_messages["unread"],
                code="unread",
                params={"values": ", ".join(unread[:5])},
            )
        ids = list(dict.fromkeys(ids))
        if len(ids) > citations.MAX_CITATIONS:
            raise ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"count": citations.MAX_CITATIONS},
            )
        if not ids:
            return []
        found = citations.citable_pages().filter(pk__in=ids).in_bulk()
        refused = [str(pk) for pk in ids if pk not in found]
        if refused:
            raise ValidationError(
                self.error_messages["not_citable"],
                code="not_citable",
                params={"values": ", ".join(refused)},
            )
        return [found[pk] for pk in ids]

    def has_changed(self, initial, data):
        return isinstance(data, dict) and bool(data.get("ids") or data.get("text", "").strip())
