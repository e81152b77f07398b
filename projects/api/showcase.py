"""The public showcase in the API: the projects whose owners consented, as their live
public pages (`knowledge.ProjectPage`) show them. No authentication.

It reads the pages, never the projects: a page holds only what may be public (summary,
territory, priorities, pillars, stage, status, the decision and its public
justification), so no score, evaluator's note or person can reach this side.
"""

from datetime import date
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from knowledge.models import ProjectPage
from web.api import BoundedPageNumberPagination, answers

from ..models import ProjectStage
from .common import LazyRows

router = Router(tags=["showcase"])


class ShowcaseFilter(Schema):
    priority: str | None = Field(None, description="A priority slug.", max_length=120)
    territory: str | None = Field(None, description="A territory slug.", max_length=120)
    pillar: str | None = Field(None, description="A master-plan pillar's slug.", max_length=255)
    stage: Literal[tuple(ProjectStage.values)] | None = None


class ShowcasedProjectOut(Schema):
    id: int = Field(description="The public page's id.")
    slug: str
    title: str
    summary: str
    territory: str | None
    territory_name: str | None
    priorities: list[str]
    pillars: list[str]
    stage: str
    stage_label: str
    status: str = Field(description="Where the project stands with Commission 15.")
    decision: str
    decision_label: str
    decision_justification: str
    decided_on: date | None
    url: str


class ShowcasedProjectDetailOut(ShowcasedProjectOut):
    expected_effects: str


def _pages():
    return (
        ProjectPage.objects.live()
        .public()
        .select_related("territory")
        .prefetch_related("priorities", "pillars")
        .order_by("-first_published_at", "-pk")
    )


def _out(page, request):
    return {
        "id": page.pk,
        "slug": page.slug,
        "title": page.title,
        "summary": page.introduction,
        "territory": page.territory.slug if page.territory else None,
        "territory_name": page.territory.name if page.territory else None,
        "priorities": [priority.slug for priority in page.priorities.all()],
        "pillars": [pillar.slug for pillar in page.pillars.all()],
        "stage": page.stage,
        "stage_label": page.stage_label,
        "status": page.status_label,
        "decision": page.decision,
        "decision_label": page.decision_label,
        "decision_justification": page.decision_justification,
        "decided_on": page.decided_on,
        "url": page.get_url(request=request) or "",
    }


@router.get("/showcase", response=answers(200, list[ShowcasedProjectOut], 422), auth=None)
@paginate(BoundedPageNumberPagination, page_size=20)
def showcase(request, filters: Query[ShowcaseFilter]):
    """The projects made public by their owners, newest first. Filters: priority,
    territory, pillar (slugs), stage."""
    pages = _pages()
    if filters.priority:
        pages = pages.filter(priorities__slug=filters.priority)
    if filters.territory:
        pages = pages.filter(territory__slug=filters.territory)
    if filters.pillar:
        pages = pages.filter(pillars__slug=filters.pillar)
    if filters.stage:
        pages = pages.filter(stage=filters.stage)
    return LazyRows(pages.distinct(), lambda page: _out(page, request))


@router.get("/showcase/{key}", response=answers(200, ShowcasedProjectDetailOut, 404), auth=None)
def showcased_project(request, key: str):
    """One showcased project, by its page's id (digits) or slug."""
    pages = _pages()
    by_id = key.isascii() and key.isdigit() and len(key) < 10
    page = (pages.filter(pk=int(key)) if by_id else pages.filter(slug=key)).first()
    if page is None:
        raise Http404
    return {**_out(page, request), "expected_effects": page.expected_effects}
