"""Personal data: the "My data" page, the export, the erasure of an account, retention."""

import datetime
import json
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision

from desk import steps as desk
from desk.models import HowToRequest, Notification, RequestEvent
from desk.models.events import Action
from desk.redaction import identifiers_of
from knowledge.models import QuestionAnswerPage, QuestionIndexPage
from privacy import services
from search.models import SearchDocument
from search.text import normalise
from tests.desk.files import pdf_upload
from tests.factories import PASSWORD, add_page
from tests.limits import assert_retry_after, move_clock, tiny

pytestmark = pytest.mark.django_db

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
        request_obj = desk.file_request(
            zephyrine,
            request_data(
                title=f"Réseau de chaleur de {NAME} {SURNAME}",
                question=f"Je suis {NAME} {SURNAME} ({PHONE}, {EMAIL}). Comment financer ?",
                partners=f"Mairie, contact {OTHER_EMAIL}",
            ),
            [pdf_upload("statuts-quennehen.pdf")],
        )
        desk.route(request_obj, coordinator, [body])
        desk.claim(request_obj, expert)
        desk.ask_holder(request_obj, expert, f"Bonjour Madame {SURNAME}, quelle puissance ?")
        desk.reply(request_obj, zephyrine, f"500 kW. {NAME}", [pdf_upload("devis.pdf")])
        desk.add_note(request_obj, expert, "Note interne : dossier solide.")
        desk.write_answer(
            request_obj, expert, f"Madame {SURNAME}, le fonds chaleur finance ce réseau."
        )
        desk.accept_answer(request_obj, zephyrine, "Merci !")
        # The coordinator overlooked the name: erasure must catch it on the page too.
        desk.publish_as_qa(
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
    other = desk.file_request(other_holder, request_data(title="Demande d'un autre porteur"))
    return request_obj, page, other


def _needles(user_words):
    return {w.lower() for w in user_words} | {normalise(w) for w in user_words if normalise(w)}


def _tables_mentioning(needles):
    """Every (table, column) of the database whose text holds one of the needles."""
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            for column in connection.introspection.get_table_description(cursor, table):
                name = connection.ops.quote_name(column.name)
                for needle in needles:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {quoted} WHERE LOWER(CAST({name} AS TEXT)) LIKE %s",
                        [f"%{needle}%"],
                    )
                    if cursor.fetchone()[0]:
                        found.add((table, column.name, needle))
    return found


def _sessions_of(user):
    return [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]


# The page and who may use it -------------------------------------------------------


