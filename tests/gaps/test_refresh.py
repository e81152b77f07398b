"""The three sources make items with their evidence and nothing of a person; a refresh
run twice changes nothing; dismissed stays dismissed; closed reopens on new evidence."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from desk import steps
from feedback.models import PageVote
from gaps import actions
from gaps.models import GapItem, Kind, State
from gaps.refresh import refresh
from knowledge.models import GuidePage
from search.models import ZeroResultQuery
from tests.factories import add_page, searched_without_results
from tests.gaps.conftest import HOLDER_CANARY, PROJECT_CANARY

pytestmark = pytest.mark.django_db

CHARGING = "Comment financer des bornes de recharge pour véhicules électriques en milieu rural ?"


def snapshot():
    return sorted(
        GapItem.objects.values_list("pk", "kind", "key", "title", "weight", "state", "evidence"),
        key=lambda row: row[0],
    )


def searched(query, count=1, days_ago=0):
    return searched_without_results(
        query, count, last_seen=timezone.now() - datetime.timedelta(days=days_ago)
    )


def vote(page, helpful, comment="", day=None):
    return PageVote.objects.create(
        page=page, helpful=helpful, comment=comment, created_on=day or timezone.localdate()
    )


def test_searches_without_results_make_one_item_per_set_of_terms():
    searched("bornes de recharge", count=4)
    searched("borne recharge", count=3)  # the same terms: the same gap
    searched("hydrogène vert", count=2)  # not yet shown (search.query_privacy)
    refresh()
    item = GapItem.objects.get()
    assert item.kind == Kind.SEARCH and item.state == State.OPEN
    assert item.title == "bornes de recharge"  # the most searched spelling
    assert item.evidence["searches"] == 7
    assert {q["query"]: q["count"] for q in item.evidence["queries"]} == {
        "bornes de recharge": 4,
        "borne recharge": 3,
    }
    assert item.weight == 7


def test_a_search_a_live_guide_already_answers_is_no_gap(guides, committed):
    _, section = guides
    with committed():
        add_page(section, GuidePage, title="Installer des bornes de recharge")
    searched("bornes de recharge", count=4)
    refresh()
    assert not GapItem.objects.exists()


def test_a_page_rated_unhelpful_makes_an_item_with_its_votes_and_comments_count(guides, body):
    _, section = guides
    page = add_page(section, GuidePage, title="Le guide obscur")
    other = add_page(section, GuidePage, title="Le guide clair")
    for comment in ("Trop vague", "", f"Signé {HOLDER_CANARY}"):
        vote(page, helpful=False, comment=comment)
    vote(page, helpful=True)
    for _ in range(3):
        vote(other, helpful=True)
    vote(other, helpful=False)
    refresh()
    item = GapItem.objects.get()
    assert (item.kind, item.page_id, item.title) == (Kind.UNHELPFUL, page.pk, "Le guide obscur")
    assert item.evidence["no"] == 3 and item.evidence["yes"] == 1
    assert item.evidence["comments"] == 2
    assert item.body_id == body.pk  # the section's body
    assert HOLDER_CANARY not in json.dumps(item.evidence)  # comments are counted, not copied


def test_requests_sharing_terms_make_a_group_with_references_only(
    file_requests, body, other_body, holder
):
    group = file_requests(3, f"Bonjour, je suis {HOLDER_CANARY}. {CHARGING}")
    file_requests(2, "Comment isoler une école communale ?", routed_to=other_body)
    file_requests(1, "Quel tarif pour la chaleur renouvelable d'un réseau ?")
    refresh()
    item = GapItem.objects.get()
    assert item.kind == Kind.REQUESTS
    assert item.evidence["requests"] == 3
    assert item.evidence["references"] == [r.reference for r in group]
    assert {"bornes", "recharge", "rural"} <= set(item.evidence["words"])
    assert item.body_id == body.pk
    everything = json.dumps(item.evidence, ensure_ascii=False) + item.title + item.key
    for canary in (HOLDER_CANARY, "canari", PROJECT_CANARY, holder.email, "Zéphyrine"):
        assert canary.lower() not in everything.lower()


def test_the_words_of_one_project_make_no_group(file_requests):
    file_requests(
        3,
        "Le projet Écoquartier Tilleuls-Ouest : quel calendrier ?",
        title=f"Écoquartier Tilleuls-Ouest {PROJECT_CANARY}",
        same_project=True,
    )
    refresh()  # one project's name, one holder's words: nothing to publish
    assert not GapItem.objects.exists()


def test_terms_common_to_most_requests_make_no_group(file_requests, settings):
    settings.GAPS_MIN_REQUESTS = 2
    settings.GAPS_COMMON_TERM_SHARE = 0.3
    for subject in ("chaudière", "toiture", "vélo", "haie", "pompe", "serre", "parking"):
        file_requests(1, f"Quelles subventions régionales pour ma {subject} ?")
    refresh()  # "subventions régionales" is in every request: it tells no subject
    assert not GapItem.objects.filter(kind=Kind.REQUESTS).exists()


def test_requests_a_live_guide_covers_are_no_gap(guides, file_requests, committed):
    _, section = guides
    with committed():
        add_page(section, GuidePage, title="Bornes de recharge en zone rurale")
    file_requests(3, CHARGING)
    refresh()
    assert not GapItem.objects.filter(kind=Kind.REQUESTS).exists()


def test_refresh_twice_changes_nothing(guides, file_requests):
    _, section = guides
    page = add_page(section, GuidePage, title="Le guide obscur")
    for _ in range(3):
        vote(page, helpful=False)
    searched("hydrogène vert", count=3)
    file_requests(3, CHARGING)
    first = refresh()
    assert first["created"] == 3
    before = snapshot()
    second = refresh()
    assert second == {"created": 0, "updated": 0, "closed": 0, "reopened": 0}
    assert snapshot() == before


def test_more_evidence_updates_the_item_instead_of_adding_one(file_requests):
    searched("hydrogène vert", count=3)
    file_requests(3, CHARGING)
    refresh()
    ZeroResultQuery.objects.filter(query="hydrogène vert").update(count=7)
    file_requests(1, CHARGING)
    refresh()
    assert GapItem.objects.count() == 2
    assert GapItem.objects.get(kind=Kind.SEARCH).evidence["searches"] == 7
    assert GapItem.objects.get(kind=Kind.REQUESTS).evidence["requests"] == 4


def test_a_group_whose_terms_moved_stays_the_same_item(file_requests):
    file_requests(3, CHARGING)
    refresh()
    item = GapItem.objects.get()
    # More requests on charging points, put differently: the shared terms shrink.
    file_requests(2, "Des bornes de recharge pour la commune ?")
    refresh()
    assert GapItem.objects.filter(kind=Kind.REQUESTS).count() == 1
    item.refresh_from_db()
    assert item.evidence["requests"] == 5


def test_a_dismissed_item_stays_dismissed(coordinator, file_requests):
    searched("hydrogène vert", count=3)
    refresh()
    item = GapItem.objects.get()
    actions.dismiss(item, coordinator, "Hors du champ du programme")
    ZeroResultQuery.objects.filter(query="hydrogène vert").update(
        count=20, last_seen=timezone.now() + datetime.timedelta(days=2)
    )
    refresh()
    item.refresh_from_db()
    assert item.state == State.DISMISSED
    assert item.evidence["searches"] == 20  # the evidence is still kept up to date
    assert item.dismissal_reason == "Hors du champ du programme"
    assert item.state_changed_by == coordinator


def test_a_closed_item_reopens_only_on_newer_evidence(guides):
    _, section = guides
    searched("hydrogène vert", count=3)
    refresh()
    item = GapItem.objects.get()
    page = add_page(section, GuidePage, title="Une autre page")
    actions.close(item, page.pk)
    refresh()  # the same evidence
    item.refresh_from_db()
    assert item.state == State.CLOSED and item.closed_by_id == page.pk
    ZeroResultQuery.objects.filter(query="hydrogène vert").update(
        count=4, last_seen=timezone.now() + datetime.timedelta(minutes=5)
    )
    refresh()  # searched again in vain after it closed
    item.refresh_from_db()
    assert item.state == State.OPEN and item.closed_by_id is None


def test_withdrawn_requests_leave_the_group(file_requests, holder):
    made = file_requests(3, CHARGING)
    steps.withdraw(made[0], holder, "")
    refresh()
    assert not GapItem.objects.exists()


def test_the_command_refreshes(capsys):
    searched("hydrogène vert", count=3)
    call_command("refresh_gap_queue")
    assert GapItem.objects.count() == 1
    assert "1 new" in capsys.readouterr().out
