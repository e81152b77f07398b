"""Answers carry links and files (issue #14): the expert attaches files to the answer in
the admin, with the holder's own checks; the holder reads them with the answer, and not
before a coordinator approves an answer under review; web addresses become links."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from desk import steps
from desk.models import Attachment
from desk.models.events import Action
from tests.desk.files import pdf_file
from tests.desk.test_step_feedback import english, login, step_url  # noqa: F401

pytestmark = pytest.mark.django_db

FILE_CANARY = "plan-de-financement-canari.pdf"


@pytest.fixture
def in_progress(filed, coordinator, expert, body):
    steps.route(filed, coordinator, [body])
    steps.claim(filed, expert)
    return filed


def _answer(client, how_to_request, expert, **data):
    login(client, expert)
    payload = {"answer-comment": "Voir https://example.org/guide-des-aides pour le détail."}
    payload.update(data)
    return client.post(step_url(how_to_request, "answer"), payload)


def test_an_answer_with_a_file_and_a_link_reaches_the_holder(
    client, in_progress, expert, holder, other_holder, settings
):
    settings.DESK_REVIEW_ANSWERS = False
    response = _answer(client, in_progress, expert, **{"answer-attachments": pdf_file(FILE_CANARY)})
    assert response.status_code == 302
    (file,) = Attachment.objects.filter(request=in_progress)
    assert file.event.action == Action.ANSWER and file.original_name == FILE_CANARY
    client.force_login(holder)
    page = client.get(in_progress.get_absolute_url()).content.decode()
    assert FILE_CANARY in page
    assert 'href="https://example.org/guide-des-aides"' in page
    assert client.get(file.get_absolute_url()).status_code == 200
    client.force_login(other_holder)  # another person's file: 404
    assert client.get(file.get_absolute_url()).status_code == 404


def test_an_answer_under_review_keeps_its_files_until_approved(
    client, in_progress, expert, holder, coordinator, settings
):
    settings.DESK_REVIEW_ANSWERS = True
    _answer(client, in_progress, expert, **{"answer-attachments": pdf_file(FILE_CANARY)})
    (file,) = Attachment.objects.filter(request=in_progress)
    client.force_login(holder)
    assert FILE_CANARY not in client.get(in_progress.get_absolute_url()).content.decode()
    assert client.get(file.get_absolute_url()).status_code == 404
    login(client, coordinator)
    assert client.get(file.get_absolute_url()).status_code == 200  # staff read it
    in_progress.refresh_from_db()
    steps.approve_answer(in_progress, coordinator)
    file.refresh_from_db()
    assert file.event.action == Action.APPROVE_ANSWER and not file.event.internal
    client.force_login(holder)
    assert FILE_CANARY in client.get(in_progress.get_absolute_url()).content.decode()
    assert client.get(file.get_absolute_url()).status_code == 200


def test_a_file_the_holder_could_not_send_is_refused_and_the_answer_kept(
    client, in_progress, expert
):
    program = SimpleUploadedFile("outil.exe", b"MZ\x90\x00binaire", "application/octet-stream")
    response = _answer(client, in_progress, expert, **{"answer-attachments": program})
    assert response.status_code == 400
    assert "guide-des-aides" in response.content.decode()  # what was typed is kept
    in_progress.refresh_from_db()
    assert not in_progress.answer and not Attachment.objects.filter(request=in_progress).exists()


def test_the_answer_form_is_sent_as_multipart(client, in_progress, expert):
    login(client, expert)
    html = client.get(reverse("desk_admin:inspect", args=[in_progress.pk])).content.decode()
    assert f'action="{step_url(in_progress, "answer")}" enctype="multipart/form-data"' in html