def test_my_data_needs_a_signed_in_person(client):
    for url in (MY_DATA, MY_DATA + "telecharger/"):
        response = client.get(url)
        assert response.status_code == 302 and "/compte/login/" in response.url
    response = client.post(MY_DATA + "supprimer/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and "/compte/login/" in response.url


def test_my_data_page_offers_the_export_and_the_deletion(client, zephyrine):
    client.force_login(zephyrine)
    html = client.get(MY_DATA).content.decode()
    assert html.count("<h1") == 1
    assert f'href="{reverse("privacy:download")}"' in html
    assert f'action="{reverse("privacy:delete")}"' in html
    assert 'autocomplete="current-password"' in html
    assert 'aria-current="page"' in html  # the account menu shows where we are
    assert "3" in html  # the retention period


def test_staff_cannot_delete_their_own_account_here(client, coordinator):
    client.force_login(coordinator)
    html = client.get(MY_DATA).content.decode()
    assert 'action="/compte/donnees/supprimer/"' not in html
    response = client.post(MY_DATA + "supprimer/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and response.url == reverse("privacy:my_data")
    assert get_user_model().objects.filter(pk=coordinator.pk).exists()
    with pytest.raises(services.AccountDeletionRefused):
        services.delete_account(coordinator, by=coordinator)


@pytest.mark.parametrize(
    "data",
    [{"password": "wrong-password", "confirm": "on"}, {"password": PASSWORD}],
    ids=["wrong password", "not confirmed"],
)
def test_deletion_asks_for_the_password_and_a_confirmation(client, story, zephyrine, data):
    client.force_login(zephyrine)
    response = client.post(MY_DATA + "supprimer/", data)
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    zephyrine.refresh_from_db()
    assert HowToRequest.objects.filter(holder=zephyrine).count() == 1


def test_password_guesses_on_the_deletion_form_are_limited(client, story, zephyrine, monkeypatch):
    client.force_login(zephyrine)
    wrong = {"password": "wrong-password", "confirm": "on"}
    with tiny(account_delete="2/m"):
        for _ in range(2):
            assert client.post(MY_DATA + "supprimer/", wrong).status_code == 400
        response = client.post(MY_DATA + "supprimer/", {"password": PASSWORD, "confirm": "on"})
        assert response.status_code == 429
        assert_retry_after(response, 60)
        zephyrine.refresh_from_db()  # still there: the right password was not even tried
        assert zephyrine.is_active and zephyrine.email == EMAIL
        move_clock(monkeypatch, 60)
        response = client.post(MY_DATA + "supprimer/", {"password": PASSWORD, "confirm": "on"})
        assert response.status_code == 302
        assert not get_user_model().objects.filter(pk=zephyrine.pk).exists()


# Export ----------------------------------------------------------------------------


def test_export_holds_my_data_and_nothing_else(client, story, zephyrine):
    request_obj, _page, other = story
    client.force_login(zephyrine)
    response = client.get(MY_DATA + "telecharger/")
    assert response.status_code == 200
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="donnees-tri-{today:%Y-%m-%d}.json"'
    )
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == EMAIL and data["account"]["last_name"] == SURNAME
    assert {a["email"] for a in data["email_addresses"]} == {EMAIL, OTHER_EMAIL}
    [mine] = data["requests"]
    assert mine["reference"] == request_obj.reference and NAME in mine["question"]
    assert "fonds chaleur" in mine["answer"]
    assert {a["file_name"] for a in mine["attachments"]} == {"statuts-quennehen.pdf", "devis.pdf"}
    steps = [step["comment"] for step in mine["timeline"]]
    assert f"Bonjour Madame {SURNAME}, quelle puissance ?" in steps
    assert data["notifications"] and {n["to"] for n in data["notifications"]} == {EMAIL}
    assert any(e["action"] == "desk.submit" for e in data["log_entries"])
    assert any(e["action"] == "wagtail.edit" for e in data["log_entries"])  # about her
    text = response.content.decode()
    assert "Note interne" not in text  # experts' internal notes never
    assert other.title not in text and other.holder.email not in text


def test_export_hides_an_answer_still_under_review(
    zephyrine, request_data, coordinator, expert, body
):
    request_obj = desk.file_request(zephyrine, request_data())
    desk.route(request_obj, coordinator, [body])
    desk.claim(request_obj, expert)
    desk.write_answer(request_obj, expert, "Texte du fonds vert à relire", review=True)
    exported = services.export_json(zephyrine)
    assert "Texte du fonds vert à relire" not in exported


# Erasure ---------------------------------------------------------------------------


def test_deleting_my_account_signs_me_out_and_leaves_no_trace(
    client, story, zephyrine, private_media, django_capture_on_commit_callbacks
):
    request_obj, page, _other = story
    client.force_login(zephyrine)
    assert _sessions_of(zephyrine)
    words = identifiers_of(zephyrine)
    assert {EMAIL, OTHER_EMAIL, NAME, SURNAME, "zquennehen"} <= set(words)
    needles = _needles([*words, PHONE])
    before = _tables_mentioning(needles)
    assert {t for t, _c, _n in before} >= {
        "auth_user",
        "account_emailaddress",
        "desk_howtorequest",
        "desk_requestevent",
        "desk_notification",
        "desk_attachment",
        "wagtailcore_revision",
        "wagtailcore_modellogentry",
        "knowledge_questionanswerpage",
        "search_searchdocument",
    }  # the scan sees them where they are
    files = [p for p in Path(private_media).rglob("*") if p.is_file()]
    assert len(files) == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MY_DATA + "supprimer/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and response.url == "/"
    assert "_auth_user_id" not in client.session
    home_html = client.get("/").content.decode()
    assert "erased" in home_html or "effacé" in home_html

    assert _tables_mentioning(needles) == set()
    assert not get_user_model().objects.filter(pk=zephyrine.pk).exists()
    assert not _sessions_of(zephyrine)
    assert not any(p.is_file() for p in Path(private_media).rglob("*"))
    assert not Notification.objects.filter(email=EMAIL).exists()


def test_requests_survive_anonymised_and_staff_still_work_on_them(
    client, story, zephyrine, coordinator, django_capture_on_commit_callbacks
):
    request_obj, page, other = story
    her_id = zephyrine.pk
    with django_capture_on_commit_callbacks(execute=True):
        erasure = services.delete_account(zephyrine, by=zephyrine)
    assert (erasure.requests, erasure.attachments, erasure.pages) == (1, 2, 1)
    request_obj.refresh_from_db()
    assert request_obj.holder is None
    assert request_obj.question == "Je suis […] ([…], […]). Comment financer ?"
    assert request_obj.partners == "Mairie, contact […]"
    assert request_obj.answer == "Madame […], le fonds chaleur finance ce réseau."
    assert request_obj.events.filter(action=Action.HOLDER_REPLY).get().comment == "500 kW. […]"
    trace = request_obj.events.get(action=Action.ANONYMISED)
    assert trace.internal and trace.details == {"reason": "holder", "attachments_removed": 2}
    assert not request_obj.attachments.exists()
    # The audit log keeps who edited her account, not her name nor her id.
    edit = ModelLogEntry.objects.get(action="wagtail.edit")
    assert edit.user_id == coordinator.pk and SURNAME not in edit.label
    assert not ModelLogEntry.objects.filter(user_id=her_id).exists()
    # The other holder's request is untouched.
    assert HowToRequest.objects.get(pk=other.pk).holder_id is not None

    # Staff pages still render, and say who did what without a name.
    client.force_login(coordinator)
    html = client.get(reverse("desk_admin:inspect", args=[request_obj.pk])).content.decode()
    assert "Anonymised" in html or "Anonymisé" in html
    assert "le fonds chaleur finance" in html
    assert html.count("account deleted") + html.count("compte supprimé") >= 3
    assert client.get(request_obj.get_absolute_url()).status_code == 200
    assert client.get(reverse("desk_admin:index")).status_code == 200

    # The published page stays live, without the name, and still found by search.
    page.refresh_from_db()
    assert page.live and page.title == "Financer le réseau de chaleur de […]"
    assert (
        page.slug == "financer-le-reseau-de-chaleur-de"
        and page.url == "/qr/financer-le-reseau-de-chaleur-de/"
    )
    assert SURNAME not in str(page.answer)
    document = SearchDocument.objects.get(pk=page.pk)
    assert SURNAME not in document.title and "fonds chaleur" in document.text
    for revision in Revision.objects.for_instance(page):
        assert SURNAME not in json.dumps(revision.content, ensure_ascii=False)


def test_an_administrator_may_erase_a_staff_account(coordinator, make_user, staff_roles):
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    coordinator_id = coordinator.pk
    services.delete_account(coordinator, by=admin)
    assert not get_user_model().objects.filter(pk=coordinator_id).exists()


# Retention -------------------------------------------------------------------------


def _ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def population(make_user, coordinator, request_data):
    User = get_user_model()
    people = {
        "old": make_user(username="old"),
        "never_logged_in": make_user(username="never_logged_in"),
        "old_with_recent_request": make_user(username="old_with_recent_request"),
        "old_with_old_request": make_user(username="old_with_old_request"),
        "recent": make_user(username="recent"),
        "old_staff": make_user(username="old_staff", is_staff=True),
        "old_coordinator": coordinator,
    }
    for name, user in people.items():
        last_login = None if name == "never_logged_in" else _ago(5 if name == "recent" else 1200)
        User.objects.filter(pk=user.pk).update(date_joined=_ago(1500), last_login=last_login)
    recent = desk.file_request(people["old_with_recent_request"], request_data())
    old = desk.file_request(people["old_with_old_request"], request_data(title="Vieille demande"))
    desk.ask_clarification(recent, coordinator, "Précisez ?")
    HowToRequest.objects.filter(pk=old.pk).update(created_at=_ago(1300), updated_at=_ago(1300))
    RequestEvent.objects.filter(request=old).update(created_at=_ago(1300))
    HowToRequest.objects.filter(pk=recent.pk).update(created_at=_ago(1300))
    return people, old, recent


def _remaining(people):
    ids = set(get_user_model().objects.values_list("pk", flat=True))
    return {name for name, user in people.items() if user.pk in ids}


def test_retention_erases_only_holders_inactive_since_the_cutoff(population):
    people, old, recent = population
    out = call_command_output("anonymise_inactive_holders")
    assert "3 holder(s)" in out
    assert _remaining(people) == {
        "old_with_recent_request",
        "recent",
        "old_staff",
        "old_coordinator",
    }
    old.refresh_from_db()
    assert old.holder is None and old.events.filter(action=Action.ANONYMISED).exists()
    assert old.events.get(action=Action.ANONYMISED).details["reason"] == "retention"
    recent.refresh_from_db()
    assert recent.holder == people["old_with_recent_request"]


def test_retention_is_safe_to_run_again(population):
    people, _old, _recent = population
    call_command_output("anonymise_inactive_holders")
    events = RequestEvent.objects.count()
    assert "nothing to do" in call_command_output("anonymise_inactive_holders")
    assert RequestEvent.objects.count() == events


def test_retention_dry_run_changes_nothing_and_days_move_the_cutoff(population, settings):
    people, _old, _recent = population
    out = call_command_output("anonymise_inactive_holders", "--dry-run")
    assert "3 holder(s)" in out and "would be erased" in out
    assert _remaining(people) == set(people)
    settings.TRIHUB_RETENTION_DAYS = 2000
    assert "nothing to do" in call_command_output("anonymise_inactive_holders")
    call_command_output("anonymise_inactive_holders", "--days", "3")
    # The clarification asked today keeps its holder; staff are never erased.
    assert _remaining(people) == {"old_with_recent_request", "old_staff", "old_coordinator"}


def call_command_output(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# Demo content ------------------------------------------------------------------------


def test_demo_privacy_and_accessibility_pages_say_what_the_law_asks(client, demo):
    from knowledge.models import StandardPage

    privacy = client.get(StandardPage.objects.get(slug="donnees-personnelles").url)
    html = privacy.content.decode()
    assert f'href="{reverse("privacy:my_data")}"' in html  # the export and deletion page
    assert "3 ans" in html and "CNIL" in html
    statement = client.get(StandardPage.objects.get(slug="accessibilite").url).content.decode()
    assert "non conforme" in statement and "Défenseur des droits" in statement
    assert "Pages qui seront testées" in statement


def test_deleting_a_holder_in_the_admin_erases_them_the_same_way(
    client, story, zephyrine, make_user, django_capture_on_commit_callbacks
):
    request_obj, _page, _other = story
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = reverse("wagtailusers_users:delete", args=[zephyrine.pk])
    assert client.get(url).status_code == 200  # the confirmation page is Wagtail's
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=zephyrine.pk).exists()
    request_obj.refresh_from_db()
    assert SURNAME not in request_obj.question and not request_obj.attachments.exists()
    trace = request_obj.events.get(action=Action.ANONYMISED)
    assert trace.details["reason"] == "administrator"
