"""Erasing a person from the programme's projects: the projects stay, without them.

Called by `erasure.scrub` (so by every deletion path of a holder). The projects they
belonged to, were invited to, acted on or evaluated stay for the programme, as their
requests do; what named or reached them goes:

- their memberships are deleted (the last owner leaving leaves the project ownerless,
  for a coordinator to appoint an owner, and takes the showcase's consent with them);
  invitations sent to any of their addresses are deleted, those they sent keep no
  sender; they no longer created anything;
- their identifiers (`desk.redaction.identifiers_of`) are redacted from each project's
  texts and links' titles (a link whose address names them is removed), from its
  timeline's comments and details (a member or evaluator id pointing to them is
  cleared), from its evaluations' opinions, reviews' notes and scores' justifications,
  from its audit log, and from its showcase page in place (row, revisions, indexes), the
  page then re-synced from the project once committed;
- outbox notifications to any of their addresses are deleted (an invitee without
  account has no recipient row to cascade from);
- as an evaluator: their reviews and scores stay, the Commission's record, with the
  evaluator removed on deletion; their private notes are deleted (`forget_notes`, which
  also runs when a staff account is deleted another way: nobody else may read them);
- each project concerned gets an internal ANONYMISED event with no actor, recorded
  through `projects.timeline.record_project_event` like any step.
"""

import logging
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Q

from desk.models import HowToRequest, Notification
from desk.redaction import PROJECT_TEXT_FIELDS, redact
from projects import showcase
from projects.models import (
    Evaluation,
    Invitation,
    Membership,
    Project,
    ProjectEvent,
    ProjectLink,
    ProjectLogEntry,
    Review,
    Role,
    Score,
)
from projects.models.events import ProjectAction
from projects.timeline import record_project_event

from .scrubbing import erase_from_pages, redact_json, redact_rows

logger = logging.getLogger(__name__)

# Where a project event's details name a person by their account's id.
PERSON_KEYS = ("member", "evaluator", "user", "accepted_by", "invited_by")

# What the showcase page shows of a project's own text (`projects.showcase`).
PUBLIC_TEXT_FIELDS = ("title", "summary", "organisations", "partners", "expected_effects")


@dataclass
class ProjectErasure:
    projects: int = 0
    memberships: int = 0
    invitations: int = 0
    showcase_pages: list = field(default_factory=list)
    live_pages: int = 0  # of the showcase pages


def emails_of(user, confirmed_only=False):
    """The account's addresses, lower case. The export reads only those it confirmed
    (`confirmed_only`): anyone may add a stranger's address unconfirmed, and must not
    read what was sent to it. Erasure takes them all: what was sent to an address the
    person typed goes with them."""
    addresses = EmailAddress.objects.filter(user=user)
    if confirmed_only:
        addresses = addresses.filter(verified=True)
    emails = {user.email, *addresses.values_list("email", flat=True)}
    return {email.lower() for email in emails if email}


def _to_any_of(emails, field="email"):
    if not emails:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__iexact": email}) for email in emails))


def projects_concerning(user, emails):
    """The ids of the projects holding anything of `user`."""
    invitations = Invitation.objects.filter(
        _to_any_of(emails) | Q(invited_by=user) | Q(accepted_by=user)
    )
    found = set()
    for queryset, project_field in (
        (Membership.objects.filter(user=user), "project_id"),
        (Project.objects.filter(created_by=user), "pk"),
        (HowToRequest.objects.filter(holder=user), "project_id"),
        (ProjectEvent.objects.filter(actor=user), "project_id"),
        (invitations, "project_id"),
        (Review.objects.filter(evaluator=user), "evaluation__project_id"),
    ):
        found |= set(queryset.values_list(project_field, flat=True))
    return found - {None}


def forget_notes(user):
    """An evaluator's private notes go with them: nobody else may read them."""
    return Review.objects.filter(evaluator=user).exclude(notes="").update(notes="")


def _without_person(value, user_id):
    """Event details without the person's account id."""
    if isinstance(value, dict):
        return {
            key: None if key in PERSON_KEYS and item == user_id else _without_person(item, user_id)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_without_person(item, user_id) for item in value]
    return value


