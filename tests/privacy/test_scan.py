"""Anonymised means anonymised, erased means erased: the auditor's scan (issue 17).

A holder with a name, an accented name, an email and a phone number files a request
whose every free-text field carries them, in several spellings and forms, and staff
copy them into their own text (question, note, answer, review, comment). The request
goes through every step to a published Q&A page; the page never shows them. Its
project (made from the request) is hers in every way a project holds a person
(`story.into_projects`: a member she invited, Commission 15's notes, scores and
decision naming her, the showcase page; a project she joined, one she is invited to).
Then each deletion path erases her, and nothing of the database (every table and
column, found from the database) nor of the private files holds any of her strings.
A Commission 15 evaluator's erasure leaves none of his either.

To scan another deletion path, add a function `(client, holder, admin)` that deletes
her to `DELETION_PATHS`.
"""

import datetime
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Comment, CommentReply

from desk import steps
from desk.publication import draft_defaults
from desk.uploads.validation import validate_attachment
from knowledge.models import ProjectIndexPage, QuestionAnswerPage, QuestionIndexPage
from privacy import erasure
from search.text import normalise
from tests.desk.files import PDF_BYTES
from tests.factories import PASSWORD, add_page
from tests.privacy.scan import file_places_holding, forms_of, places_holding
from tests.privacy.story import EVALUATOR_EMAIL, EVALUATOR_NAME, EVALUATOR_SURNAME, into_projects

pytestmark = pytest.mark.django_db

NAME, SURNAME = "Bérénice", "Kerhervé"
EMAIL = "berenice.kerherve@example.org"
PHONE = "06 12 34 56 78"
# Her strings as the auditor looks for them; `forms_of` adds the unaccented names and
# the phone's digits; the search index's terms are stemmed (`normalise`).
STRINGS = [NAME, SURNAME, EMAIL, PHONE, *normalise(f"{NAME} {SURNAME}").split()]
EVALUATOR_STRINGS = [EVALUATOR_NAME, EVALUATOR_SURNAME, EVALUATOR_EMAIL, "gollivier"]


def _pdf_signed_by_her():
    content = PDF_BYTES.replace(b"%%EOF", f"% {NAME} {SURNAME} {PHONE}\n%%EOF".encode())
    uploaded = SimpleUploadedFile("devis-kerherve.pdf", content, content_type="application/pdf")
    return uploaded, validate_attachment(uploaded)


@pytest.fixture
def berenice(make_user):
    user = make_user(username="bkerherve", first_name=NAME, last_name=SURNAME, email=EMAIL)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    return user


@pytest.fixture
def published(
    client,
    home,
    berenice,
    coordinator,
    expert,
    editor,
    body,
    request_data,
    commission,
    teams,
    django_capture_on_commit_callbacks,
):
    """Her request through every step to a live Q&A page reviewed with a comment; its
    project hers, evaluated and on the showcase; two more projects."""
    add_page(home, QuestionIndexPage, title="Questions-réponses", slug="qr")
    add_page(home, ProjectIndexPage, title="Projets", slug="projets")
    with django_capture_on_commit_callbacks(execute=True):
        request_obj = steps.file_request(
            berenice,
            request_data(
                title=f"Réseau de chaleur de {NAME} {SURNAME} – rappel au {PHONE}",
                question=f"Je suis {NAME} {SURNAME} ({PHONE}, {EMAIL}). Comment financer ?",
                project_description="Projet porté par BERENICE KERHERVE, +33 6 12 34 56 78.",
                partners=f"Mairie ; joindre {SURNAME.upper()} au 06.12.34.56.78",
                funding_sought=f"Fonds chaleur, dossier de berenice kerherve ({EMAIL})",
            ),
            [_pdf_signed_by_her()],
        )
        steps.route(request_obj, coordinator, [body], f"Pour l'ADEME : {NAME} {SURNAME}")
        steps.claim(request_obj, expert)
        steps.ask_holder(
            request_obj, expert, f"Madame {SURNAME}, je vous rappelle au +33 (0)6 12 34 56 78 ?"
        )
        steps.reply(request_obj, berenice, f"Oui, au {PHONE}. {NAME}", [_pdf_signed_by_her()])
        steps.add_note(
            request_obj, expert, "Appelé Mme Kerherve au 0612345678 ; ADEME 03 20 00 00 00"
        )
        steps.write_answer(request_obj, expert, f"Madame {SURNAME}, le fonds chaleur finance.")
        steps.follow_up(request_obj, berenice, f"Et pour 2 bâtiments ? {NAME}, {PHONE}")
        steps.write_answer(
            request_obj, expert, f"Madame {SURNAME} ({EMAIL}), oui pour les deux bâtiments."
        )
        steps.accept_answer(request_obj, berenice, f"Merci ! {NAME}")
        draft = draft_defaults(request_obj)  # what the coordinator's form starts from
        steps.publish_as_qa(request_obj, coordinator, **draft)
        request_obj.refresh_from_db()
        page = QuestionAnswerPage.objects.get(pk=request_obj.qa_page_id)
        comment = Comment.objects.create(
            page=page, user=editor, text=f"Vérifier avec {SURNAME} au {PHONE}", contentpath="title"
        )
        CommentReply.objects.create(comment=comment, user=coordinator, text=f"{NAME} d'accord")
        client.force_login(editor)
        task_state = page.current_workflow_state.current_task_state
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
            {"comment": f"Validé ; Mme {SURNAME} jointe au 06 12 34 56 78."},
        )
        assert response.status_code in (200, 302)
        client.logout()
        into_projects(
            berenice,
            request_obj,
            name=NAME,
            surname=SURNAME,
            phone=PHONE,
            pending_email=EMAIL,
            people=(coordinator, commission, teams),
        )
    page.refresh_from_db()
    assert page.live
    return request_obj, page


