"""The one anonymiser: whole words, emails and phone numbers; the Q&A draft and the
erasure of an account take a person out of a text the same way."""

import pytest

from desk import steps
from desk.publication import draft_defaults
from desk.redaction import identifiers_of, redact
from privacy import erasure

pytestmark = pytest.mark.django_db


def test_a_username_made_from_the_email_is_not_redacted_on_its_own(make_user):
    user = make_user(username="contact2", email="contact@mairie-exemple.fr", first_name="Léa")
    words = identifiers_of(user)
    assert words == ["contact@mairie-exemple.fr", "Léa"]
    assert redact("Léa, contact : contact@mairie-exemple.fr", words) == "[…], contact : […]"


def test_redaction_takes_whole_words_emails_and_phone_numbers():
    words = ["Marc Dupont", "Marc", "Dupont"]
    assert redact("Marc Dupont au marché", words) == "[…] au marché"
    assert redact("marc@exemple.fr, +33 6 12 34 56 78", [], contacts=True) == "[…], […]"
    assert redact("Appelez le 03.20.00.00.00", [], contacts=True) == "Appelez le […]"
    assert redact("500 kW pour 2024", [], contacts=True) == "500 kW pour 2024"


def test_the_draft_and_the_erasure_take_marc_out_and_leave_the_marche(
    make_user, request_data, coordinator, expert, body
):
    marc = make_user(
        username="marc_l", first_name="Marc", last_name="Lefebvre", email="ml@example.org"
    )
    request_obj = steps.file_request(
        marc,
        request_data(
            title="Couvrir le marché de Marc",
            question="Marc Lefebvre (06 12 34 56 78) : comment couvrir notre marché ? Marc",
        ),
    )
    steps.route(request_obj, coordinator, [body])
    steps.claim(request_obj, expert)
    steps.write_answer(request_obj, expert, "Marc, le marché couvert est éligible.")
    steps.accept_answer(request_obj, marc)
    expected = {
        "title": "Couvrir le marché de […]",
        "question": "[…] ([…]) : comment couvrir notre marché ? […]",
        "answer": "[…], le marché couvert est éligible.",
    }

    assert draft_defaults(request_obj) == expected

    erasure.delete_account(marc, by=marc)
    request_obj.refresh_from_db()
    erased = {name: getattr(request_obj, name) for name in expected}
    assert erased == expected
