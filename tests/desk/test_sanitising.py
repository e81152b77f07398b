"""What people type never becomes markup: holders' text is shown escaped everywhere,
including the Q&A page built from it, and editors' rich text drops script links."""

import json

import pytest
from django.urls import reverse

from desk import steps
from desk.publication import draft_defaults
from knowledge.models import QuestionAnswerPage, QuestionIndexPage
from tests.factories import add_page

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
JS_LINK = '<a href="javascript:alert(1)">voir</a>'
DATA_LINK = '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">pièce</a>'
IMG = "<img src=x onerror=alert(1)>"
PAYLOAD = f"Comment financer ? {SCRIPT} {JS_LINK} {DATA_LINK} {IMG}"


def assert_inert(html, where):
    for raw in (SCRIPT, JS_LINK, DATA_LINK, IMG, 'href="javascript:', 'href="data:'):
        assert raw not in html, (where, raw)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, where


@pytest.fixture
def hostile(holder, request_data, coordinator):
    """A request whose every text field, and the holder's reply, carries markup."""
    request_obj = steps.file_request(
        holder,
        request_data(
            question=PAYLOAD,
            project_description=PAYLOAD,
            partners=PAYLOAD,
            funding_sought=PAYLOAD,
        ),
    )
    steps.ask_clarification(request_obj, coordinator, "Quel budget ?")
    steps.reply(request_obj, holder, PAYLOAD)
    return request_obj


def test_holder_text_is_escaped_on_the_holder_page_and_in_the_admin(
    client, hostile, holder, coordinator
):
    client.force_login(holder)
    assert_inert(client.get(hostile.get_absolute_url()).content.decode(), "holder page")
    client.force_login(coordinator)
    html = client.get(reverse("desk_admin:inspect", args=[hostile.pk])).content.decode()
    assert_inert(html, "admin")


def test_holder_text_entering_a_qa_page_is_escaped(
    client, home, hostile, holder, coordinator, body, expert
):
    add_page(home, QuestionIndexPage, title="Questions")
    steps.route(hostile, coordinator, [body])
    steps.claim(hostile, expert)
    steps.write_answer(hostile, expert, f"Voici la réponse. {JS_LINK}", review=False)
    steps.accept_answer(hostile, holder)
    draft = draft_defaults(hostile)
    steps.publish_as_qa(hostile, coordinator, "Financer", draft["question"], draft["answer"])

    page = QuestionAnswerPage.objects.get()
    assert "<script>" not in page.question and "<a " not in page.answer
    page.get_latest_revision().publish()
    html = client.get(page.url).content.decode()
    assert_inert(html, "Q&A page")
    assert "&lt;a href=&quot;javascript:alert(1)&quot;&gt;" in html


def contentstate(url):
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "text": "voir la fiche",
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 4, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
        }
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "jav\tascript:alert(1)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
    ],
)
def test_editor_rich_text_drops_script_and_data_links(url):
    # The editor's Draftail input goes through this widget when a page is saved.
    widget = QuestionAnswerPage._meta.get_field("answer").formfield().widget
    stored = widget.value_from_datadict({"answer": contentstate(url)}, {}, "answer")
    assert "<a>voir</a> la fiche" in stored, stored  # the text stays, the link goes


def test_editor_rich_text_keeps_ordinary_links():
    widget = QuestionAnswerPage._meta.get_field("answer").formfield().widget
    stored = widget.value_from_datadict(
        {"answer": contentstate("https://www.ademe.fr/")}, {}, "answer"
    )
    assert 'href="https://www.ademe.fr/"' in stored
