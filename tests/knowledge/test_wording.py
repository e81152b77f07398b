"""French wording of the public pages (issue #14): "Décidée par : Conseil régional" and
"Site web : ADEME", the institution named after a colon, where French needs no article or
elision (the msgids "Decided by: %(body)s" and "Website: %(name)s")."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from knowledge.models import RoadmapIndexPage, RoadmapUpdatePage
from knowledge.wagtail_hooks import ExpertBodyFilterSet, RoadmapActionFilterSet
from tests.factories import ExpertBodyFactory, add_page

pytestmark = pytest.mark.django_db


def test_a_roadmap_update_says_who_decided_after_a_colon(client, home):
    roadmap = add_page(home, RoadmapIndexPage, title="Feuille de route", slug="feuille")
    update = add_page(roadmap, RoadmapUpdatePage, date="2014-01-15", decided_by="Conseil régional")

    html = client.get(update.url).content.decode()

    assert "Décidée par : Conseil régional" in html
    assert "Décidée par Conseil régional" not in html


def test_an_expert_body_s_website_link_names_it_after_a_colon():
    body = ExpertBodyFactory(name="ADEME", acronym="ADEME", website="https://ademe.example.org")

    with translation.override("fr"):
        html = render_to_string("includes/body_list.html", {"bodies": [body]})

    assert "Site web : ADEME" in html
    assert "Site web de ADEME" not in html


@pytest.mark.parametrize("filterset", [ExpertBodyFilterSet, RoadmapActionFilterSet])
def test_reference_data_filters_name_their_empty_choice(filterset):
    html = str(filterset(data={}).form)

    assert "---------" not in html
    assert "<select" in html


def test_the_roadmap_actions_list_filters_without_dashes(client, make_user, staff_roles):
    client.force_login(make_user(username="admin", is_superuser=True, is_staff=True))

    html = client.get(reverse("wagtailsnippets_knowledge_roadmapaction:list")).content.decode()

    assert "---------" not in html