def _scrub_events(events, user, words):
    for event in events:
        own = event.actor_id == user.pk
        comment = redact(event.comment, words, contacts=own)
        details = _without_person(redact_json(event.details, words), user.pk)
        if (comment, details) != (event.comment, event.details):
            ProjectEvent.objects.filter(pk=event.pk).update(comment=comment, details=details)


def _scrub_project(project, words):
    """Redact the project's own text and links; return whether its public text changed."""
    updates = {}
    for name in PROJECT_TEXT_FIELDS:
        value = getattr(project, name)
        if (new := redact(value, words)) != value:
            updates[name] = new
    if updates:
        Project.objects.filter(pk=project.pk).update(**updates)
    for link in ProjectLink.objects.filter(project=project):
        if redact(link.url, words) != link.url:
            link.delete()  # an address naming them cannot be redacted and still lead
    redact_rows(ProjectLink.objects.filter(project=project), words, ("title",))
    return any(name in updates for name in PUBLIC_TEXT_FIELDS)


def _withdraw_orphaned_consents(projects):
    """The showcase's consent was its owners': a project whose last owner goes with this
    erasure leaves the showcase (its page taken down now) until a new owner, whom a
    coordinator appoints (`steps.appoint_owner`), consents again. Returns their ids."""
    withdrawn = set()
    for project in projects:
        if project.showcase_consent and not project.memberships.filter(role=Role.OWNER).exists():
            showcase.set_consent(project, False)
            withdrawn.add(project.pk)
    return withdrawn


def _resync_showcase(project_ids):
    from projects.tasks import sync_showcase_task

    def enqueue():
        for project_id in project_ids:
            try:
                sync_showcase_task.enqueue(project_id)
            except Exception:  # the erasure stands; `sync_showcase --all` catches up
                logger.exception("Could not queue the showcase of project %s", project_id)

    transaction.on_commit(enqueue)


def scrub_projects(user, words, *, reason, by=None):
    """Take `user` out of every project holding them (see the module's docstring).
    Returns what it touched; `erasure.scrub` purges the page cache if a live showcase
    page changed."""
    emails = emails_of(user)
    concerned = list(
        Project.objects.filter(pk__in=projects_concerning(user, emails)).order_by("pk")
    )
    erasure = ProjectErasure(projects=len(concerned))
    memberships = Membership.objects.filter(user=user)
    erasure.memberships = memberships.count()
    memberships.delete()
    withdrawn = _withdraw_orphaned_consents(concerned)
    invitations = Invitation.objects.filter(_to_any_of(emails))
    erasure.invitations = invitations.count()
    invitations.delete()
    Invitation.objects.filter(invited_by=user).update(invited_by=None)
    Invitation.objects.filter(accepted_by=user).update(accepted_by=None)
    Project.objects.filter(created_by=user).update(created_by=None)
    Notification.objects.filter(_to_any_of(emails) | Q(recipient=user)).delete()
    forget_notes(user)

    resync = []
    for project in concerned:
        public_text_changed = _scrub_project(project, words)
        _scrub_events(project.events.all(), user, words)
        evaluations = Evaluation.objects.filter(project=project)
        # The decision's public justification is on the showcase too.
        public_text_changed |= bool(redact_rows(evaluations, words, ("public_justification",)))
        redact_rows(evaluations, words, ("opinion",))
        if public_text_changed and project.showcase_page_id:
            resync.append(project.pk)
        reviews = Review.objects.filter(evaluation__in=evaluations)
        redact_rows(reviews, words, ("notes",))
        redact_rows(Score.objects.filter(review__in=reviews), words, ("justification",))
        details = {"reason": reason}
        if project.pk in withdrawn:
            details["showcase_withdrawn"] = True
        record_project_event(
            project,
            None,
            ProjectAction.ANONYMISED,
            internal=True,
            details=details,
            log_user=by,
            log_data={"reason": reason},
        )
        if project.showcase_page_id:
            erasure.showcase_pages.append(project.showcase_page)
    entries = ProjectLogEntry.objects.filter(
        Q(object_id__in=[str(project.pk) for project in concerned]) | Q(user_id=user.pk)
    )
    redact_rows(entries, words, ("label", "data"))
    ProjectLogEntry.objects.filter(user_id=user.pk).update(user=None)
    erasure.live_pages = erase_from_pages(erasure.showcase_pages, words)
    if resync:
        _resync_showcase(resync)
    return erasure
