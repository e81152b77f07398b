"""Publication through review: editors draft and submit, Commission 15 approves."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from knowledge.models import (
    GuidePage,
    GuideSectionPage,
    RoadmapIndexPage,
    RoadmapUpdatePage,
)
from tests.factories import PASSWORD, ExpertBodyFactory, add_page
from workflows import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap(home):
    page = add_page(home, RoadmapIndexPage, title="Feuille de route", slug="feuille")
    return page


def _login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def _roadmap_update_data(action, **extra):
    data = nested_form_data(
        {
            "title": "Mise à jour de la feuille de route",
            "slug": "mise-a-jour",
            "date": "2014-01-15",
            "decided_by": "Assemblée plénière",
            "introduction": "Une mise à jour datée.",
            "body": streamfield([]),
            "tags": "",
            "comments": inline_formset([]),
            **extra,
        }
    )
    data[action] = "1"
    return data


def _add_url(parent, model):
    return reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.pk),
    )


def _create_as(client, user, parent, action):
    _login(client, user)
    response = client.post(_add_url(parent, RoadmapUpdatePage), _roadmap_update_data(action))
    assert response.status_code == 302, response.content[:2000]
    return RoadmapUpdatePage.objects.get(slug="mise-a-jour")


def test_roadmap_and_master_plan_need_commission_approval(staff_roles, roadmap):
    assert roadmap.get_workflow().name == roles.COMMISSION_WORKFLOW
    update = add_page(roadmap, RoadmapUpdatePage, date="2014-01-15", publish=False)
    assert update.get_workflow().name == roles.COMMISSION_WORKFLOW


def test_editor_cannot_publish_a_roadmap_update_alone(client, editor, roadmap):
    page = _create_as(client, editor, roadmap, "action-publish")

    assert not page.live
    assert not page.permissions_for_user(editor).can_publish()
    assert client.get(page.url).status_code == 404


def test_editor_cannot_approve_their_own_submission(client, editor, roadmap):
    page = _create_as(client, editor, roadmap, "action-submit")
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, "approve", state.current_task_state.pk),
    )
    response = client.post(url, {"comment": ""})

    # Wagtail answers a refused action by redirecting to the dashboard.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    page.refresh_from_db()
    assert not page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_approved_roadmap_update_goes_live(client, editor, reviewer, roadmap):
    page = _create_as(client, editor, roadmap, "action-submit")
    task_state = page.current_workflow_state.current_task_state
    assert task_state.task.name == roles.COMMISSION_TASK

    _login(client, reviewer)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", task_state.pk),
        ),
        {"comment": "Validé en séance."},
    )
    assert response.status_code in (200, 302)

    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    history = list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    assert ("wagtail.workflow.start", editor.username) in history
    assert ("wagtail.workflow.approve", reviewer.username) in history
    assert ("wagtail.publish", reviewer.username) in history
    task_state.refresh_from_db()
    assert task_state.comment == "Validé en séance."


def test_reviewer_can_request_changes_with_a_comment(client, editor, reviewer, roadmap):
    page = _create_as(client, editor, roadmap, "action-submit")
    task_state = page.current_workflow_state.current_task_state

    _login(client, reviewer)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "reject", task_state.pk),
        ),
        {"comment": "Préciser le calendrier."},
    )

    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state.refresh_from_db()
    assert task_state.comment == "Préciser le calendrier."
    assert PageLogEntry.objects.filter(
        page=page, action="wagtail.workflow.reject", user=reviewer
    ).exists()


def test_expert_body_edits_guides_in_its_own_section_only(client, staff_roles, home, make_user):
    from knowledge.models import GuideIndexPage

    guides = add_page(home, GuideIndexPage, slug="guides")
    ours, theirs = ExpertBodyFactory(), ExpertBodyFactory()
    our_section = add_page(guides, GuideSectionPage, expert_body=ours)
    their_section = add_page(guides, GuideSectionPage, expert_body=theirs)
    their_guide = add_page(their_section, GuidePage)
    ours.refresh_from_db()
    expert = make_user(ours.group.name, username="expert")

    assert our_section.permissions_for_user(expert).can_add_subpage()
    assert not their_section.permissions_for_user(expert).can_add_subpage()
    assert not their_guide.permissions_for_user(expert).can_edit()
    assert not guides.permissions_for_user(expert).can_add_subpage()
    assert not our_section.permissions_for_user(expert).can_publish_subpage()
    # Their guides go through the editorial review like everyone else's.
    guide = add_page(our_section, GuidePage, publish=False)
    assert guide.permissions_for_user(expert).can_edit()
    assert guide.get_workflow().name == roles.EDITORIAL_WORKFLOW

    _login(client, expert)
    assert client.get(_add_url(our_section, GuidePage)).status_code == 200
    assert client.get(_add_url(their_section, GuidePage)).status_code in (302, 403)