def _delete_on_my_data_page(client, holder, admin):
    client.force_login(holder)
    response = client.post("/compte/donnees/supprimer/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302


def _delete_in_the_admin(client, holder, admin):
    client.force_login(admin)
    response = client.post(reverse("wagtailusers_users:delete", args=[holder.pk]))
    assert response.status_code == 302


def _retention_after_the_period(client, holder, admin, monkeypatch):
    later = timezone.now() + datetime.timedelta(days=settings.TRIHUB_RETENTION_DAYS + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("anonymise_inactive_holders", stdout=StringIO())


def _bulk_delete_in_the_admin(client, holder, admin):
    client.force_login(admin)
    url = reverse("wagtail_bulk_action", args=["auth", "user", "delete"])
    assert client.post(f"{url}?id={holder.pk}").status_code == 302


def _user_delete(client, holder, admin):
    get_user_model().objects.get(pk=holder.pk).delete()


def _queryset_delete(client, holder, admin):
    get_user_model().objects.filter(pk=holder.pk).delete()


DELETION_PATHS = {
    "my data page": _delete_on_my_data_page,
    "admin delete page": _delete_in_the_admin,
    "retention command": _retention_after_the_period,
    "admin bulk delete": _bulk_delete_in_the_admin,
    "User.delete()": _user_delete,
    "queryset delete": _queryset_delete,
}


def test_the_published_page_never_showed_her(client, published):
    _request_obj, page = published
    html = client.get(page.url).content.decode()
    assert "oui pour les deux bâtiments" in html
    found = {form for form in forms_of(STRINGS) if form in normalise(html) or form in html}
    assert not found, found


@pytest.mark.parametrize("path", DELETION_PATHS)
def test_after_erasure_nothing_holds_her_strings(
    client,
    published,
    berenice,
    make_user,
    private_media,
    monkeypatch,
    django_capture_on_commit_callbacks,
    path,
):
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    before = places_holding(STRINGS, private_root=private_media)
    tables = {place.split(".")[0] for place, _form in before}
    # The scan sees her where she is, the full-text tables included.
    assert {"desk_howtorequest", "desk_requestevent", "desk_requestlogentry"} <= tables
    assert {"wagtailcore_taskstate", "wagtailcore_comment", "wagtailcore_pagelogentry"} <= tables
    assert {
        "projects_project",
        "projects_projectlink",
        "projects_projectevent",
        "projects_projectlogentry",
        "projects_invitation",
        "projects_evaluation",
        "projects_review",
        "projects_score",
        "knowledge_projectpage",
        "desk_notification",
    } <= tables
    assert file_places_holding(STRINGS, private_media)
    # ...and the page's words in both search indexes, their full-text tables included.
    indexed = {place.split(".")[0] for place, _form in places_holding([normalise("bâtiments")])}
    if connection.vendor == "sqlite":  # FTS5 shadow tables hold the indexed text
        assert {"search_fts_content", "wagtailsearch_indexentry_fts_content"} <= indexed
    else:  # PostgreSQL: the documents and their tsvector columns
        assert {"search_searchdocument", "wagtailsearch_indexentry"} <= indexed

    delete = DELETION_PATHS[path]
    with django_capture_on_commit_callbacks(execute=True):
        if path == "retention command":
            delete(client, berenice, admin, monkeypatch)
        else:
            delete(client, berenice, admin)

    assert not get_user_model().objects.filter(pk=berenice.pk).exists()
    assert places_holding(STRINGS, private_root=private_media) == set()
    assert not [p for p in private_media.rglob("*") if p.is_file()]


def test_after_an_evaluators_erasure_nothing_holds_his_strings(
    published, commission, make_user, django_capture_on_commit_callbacks
):
    gaspard, _second = commission
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    tables = {place.split(".")[0] for place, _form in places_holding(EVALUATOR_STRINGS)}
    assert {"auth_user", "projects_review", "projects_score", "desk_notification"} <= tables
    with django_capture_on_commit_callbacks(execute=True):
        erasure.delete_account(gaspard, by=admin)  # staff: only an administrator erases
    assert places_holding(EVALUATOR_STRINGS) == set()
