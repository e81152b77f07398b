"""Every existing request joins a project: one per holder and project description.

(`project_title` is a frozen copy of `projects.titles.title_from_description`: a
migration does not import the code it may outlive.)

Requests were filed with their project as text (description, stage, partners, funding
sought); each holder's requests that describe the same project (the same text, spaces
and case aside) become one project, owned by the holder. Nothing is removed from the
requests: the project is built from them, the latest request's values winning.
"""

import re

from django.db import migrations

TITLE_LENGTH = 90


def _key(text):
    return re.sub(r"\s+", " ", text or "").strip().casefold()


def project_title(description, fallback):
    """The description's first sentence, cut at a word under TITLE_LENGTH characters."""
    text = re.sub(r"\s+", " ", description or "").strip()
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(".!?") or fallback
    if len(first) <= TITLE_LENGTH:
        return first
    cut = first[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def requests_to_projects(apps, schema_editor):
    HowToRequest = apps.get_model("desk", "HowToRequest")
    Project = apps.get_model("projects", "Project")
    Membership = apps.get_model("projects", "Membership")
    groups = {}
    for how_to_request in HowToRequest.objects.filter(project__isnull=True).order_by(
        "created_at", "pk"
    ):
        if how_to_request.holder_id is None:
            # An erased holder's requests are nobody's: never grouped with another's.
            key = (None, how_to_request.pk)
        else:
            key = (how_to_request.holder_id, _key(how_to_request.project_description))
        groups.setdefault(key, []).append(how_to_request)
    for (holder_id, _group), requests in groups.items():
        first, latest = requests[0], requests[-1]
        project = Project.objects.create(
            title=project_title(latest.project_description, latest.title),
            summary=latest.project_description,
            territory_id=latest.territory_id,
            stage=latest.stage,
            partners=next((r.partners for r in reversed(requests) if r.partners), ""),
            funding_details=next(
                (r.funding_sought for r in reversed(requests) if r.funding_sought), ""
            ),
            created_by_id=holder_id,
            created_at=first.created_at,
        )
        project.priorities.set(
            {priority for r in requests for priority in r.priorities.values_list("pk", flat=True)}
        )
        if holder_id is not None:
            Membership.objects.create(
                project=project, user_id=holder_id, role="owner", joined_at=first.created_at
            )
        HowToRequest.objects.filter(pk__in=[r.pk for r in requests]).update(project=project)


class Migration(migrations.Migration):
    dependencies = [("desk", "0007_requests_belong_to_projects")]

    operations = [migrations.RunPython(requests_to_projects, migrations.RunPython.noop)]
