"""The admin's lists: texts French can say, one date format, and Wagtail's "just now"
(web/admin_lists.py); selects whose empty choice says what to choose (web/empty_choices.py)."""

import datetime

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.timesince import timesince
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

from web.admin_lists import CalendarDateColumn, or_any, yes_or_no
from web.empty_choices import EmptyChoiceLabelsMixin


class Thing:
    def __init__(self, **values):
        self.__dict__.update(values)


def render_cell(column, instance):
    context = column.get_cell_context_data(instance, {"row": None, "table": None})
    return render_to_string(column.cell_template_name, context)


def test_the_date_column_shows_the_locale_date_not_a_time_ago():
    moment = timezone.make_aware(datetime.datetime(2026, 12, 1, 23, 30))
    column = CalendarDateColumn("created_at", label="Filed")

    with translation.override("fr"):
        html = render_cell(column, Thing(created_at=moment))

    assert "1 décembre 2026" in html
    assert f'datetime="{moment.isoformat()}"' in html
    assert "Il y a" not in html


def test_the_date_column_of_no_date_shows_a_dash():
    column = CalendarDateColumn("created_at", label="Filed")
    assert "–" in render_cell(column, Thing(created_at=None))


def test_booleans_read_yes_or_no_and_empty_means_any():
    active = yes_or_no("active")
    territory = or_any("territory", "Any territory")

    with translation.override("en"):
        assert active(Thing(active=True)) == "Yes" and active(Thing(active=False)) == "No"
    assert territory(Thing(territory=None)) == "Any territory"
    assert territory(Thing(territory="Bassin minier")) == "Bassin minier"


def test_under_a_minute_is_just_now():
    # English already; French needs "0 minutes" translated as Django's timesince says
    # it ("0 minute"), from the project's catalogue (see WAGTAIL_JUST_NOW).
    with translation.override("en"):
        assert timesince_simple(timezone.now()) == "just now"


def test_under_a_minute_is_a_l_instant_in_french():
    with translation.override("fr"):
        assert translation.gettext("0 minutes") == timesince(timezone.now())
        assert timesince_simple(timezone.now()) == translation.gettext("just now")


class PlaceForm(EmptyChoiceLabelsMixin, forms.Form):
    empty_choice_labels = {"stage": "Choose a stage", "kind": "Any kind"}

    stage = forms.ChoiceField(choices=[("", "---------"), ("idea", "Idea")], required=False)
    kind = forms.ChoiceField(choices=[("a", "A")])


def test_a_choice_field_names_its_empty_choice_and_keeps_the_others():
    form = PlaceForm()

    assert list(form.fields["stage"].choices) == [("", "Choose a stage"), ("idea", "Idea")]
    assert "---------" not in str(form)
    # A field without an empty choice is left as it is.
    assert list(form.fields["kind"].choices) == [("a", "A")]


def test_the_label_is_the_forms_own():
    first, second = PlaceForm(), PlaceForm()
    second.fields["stage"].choices = [("", "Other")]

    assert list(first.fields["stage"].choices)[0] == ("", "Choose a stage")
    assert list(PlaceForm.base_fields["stage"].choices)[0] == ("", "---------")


@pytest.mark.parametrize(
    "msgid", ["Add %(model_name)s", "New: %(model_name)s", "No %(model_name)s match your query."]
)
def test_wagtails_generic_texts_need_no_gender_in_french(msgid):
    with translation.override("fr"):
        text = translation.gettext(msgid) % {"model_name": "règles d’orientation"}
    assert text != msgid % {"model_name": "règles d’orientation"}  # translated
    assert "(e)" not in text and "(le)" not in text
