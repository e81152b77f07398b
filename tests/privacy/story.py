"""A holder whose name is in many places, and her request taken through every step."""

import pytest
from allauth.account.models import EmailAddress
from wagtail.log_actions import log

from desk import steps
from knowledge.models import QuestionAnswerPage, QuestionIndexPage
from tests.desk.files import pdf_upload
from tests.factories import add_page

NAME, SURNAME = "Zéphyrine", "Quennehen"
EMAIL, OTHER_EMAIL = "zephyrine.quennehen@example.org", "zq.perso@example.net"
PHONE = "06 12 34 56 78"
MY_DATA = "/compte/donnees/"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def zephyrine(make_user):
    user = make_user(username="zquennehen", first_name=NAME, last_name=SURNAME, email=EMAIL)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    EmailAddress.objects.create(user=user, email=OTHER_EMAIL, verified=False, primary=False)
    return user


@pytest.fixture
def story(
    home,
    zephyrine,
    other_holder,
    coordinator,
    expert,
    body,
    request_data,
    django_capture_on_commit_callbacks,
):
    """A request through every step, with the holder's name in many places, published."""
    add_page(home, QuestionIndexPage, title="Questions-réponses", slug="qr")
    with django_capture_on_commit_callbacks(execute=True):
        request_obj = steps.file_request(
            zephyrine,
            request_data(
                title=f"Réseau de chaleur de {NAME} {SURNAME}",
                question=f"Je suis {NAME} {SURNAME} ({PHONE}, {EMAIL}). Comment financer ?",
                partners=f"Mairie, contact {OTHER_EMAIL}",
            ),
            [pdf_upload("statuts-quennehen.pdf")],
        )
        steps.route(request_obj, coordinator, [body])
        steps.claim(request_obj, expert)
        steps.ask_holder(request_obj, expert, f"Bonjour Madame {SURNAME}, quelle puissance ?")
        steps.reply(request_obj, zephyrine, f"500 kW. {NAME}", [pdf_upload("devis.pdf")])
        steps.add_note(request_obj, expert, "Note interne : dossier solide.")
        steps.write_answer(
            request_obj, expert, f"Madame {SURNAME}, le fonds chaleur finance ce réseau."
        )
        steps.accept_answer(request_obj, zephyrine, "Merci !")
        # The coordinator overlooked the name: erasure must catch it on the page too.
        steps.publish_as_qa(
            request_obj,
            coordinator,
            f"Financer le réseau de chaleur de {SURNAME}",
            "Comment financer un réseau de chaleur ?",
            f"Le fonds chaleur finance ce réseau, Madame {SURNAME}.",
        )
        request_obj.refresh_from_db()
        page = QuestionAnswerPage.objects.get(pk=request_obj.qa_page_id)
        page.get_latest_revision().publish()
    log(instance=zephyrine, action="wagtail.edit", user=coordinator)  # an admin edited her
    other = steps.file_request(other_holder, request_data(title="Demande d'un autre porteur"))
    return request_obj, page, other
