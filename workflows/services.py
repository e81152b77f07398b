"""Idempotent set-up of the roles, permissions and publication workflows.

Every function only adds what is missing: it never removes a permission or
re-links a workflow that an administrator changed in the admin.
"""

import logging

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from knowledge.models import (
    ExpertBody,
    GuideSectionPage,
    HomePage,
    MasterPlanPage,
    QuestionIndexPage,
    RoadmapIndexPage,
)

from . import roles

logger = logging.getLogger(__name__)


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_model_permissions(group, dotted_names):
    group.permissions.add(*(_permission(name) for name in dotted_names))


def _grant_collection_permissions(group, app_label, model, actions):
    root = Collection.get_first_root_node()
    content_type = ContentType.objects.get(app_label=app_label, model=model)
    for action in actions:
        permission = Permission.objects.get(content_type=content_type, codename=f"{action}_{model}")
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def grant_page_permissions(group, page, permission_types):
    page_type = ContentType.objects.get_for_model(Page)
    for permission_type in permission_types:
        permission = Permission.objects.get(
            content_type=page_type, codename=f"{permission_type}_page"
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _apply_role(group, role):
    _grant_model_permissions(group, role.permissions)
    _grant_collection_permissions(group, "wagtailimages", "image", role.image_permissions)
    _grant_collection_permissions(group, "wagtaildocs", "document", role.document_permissions)


def ensure_body_group(body):
    """Give an expert body its experts' group (created once, then kept)."""
    if body.group_id is None:
        group, _ = Group.objects.get_or_create(name=roles.expert_group_name(body))
        # update() rather than save(): this runs from the body's post_save.
        ExpertBody.objects.filter(pk=body.pk).update(group=group)
        body.group = group
    _apply_role(body.group, roles.EXPERT_ROLE)
    section = GuideSectionPage.objects.filter(expert_body=body).first()
    if section is not None:
        grant_page_permissions(body.group, section, roles.EXPERT_SECTION_PAGE_PERMISSIONS)
    return body.group


def open_questions_to_coordinators(index):
    """Let the coordinators edit the Q&A drafts of a questions section."""
    group = Group.objects.filter(name=roles.COORDINATORS).first()
    if group is not None:
        grant_page_permissions(group, index, roles.COORDINATOR_QA_PAGE_PERMISSIONS)


def _ensure_workflow(workflow_name, task_name, group):
    workflow, _ = Workflow.objects.get_or_create(name=workflow_name)
    task = GroupApprovalTask.objects.filter(name=task_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
    task.groups.add(group)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
        )
    return workflow


def _link_workflow(workflow, pages):
    for page in pages:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


def link_commission_workflow(page):
    """Make a master plan or roadmap page (and its subtree) need Commission 15 approval."""
    workflow = Workflow.objects.filter(name=roles.COMMISSION_WORKFLOW).first()
    if workflow is not None:
        _link_workflow(workflow, [page])


def _retire_wagtail_starter_roles():
    starter = Workflow.objects.filter(name=roles.WAGTAIL_STARTER_WORKFLOW, active=True).first()
    if starter is not None:
        starter.deactivate()
    Group.objects.filter(name__in=roles.WAGTAIL_STARTER_GROUPS, user__isnull=True).delete()


@transaction.atomic
def ensure_roles():
    """Create or complete the groups, permissions and workflows. Safe to run again."""
    _retire_wagtail_starter_roles()
    homes = list(HomePage.objects.all())
    groups = {}
    for role in roles.ROLES:
        group, _ = Group.objects.get_or_create(name=role.group_name)
        _apply_role(group, role)
        for home in homes:
            grant_page_permissions(group, home, role.site_page_permissions)
        groups[role.group_name] = group

    editorial = _ensure_workflow(
        roles.EDITORIAL_WORKFLOW, roles.EDITORIAL_TASK, groups[roles.EDITORS]
    )
    commission = _ensure_workflow(
        roles.COMMISSION_WORKFLOW, roles.COMMISSION_TASK, groups[roles.REVIEWERS]
    )
    _link_workflow(editorial, homes)
    _link_workflow(
        commission,
        [*MasterPlanPage.objects.all(), *RoadmapIndexPage.objects.all()],
    )

    for index in QuestionIndexPage.objects.all():
        open_questions_to_coordinators(index)
    for body in ExpertBody.objects.select_related("group"):
        ensure_body_group(body)
    return groups
