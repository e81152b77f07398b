"""How the admin's lists speak: texts French can say, and one date format.

Wagtail builds its generic list texts from a model's name ("Add %(model_name)s", "No
%(model_name)s match your query."), which French cannot agree in gender and number:
testers read "Ajouter un(e) règle" and "Aucun(e) demandes". A view set mixing in
`ListWordingMixin` says its own, whole sentences translated as such.

Wagtail's `DateColumn` shows a relative time ("Il y a 3 jours", and "Il y a 0 minute" for
anything under a minute), beside absolute dates elsewhere; `CalendarDateColumn` shows the
date as every page of the site does, in the locale's `DATE_FORMAT`.
"""

from django.utils.translation import gettext, gettext_noop
from wagtail.admin.ui.tables import Column

# Wagtail's pages say "just now" when Django's `timesince` equals its own "0 minutes";
# French says "0 minute" (0 takes the singular) while Wagtail's French catalogue keeps
# "0 minutes", so the admin read "Il y a 0 minute". The project's catalogue, read first,
# translates it as Django's `timesince` does.
WAGTAIL_JUST_NOW = gettext_noop("0 minutes")

# Wagtail's generic texts for a view set that says none of its own (Wagtail's own lists,
# breadcrumbs): the project's catalogue gives them a French that needs no gender
# ("Ajouter : règle d'orientation", not "Ajouter un(e) règle d'orientation").
WAGTAIL_GENERIC_TEXTS = (
    gettext_noop("Add %(model_name)s"),
    gettext_noop("New: %(model_name)s"),
    gettext_noop("No %(model_name)s match your query."),
)

# What a view set may say in place of Wagtail's generic texts (the index view's
# attributes of the same names).
LIST_TEXTS = ("add_item_label", "no_results_message")


class ListWordingMixin:
    """For a `ModelViewSet` or `SnippetViewSet`: `add_item_label` ("Add a routing rule")
    and `no_results_message` ("No routing rule to show."), said whether or not the list
    is filtered."""

    add_item_label = None
    no_results_message = None

    def get_index_view_kwargs(self, **kwargs):
        texts = {name: getattr(self, name) for name in LIST_TEXTS if getattr(self, name)}
        return super().get_index_view_kwargs(**{**texts, **kwargs})


class CalendarDateColumn(Column):
    """A date or a date and time, shown as a date in the locale's `DATE_FORMAT` (the time
    zone's day for a date and time), with its machine-readable value."""

    cell_template_name = "web/admin/date_cell.html"


def yes_or_no(attribute):
    """An accessor showing a boolean attribute as "Yes" or "No" (Wagtail's boolean column
    shows an icon whose text is "True" or "False")."""

    def accessor(instance):
        return gettext("Yes") if getattr(instance, attribute) else gettext("No")

    return accessor


def or_any(attribute, any_text):
    """An accessor showing an empty attribute as the "any" it means (a routing rule
    without a territory matches every territory)."""

    def accessor(instance):
        value = getattr(instance, attribute)
        return value if value is not None else any_text

    return accessor
