"""The demo's backlog is not empty, and a second demo run leaves it as it was."""

import pytest
from django.core.management import call_command

from gaps.models import GapItem, Kind, State

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_queue_once(demo):
    items = list(GapItem.objects.order_by("pk").values_list("pk", "kind", "key", "state"))
    kinds = {kind for _, kind, _, _ in items}
    assert {Kind.SEARCH, Kind.REQUESTS} <= kinds
    group = GapItem.objects.get(kind=Kind.REQUESTS, state=State.OPEN)
    assert {"réemploi", "matériaux", "déconstruction"} <= set(group.evidence["words"])
    assert group.body.slug == "cd2e"
    call_command("load_demo", verbosity=0)
    assert list(GapItem.objects.order_by("pk").values_list("pk", "kind", "key", "state")) == items
