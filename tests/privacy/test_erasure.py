"""Erasing an account: from the "My data" page or the admin; what stays, anonymised."""

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry, Revision
from wagtail.signals import page_published

from desk.models import HowToRequest, Notification, RequestLogEntry
from desk.models.events import Action
from desk.redaction import identifiers_of
from knowledge.models import ProjectPage
from privacy import erasure
from privacy.scrubbing import slug_without
from projects.models import (
    Invitation,
    Project,
    ProjectAction,
    ProjectEvent,
    ProjectLogEntry,
    Role,
    Score,
)
from projects.showcase import current_values, public_values
from search.models import SearchDocument
from search.text import normalise
from tests.factories import PASSWORD
from tests.limits import assert_retry_after, move_clock, tiny
from tests.privacy.story import (
    EMAIL,
    EVALUATOR_EMAIL,
    EVALUATOR_NAME,
    MY_DATA,
    NAME,
    OTHER_EMAIL,
    PHONE,
    SURNAME,
)

pytestmark = pytest.mark.django_db

ERASED_ACTION = f"desk.{Action.ANONYMISED.value}"


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


# Who may erase whom ------------------------------------------------------------------


def test_staff_cannot_delete_their_own_account_here(client, coordinator):
    client.force_login(coordinator)
    html = client.get(MY_DATA).content.decode()
    assert 'action="/compte/donnees/supprimer/"' not in html
    response = client.post(MY_DATA + "supprimer/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and response.url == reverse("privacy:my_data")
    assert get_user_model().objects.filter(pk=coordinator.pk).exists()
    with pytest.raises(erasure.AccountDeletionRefused):
        erasure.delete_account(coordinator, by=coordinator)


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


def test_an_administrator_may_erase_a_staff_account(coordinator, make_user, staff_roles):
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    coordinator_id = coordinator.pk
    erasure.delete_account(coordinator, by=admin)
    assert not get_user_model().objects.filter(pk=coordinator_id).exists()


def test_the_audit_log_names_the_administrator_who_erased_a_holder(story, zephyrine, make_user):
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    # Outside a request: no log context to name anyone unless the erasure does.
    erasure.delete_account(zephyrine, by=admin)
    entry = RequestLogEntry.objects.get(action=ERASED_ACTION)
    assert entry.user_id == admin.pk and entry.data["reason"] == "administrator"


# What goes, what stays -----------------------------------------------------------------


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
        erased = erasure.delete_account(zephyrine, by=zephyrine)
    assert (erased.requests, erased.attachments, erased.pages) == (1, 2, 1)
    request_obj.refresh_from_db()
    assert request_obj.holder is None
    assert request_obj.question == "Je suis […] ([…], […]). Comment financer ?"
    assert request_obj.partners == "Mairie, contact […]"
    assert request_obj.answer == "Madame […], le fonds chaleur finance ce réseau."
    assert request_obj.events.filter(action=Action.HOLDER_REPLY).get().comment == "500 kW. […]"
    trace = request_obj.events.get(action=Action.ANONYMISED)
    assert trace.internal and trace.details == {"reason": "holder", "attachments_removed": 2}
    assert trace.actor_id is None and not trace.notifications.exists()
    # She erased herself: the audit log names nobody for it.
    assert RequestLogEntry.objects.get(action=ERASED_ACTION).user_id is None
    assert not request_obj.attachments.exists()
    # The audit log keeps who edited her account, not her name nor her id.
    edit = ModelLogEntry.objects.get(action="wagtail.edit")
    assert edit.user_id == coordinator.pk and SURNAME not in edit.label
    assert not ModelLogEntry.objects.filter(user_id=her_id).exists()
    assert not RequestLogEntry.objects.filter(user_id=her_id).exists()
    assert RequestLogEntry.objects.for_instance(request_obj).filter(action="desk.submit").exists()
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


def test_erasure_reindexes_and_purges_the_live_page_without_a_publication_signal(
    client, story, zephyrine, django_capture_on_commit_callbacks
):
    _request_obj, page, _other = story
    named_url = page.url
    document = SearchDocument.objects.get(pk=page.pk)
    assert SURNAME in document.title and normalise(SURNAME) in document.normalised_text
    assert client.get(named_url)["X-Page-Cache"] == "miss"
    assert client.get(named_url)["X-Page-Cache"] == "hit"
    published = []

    def record_publication(sender, instance, **kwargs):
        published.append(instance.pk)

    page_published.connect(record_publication, dispatch_uid="test-erasure-publication")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            erasure.delete_account(zephyrine, by=zephyrine)
    finally:
        page_published.disconnect(dispatch_uid="test-erasure-publication")

    assert published == []  # nothing was published
    document = SearchDocument.objects.get(pk=page.pk)
    assert SURNAME not in document.title and SURNAME not in document.text
    assert normalise(SURNAME) not in document.normalised_text
    assert "fonds chaleur" in document.text
    # The cached copy under the old, named address is gone; the new address is fresh.
    assert client.get(named_url).status_code == 404
    page.refresh_from_db()
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss" and SURNAME not in response.content.decode()


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
    # The audit log names the administrator who erased her.
    assert RequestLogEntry.objects.get(action=ERASED_ACTION).user_id == admin.pk


# Her projects ---------------------------------------------------------------------------


def test_her_projects_stay_for_the_programme_without_her(
    client, story, zephyrine, teams, commission, django_capture_on_commit_callbacks
):
    request_obj, _page, _other = story
    teammate, neighbour = teams
    project = Project.objects.get(pk=request_obj.project_id)
    joined = Project.objects.get(title="Méthaniseur du Ternois")
    invited = Project.objects.get(title="Covoiturage du Ternois")
    showcase = ProjectPage.objects.get(pk=project.showcase_page_id)
    assert showcase.live and SURNAME in showcase.decision_justification
    assert Notification.objects.filter(email=OTHER_EMAIL, recipient=None).exists()
    her_id = zephyrine.pk

    with django_capture_on_commit_callbacks(execute=True):
        erased = erasure.delete_account(zephyrine, by=zephyrine)

    assert erased.projects == 3
    # Her project stays, ownerless for the coordinators, with its member.
    project.refresh_from_db()
    assert [(m.user, m.role) for m in project.memberships.all()] == [(teammate, Role.MEMBER)]
    assert project.created_by is None
    assert project.partners == "Mairie, contact […]"
    assert project.expected_effects == "Chaleur pour 200 logements ; suivi par […], […]"
    # A link's title loses her name; a link whose address names her goes.
    assert [(link.title, link.url) for link in project.links.all()] == [
        ("Dossier de […]", "https://example.org/dossier")
    ]
    assert project.invitations.get().invited_by is None  # the one she sent, to teammate
    # The project she joined stays, and the one she was invited to keeps no invitation.
    joined.refresh_from_db()
    assert joined.summary == "Avec […] et la commune."
    assert [m.user for m in joined.memberships.all()] == [neighbour]
    assert not Invitation.objects.filter(email__in=[EMAIL, OTHER_EMAIL]).exists()
    assert not invited.invitations.exists()
    assert not Notification.objects.filter(email__in=[EMAIL, OTHER_EMAIL]).exists()
    # Her steps stay on the timelines, by nobody, without her words.
    join = joined.events.get(action=ProjectAction.JOIN)
    assert join.actor_id is None
    assert not ProjectEvent.objects.filter(actor_id=her_id).exists()
    submit = project.events.get(action=ProjectAction.SUBMIT)
    assert submit.comment == "Dossier de […]"
    for each in (project, joined, invited):
        trace = each.events.get(action=ProjectAction.ANONYMISED)
        # Her consent to the showcase went with her, the last owner of her project.
        withdrawn = {"showcase_withdrawn": True} if each == project else {}
        assert trace.internal and trace.actor_id is None
        assert trace.details == {"reason": "holder", **withdrawn}
        assert not trace.notifications.exists()
    assert not ProjectLogEntry.objects.filter(user_id=her_id).exists()
    assert ProjectLogEntry.objects.filter(action="projects.anonymised").count() == 3
    # Commission 15's record stays, without her name.
    evaluation = project.evaluations.get()
    assert evaluation.opinion == "Projet solide porté par […]."
    assert evaluation.public_justification == "Un réseau utile, porté par Mme […]."
    notes = sorted(review.notes for review in evaluation.reviews.all())
    assert notes == ["Rappeler […] au […]. ", f"Rappeler […] au […]. {EVALUATOR_NAME}"]
    assert Score.objects.filter(review__evaluation=evaluation).count() == 8
    assert not Score.objects.filter(justification__icontains=SURNAME).exists()
    # Her consent went with her: the project leaves the showcase (until a new owner,
    # appointed by a coordinator, gives it again); its page is kept as a draft, without
    # her, revisions and search included.
    assert not project.showcase_consent and project.showcase_consent_at is None
    url = showcase.url
    showcase.refresh_from_db()
    assert not showcase.live
    assert showcase.decision_justification == evaluation.public_justification
    assert showcase.expected_effects == project.expected_effects
    for revision in Revision.objects.for_instance(showcase):
        assert SURNAME not in json.dumps(revision.content, ensure_ascii=False)
    assert client.get(url).status_code == 404
    assert not SearchDocument.objects.filter(pk=showcase.pk, text__icontains=SURNAME).exists()
    # The page redacted in place is the page the showcase writes from the project now.
    with translation.override(showcase.get_parent().locale.language_code):
        assert current_values(showcase) == public_values(project)


def test_a_showcase_slug_loses_her_name_and_phone_in_any_form(story):
    request_obj, _page, _other = story
    showcase = ProjectPage.objects.get(
        pk=Project.objects.get(pk=request_obj.project_id).showcase_page_id
    )
    words = [SURNAME, NAME, PHONE]
    for slug, expected in (
        ("projet-de-zephyrine-quennehen-33-6-12-34-56-78", "projet-de"),
        ("appeler-06-12-34-56-78-ou-0612345678-avant-2026", "appeler-ou-avant-2026"),
        ("reseau-06-12-34-56", "reseau-06-12-34-56"),  # not her number: kept
    ):
        showcase.slug = slug
        assert slug_without(showcase, words) == expected


def test_an_evaluators_erasure_keeps_his_scores_without_him_and_deletes_his_notes(
    story, commission, make_user, django_capture_on_commit_callbacks
):
    request_obj, _page, _other = story
    gaspard, second = commission
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    evaluation = request_obj.project.evaluations.get()
    with django_capture_on_commit_callbacks(execute=True):
        erasure.delete_account(gaspard, by=admin)
    assert not get_user_model().objects.filter(pk=gaspard.pk).exists()
    his = evaluation.reviews.get(evaluator=None)
    assert his.notes == "" and his.is_done
    justifications = {score.justification for score in his.scores.all()}
    assert justifications == {f"Bon ancrage, vu avec Mme {SURNAME} ; […]"}
    # The other evaluator's review is untouched; the progress still counts his.
    other = evaluation.reviews.get(evaluator=second)
    assert other.notes == f"Rappeler {NAME} au {PHONE}. "
    assert evaluation.progress() == (2, 2)
    trace = request_obj.project.events.get(action=ProjectAction.ANONYMISED)
    assert trace.details == {"reason": "administrator"}
    assert ProjectLogEntry.objects.get(action="projects.anonymised").user_id == admin.pk
    assert not Notification.objects.filter(email=EVALUATOR_EMAIL).exists()


@pytest.mark.parametrize("how", ["admin delete page", "User.delete()"])
def test_deleting_an_evaluator_any_other_way_deletes_his_notes(
    client, story, commission, make_user, how
):
    request_obj, _page, _other = story
    gaspard, second = commission
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    if how == "admin delete page":
        client.force_login(admin)
        response = client.post(reverse("wagtailusers_users:delete", args=[gaspard.pk]))
        assert response.status_code == 302
    else:
        get_user_model().objects.get(pk=gaspard.pk).delete()
    assert not get_user_model().objects.filter(pk=gaspard.pk).exists()
    reviews = request_obj.project.evaluations.get().reviews
    # A staff account's deletion is the administrator's; only the notes nobody else may
    # read go with him. His scores stay, the Commission's record.
    assert reviews.get(evaluator=None).notes == ""
    assert reviews.get(evaluator=None).scores.count() == 4
    assert reviews.get(evaluator=second).notes == f"Rappeler {NAME} au {PHONE}. "
