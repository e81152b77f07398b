"""The public showcase: a project's `knowledge.ProjectPage`, written from the project.

Invariants, in the order `sync` keeps them:

- Only a project whose owner consented (`Project.showcase_consent`) has a live page.
  Consent withdrawn: the page is unpublished and kept as a draft, so that a new
  consent publishes it again at the same address.
- The page holds only `public_values(project)`: what the team wrote to be read
  (title, summary, organisations, territory, priorities, pillars, stage, roadmap
  actions, partners, expected effects), where the project stands with Commission 15
  and, once decided, the decision with its *public* justification. Never a score, a
  score's justification, an evaluator's notes, the consolidated opinion, evaluators or
  members: nothing here reads them.
- The programme publishes (revisions without a user), through Wagtail's own publish and
  unpublish, so the page cache, the search index and the sitemap follow. Both hang
  their work on the transaction's commit (`knowledge/receivers.py`,
  `search/receivers.py`): a failing cache or search engine cannot undo the page.
- Idempotent: a new revision only when something public changed; running `sync` twice
  changes nothing (the `sync_showcase` command relies on it).
- The slug is made once, from the title, when the page is created: the address stays
  stable when the title is edited later.

`sync` runs as a task after each step that changes what the page shows
(`projects.receivers.SHOWCASE_ACTIONS`), and for every project in `sync_showcase`.
"""

import enum
import logging

from django.db import transaction
from django.utils import timezone, translation

from knowledge.models import ProjectIndexPage, ProjectPage
from web.slugs import slug_from_title

from .models import Decision, Project, ProjectStage
from .states import latest_decision, team_state

logger = logging.getLogger(__name__)

# What a page's state is compared on: its columns, then its many-to-many relations.
SCALAR_FIELDS = (
    "title",
    "introduction",
    "organisations",
    "territory_id",
    "stage",
    "stage_label",
    "status_label",
    "decision",
    "decision_label",
    "decision_justification",
    "decided_on",
    "expected_effects",
    "partners",
)
RELATIONS = ("priorities", "pillars", "roadmap_actions")


class Synced(enum.StrEnum):
    """What `sync` did."""

    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    UNCHANGED = "unchanged"
    NO_INDEX = "no_index"
    MISSING = "missing"


def sync(project_id):
    """Bring the project's showcase page in line with the project and its consent."""
    with transaction.atomic():
        # The lock keeps two syncs of one project from creating two pages.
        project = Project.objects.select_for_update().filter(pk=project_id).first()
        if project is None:
            return Synced.MISSING
        page = _page_of(project)
        if not project.showcase_consent:
            return _take_down(page)
        if page is None:
            index = showcase_index()
            if index is None:
                logger.warning(
                    "No project showcase page: project %s is not shown on the showcase.",
                    project.pk,
                )
                return Synced.NO_INDEX
        else:
            index = page.get_parent()
        with translation.override(_language_of(index)):
            values = public_values(project)
        if _is_current(page, values):
            return Synced.UNCHANGED
        if page is None:
            page = _create(index, project, values)
        else:
            _write(page, project, values)
        page.save_revision(user=None).publish(user=None)
        if project.showcase_page_id != page.pk:
            Project.objects.filter(pk=project.pk).update(showcase_page=page)
        return Synced.PUBLISHED


def showcase_index():
    """The site's showcase (`ProjectIndexPage` exists once), live or not."""
    return ProjectIndexPage.objects.order_by("path").first()


def public_values(project):
    """Everything of the project the showcase shows (see the module's docstring)."""
    decided = latest_decision(project)
    values = {
        "title": project.title,
        "introduction": project.summary,
        "organisations": project.organisations,
        "territory_id": project.territory_id,
        "stage": project.stage,
        "stage_label": str(ProjectStage(project.stage).label) if project.stage else "",
        "status_label": str(team_state(project).label),
        "decision": "",
        "decision_label": "",
        "decision_justification": "",
        "decided_on": None,
        "expected_effects": project.expected_effects,
        "partners": project.partners,
        "priorities": _pks(project.priorities),
        "pillars": _pks(project.pillars),
        "roadmap_actions": _pks(project.roadmap_actions),
    }
    if decided is not None:
        values.update(
            decision=decided.decision,
            decision_label=str(Decision(decided.decision).label),
            decision_justification=decided.public_justification,
            decided_on=timezone.localdate(decided.decided_at) if decided.decided_at else None,
        )
    return values


def _is_current(page, values):
    """The page is live with these values and no editor's draft over them."""
    return (
        page is not None
        and page.live
        and not page.has_unpublished_changes
        and current_values(page) == values
    )


def current_values(page):
    """What the page holds now, in the shape of `public_values`."""
    values = {name: getattr(page, name) for name in SCALAR_FIELDS}
    values.update({name: _pks(getattr(page, name)) for name in RELATIONS})
    return values


def _pks(relation):
    return frozenset(item.pk for item in relation.all())


def _page_of(project):
    if project.showcase_page_id is None:
        return None
    return ProjectPage.objects.filter(pk=project.showcase_page_id).first()


def _language_of(index):
    return index.locale.language_code


def set_consent(project, consent):
    """The owner's consent to the showcase, given or withdrawn. A withdrawal takes the
    page down at once, in the caller's transaction: it must not wait for a background
    task that could fail (publishing may wait: it only adds). Withdrawn by the owner
    (`steps.hide_from_showcase`), or with the last owner when they are erased."""
    project.showcase_consent = consent
    project.showcase_consent_at = timezone.now() if consent else None
    project.save(update_fields=["showcase_consent", "showcase_consent_at", "updated_at"])
    if not consent and project.showcase_page_id is not None:
        take_down_page(project.showcase_page_id)


def take_down_page(page_id):
    """A deleted project's page leaves the showcase (kept as a draft, for the record)."""
    return _take_down(ProjectPage.objects.filter(pk=page_id).first())


def _take_down(page):
    """Consent withdrawn: unpublished, kept as a draft for a later consent."""
    if page is None or not page.live:
        return Synced.UNCHANGED
    page.unpublish(user=None)
    return Synced.UNPUBLISHED


def _write(page, project, values):
    for name in SCALAR_FIELDS:
        setattr(page, name, values[name])
    for name in RELATIONS:
        getattr(page, name).set(getattr(project, name).all())


def _create(index, project, values):
    siblings = index.get_children().values_list("slug", flat=True)
    slug = slug_from_title(values["title"], siblings, fallback="projet")
    page = ProjectPage(slug=slug, live=False)
    _write(page, project, values)
    index.add_child(instance=page)
    return page
