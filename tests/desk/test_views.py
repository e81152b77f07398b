"""The journey through the pages people use, and what bad input gets."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page

from desk.models import HowToRequest
from desk.states import Status
from knowledge.models import QuestionAnswerPage, QuestionIndexPage
from tests.desk.files import PDF_BYTES, pdf_file
from tests.factories import add_page

pytestmark = pytest.mark.django_db


def form_data(priority, territory, **overrides):
    data = {
        "title": "Bornes de recharge en zone rurale",
        "question": "Comment financer dix bornes ?",
        "project_description": "Une communauté de communes veut équiper ses bourgs.",
        "priorities": [priority.pk],
        "territory": territory.pk,
        "stage": "design",
        "partners": "Syndicat d'énergie",
        "funding_sought": "40 000 €",
        "consent_to_publish": "on",
    }
    data.update(overrides)
    return data


def act(client, request_obj, step_name, **fields):
    response = client.post(
        reverse("desk_admin:step", args=[request_obj.pk, step_name]),
        {f"{step_name}-{name}": value for name, value in fields.items()},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    request_obj.refresh_from_db()
    return response


def test_whole_journey_through_the_pages(
    client,
    home,
    holder,
    coordinator,
    expert,
    body,
    rule,
    priority,
    territory,
    staff_roles,
    make_user,
):
    questions = add_page(home, QuestionIndexPage, title="Questions-réponses", slug="qr")
    # 1. The holder files a request with an attachment.
    client.force_login(holder)
    response = client.post(
        reverse("desk:create"),
        {**form_data(priority, territory), "attachments": [pdf_file("plan.pdf")]},
    )
    request_obj = HowToRequest.objects.get()
    assert response.status_code == 302 and response.url == request_obj.get_absolute_url()
    assert request_obj.attachments.get().original_name == "plan.pdf"
    assert client.get(reverse("desk:my_requests")).content.decode().count(request_obj.title) == 1

    # 2. The coordinator routes it to the body the rules propose.
    client.force_login(coordinator)
    page = client.get(reverse("desk_admin:inspect", args=[request_obj.pk])).content.decode()
    assert f"{body}</dd>" in page  # proposed by the routing rule
    act(client, request_obj, "route", bodies=[body.pk], comment="Pour vous")
    assert request_obj.status == Status.ROUTED

    # 3. The expert claims it and asks the holder a question.
    client.force_login(expert)
    assert (
        request_obj.title
        in client.get(reverse("desk_admin:index") + "?queue=unassigned").content.decode()
    )
    act(client, request_obj, "claim")
    act(client, request_obj, "ask_holder", comment="Combien de bornes ?")
    assert request_obj.status == Status.AWAITING_HOLDER

    # 4. The holder replies with a file.
    client.force_login(holder)
    detail = client.get(request_obj.get_absolute_url()).content.decode()
    assert "Combien de bornes ?" in detail
    response = client.post(
        reverse("desk:reply", args=[request_obj.public_id]),
        {"reply-message": "Dix bornes.", "reply-attachments": [pdf_file("devis.pdf")]},
    )
    assert response.status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.status == Status.IN_PROGRESS
    assert request_obj.attachments.count() == 2

    # 5. The expert notes and answers; the holder accepts.
    client.force_login(expert)
    act(client, request_obj, "note", comment="Cas proche du programme ADVENIR")
    act(client, request_obj, "answer", comment="Le programme ADVENIR finance ces bornes.")
    assert request_obj.status == Status.ANSWERED
    client.force_login(holder)
    detail = client.get(request_obj.get_absolute_url()).content.decode()
    assert "ADVENIR finance" in detail and "Cas proche" not in detail
    client.post(reverse("desk:accept", args=[request_obj.public_id]), {"accept-comment": "Merci"})
    request_obj.refresh_from_db()
    assert request_obj.status == Status.ACCEPTED

    # 6. The coordinator drafts the Q&A page; the editorial review publishes it.
    client.force_login(coordinator)
    act(
        client,
        request_obj,
        "publish",
        title="Financer des bornes de recharge rurales",
        question="Comment financer dix bornes ?",
        answer="Le programme ADVENIR finance ces bornes.",
    )
    qa = QuestionAnswerPage.objects.child_of(questions).get()
    assert request_obj.qa_page_id == qa.pk and not qa.live
    state = qa.current_workflow_state
    assert state is not None
    editor = make_user("Éditeurs", username="editor_qa")
    client.force_login(editor)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(qa.pk, "approve", state.current_task_state.pk),
        ),
        {"comment": ""},
    )
    qa.refresh_from_db()
    assert qa.live
    public = client.get(qa.url).content.decode()
    assert "ADVENIR" in public and holder.username not in public
    assert Page.objects.live().search("ADVENIR")  # the search index knows it


def test_missing_fields_keep_what_was_typed(client, holder, priority, territory):
    client.force_login(holder)
    data = form_data(priority, territory, title="", question="Ma question gardée")
    response = client.post(reverse("desk:create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ma question gardée" in html
    assert 'aria-invalid="true"' in html
    assert HowToRequest.objects.count() == 0


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binary"), "PDF, ODT, DOCX, PNG"),
        (SimpleUploadedFile("photo.png", PDF_BYTES), "PNG"),
        (SimpleUploadedFile("gros.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024)), "10"),
    ],
    ids=["disguised", "wrong-extension", "oversize"],
)
def test_bad_files_are_refused_and_the_rest_kept(
    client, holder, priority, territory, upload, message
):
    client.force_login(holder)
    data = {**form_data(priority, territory, question="Question gardée"), "attachments": [upload]}
    response = client.post(reverse("desk:create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and upload.name in html
    assert "Question gardée" in html
    assert HowToRequest.objects.count() == 0


def test_html_in_text_fields_is_shown_escaped(client, holder, coordinator, priority, territory):
    client.force_login(holder)
    client.post(
        reverse("desk:create"),
        form_data(priority, territory, title="<script>alert(1)</script>", question="<b>gras</b>"),
    )
    request_obj = HowToRequest.objects.get()
    for user, url in (
        (holder, request_obj.get_absolute_url()),
        (holder, reverse("desk:my_requests")),
        (coordinator, reverse("desk_admin:inspect", args=[request_obj.pk])),
        (coordinator, reverse("desk_admin:index")),
    ):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


def test_an_expired_or_forged_session_is_anonymous(client, holder, request_data):
    from desk import steps

    request_obj = steps.file_request(holder, request_data())
    client.cookies["sessionid"] = "expired-or-forged-session-key"
    response = client.get(request_obj.get_absolute_url())
    assert response.status_code == 302 and "/compte/login/" in response.url


def test_my_requests_stays_a_table_when_stacked(client, holder, filed):
    """On a narrow screen the table is stacked (display: block drops its semantics): the
    roles keep it a table, each cell under its column header, for screen readers."""
    client.force_login(holder)
    html = client.get(reverse("desk:my_requests")).content.decode()
    assert '<table class="data-table data-table--stack" role="table">' in html
    assert html.count('role="columnheader"') == 7
    assert html.count('role="rowheader"') == 1 and html.count('role="cell"') == 6
    assert html.count('role="row"') == 2 and html.count('role="rowgroup"') == 2
