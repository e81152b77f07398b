"""The one anonymiser: whole words, emails and phone numbers; the Q&A draft and the
erasure of an account take a person out of a text the same way."""

import pytest

from desk import steps
from desk.publication import draft_defaults
from desk.redaction import identifiers_of, names_in_email, redact
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


def test_names_match_with_or_without_accents_in_any_case():
    assert redact("BERENICE, berenice, Bérénice", ["Bérénice"]) == "[…], […], […]"
    assert redact("BÉRÉNICE et Bérénice", ["Berenice"]) == "[…] et […]"
    decomposed = "Be\u0301re\u0301nice"  # é written as e + a combining accent
    assert redact(f"Signé {decomposed}", ["Bérénice"]) == "Signé […]"
    assert redact("Jean-Pierre et Jean Pierre", ["Jean Pierre"]) == "[…] et […]"


@pytest.mark.parametrize(
    "written",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "+33 6 12 34 56 78",
        "+33612345678",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
    ],
)
def test_a_phone_number_given_matches_in_every_form_and_no_other_number(written):
    words = ["06 12 34 56 78"]
    text = f"Rappeler au {written}, ou l'agence au 03 20 00 00 00."
    assert redact(text, words) == "Rappeler au […], ou l'agence au 03 20 00 00 00."


def test_names_come_from_the_email_when_the_account_has_none(make_user):
    user = make_user(username="bdupont", email="berenice.dupont@example.org")
    assert set(identifiers_of(user)) >= {"berenice", "dupont", "berenice dupont"}
    assert redact("Bérénice DUPONT", identifiers_of(user)) == "[…]"
    for email in ("j_martin@example.org", "jean-martin@example.org"):
        assert "martin" in names_in_email(email)
    for email in ("contact@mairie.fr", "mairie.lille@example.fr", "secretariat-dgs@x.fr"):
        assert names_in_email(email) == []
    named = make_user(username="lea", first_name="Léa", email="lea.roux@example.org")
    assert "roux" not in identifiers_of(named)  # a name on the account wins


def test_the_contacts_a_holder_gave_are_taken_out_of_staff_text(
    make_user, request_data, coordinator, expert, body
):
    holder = make_user(username="h1", email="h1@example.org")
    request_obj = steps.file_request(
        holder, request_data(question="Appelez-moi au 06 12 34 56 78 ou sur h.perso@example.net")
    )
    steps.route(request_obj, coordinator, [body])
    steps.claim(request_obj, expert)
    steps.ask_holder(request_obj, expert, "Quel numéro ?")
    steps.reply(request_obj, holder, "Plutôt le 07 98 76 54 32.")
    words = identifiers_of(holder)
    assert {"06 12 34 56 78", "h.perso@example.net", "07 98 76 54 32"} <= set(words)
    note = "Rappelé au +33 6 12 34 56 78 et au 0798765432 ; l'ADEME au 03 20 00 00 00."
    assert redact(note, words) == "Rappelé au […] et au […] ; l'ADEME au 03 20 00 00 00."
