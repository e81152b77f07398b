"""The export of "My data": everything the site holds about a person, as JSON.

What a holder reads here is what they may read on the site: the timeline without
internal notes, the answer once it is released to them; of a project, what its team
sees (never scores or evaluators' notes). A Commission 15 member's reviews, scores and
notes are theirs, so they are in their export.
"""

import json

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry, PageLogEntry
from wagtail.users.models import UserProfile

from desk.models import (
    AccountEmail,
    HolderProfile,
    HowToRequest,
    Notification,
    RequestLogEntry,
)
from projects.models import (
    Evaluation,
    Invitation,
    Membership,
    ProjectEvent,
    ProjectLogEntry,
    Review,
)

from .project_erasure import emails_of


def _actor(event, user):
    """As the holder sees it on the request page: themselves, or a staff first name."""
    if event.actor_id is None:
        return None
    if event.actor_id == user.pk:
        return _("You")
    return event.actor.first_name or _("The TRI team")


def _qa_page_data(page):
    """The Q&A page built from the request, live or not: it carries their question."""
    if page is None:
        return None
    # The specific page gives the public address (knowledge's get_url_parts), not localhost.
    page = page.specific
    return {"title": page.title, "url": page.full_url, "live": page.live}


def _request_data(request_obj, user):
    events = [e for e in request_obj.events.all() if e.readable_by_holder]  # prefetched
    show_answer = request_obj.holder_may_read_answer
    return {
        "reference": request_obj.reference,
        "id": str(request_obj.public_id),
        "title": request_obj.title,
        "question": request_obj.question,
        "project_description": request_obj.project_description,
        "priorities": [str(p) for p in request_obj.priorities.all()],
        "territory": str(request_obj.territory),
        "stage": str(request_obj.get_stage_display()),
        "partners": request_obj.partners,
        "funding_sought": request_obj.funding_sought,
        "consent_to_publish": request_obj.consent_to_publish,
        "project": request_obj.project.title,
        "language": request_obj.language,
        "status": str(request_obj.get_status_display()),
        "expert_bodies": [str(b) for b in request_obj.bodies.all()],
        "answer": request_obj.answer if show_answer else None,
        "filed_at": request_obj.created_at,
        "closed_at": request_obj.closed_at,
        "qa_page": _qa_page_data(request_obj.qa_page),
        "timeline": [
            {
                "at": e.created_at,
                "step": str(e.get_action_display()),
                "by": _actor(e, user),
                "comment": e.comment,
            }
            for e in events
        ],
        "attachments": [
            {
                "file_name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "uploaded_at": a.created_at,
            }
            for a in request_obj.attachments.all()
        ],
    }


def _notification_data(notification):
    """An email of the outbox to them: about a step of a request or of a project."""
    event = notification.event or notification.project_event
    about = (
        notification.event.request.reference
        if notification.event_id
        else notification.project_event.project.reference
    )
    return {
        "to": notification.email,
        "about": about,
        "step": str(event.get_action_display()),
        "language": notification.language,
        "state": str(notification.get_state_display()),
        "written_at": notification.created_at,
        "sent_at": notification.sent_at,
    }


def _invitation_state(invitation):
    if invitation.accepted_at is not None:
        return _("Accepted")
    if invitation.revoked_at is not None:
        return _("Withdrawn")
    if invitation.expires_at <= timezone.now():
        return _("Expired")
    return _("Pending")


def _invitation_data(invitation):
    return {
        "project": invitation.project.title,
        "role": str(invitation.get_role_display()),
        "state": str(_invitation_state(invitation)),
        "sent_at": invitation.created_at,
        "expires_at": invitation.expires_at,
    }


def _project_data(membership):
    """A project they belong to, as its team sees it: its fields, links and decisions."""
    project = membership.project
    return {
        "reference": project.reference,
        "id": str(project.public_id),
        "title": project.title,
        "role": str(membership.get_role_display()),
        "joined_at": membership.joined_at,
        "summary": project.summary,
        "organisations": project.organisation_list(),
        "territory": str(project.territory),
        "priorities": [str(p) for p in project.priorities.all()],
        "pillars": [p.title for p in project.pillars.all()],
        "roadmap_actions": [str(a) for a in project.roadmap_actions.all()],
        "stage": str(project.get_stage_display()),
        "budget": project.budget,
        "funding_sought": project.funding_sought,
        "funding_details": project.funding_details,
        "partners": project.partners,
        "expected_effects": project.expected_effects,
        "links": [{"title": link.title, "url": link.url} for link in project.links.all()],
        "on_showcase": project.showcase_consent,
        "created_at": project.created_at,
        # The Commission's decisions the team reads: never scores or evaluators' notes.
        "decisions": [
            {
                "decision": str(e.get_decision_display()),
                "opinion": e.opinion,
                "public_justification": e.public_justification,
                "decided_at": e.decided_at,
            }
            for e in project.evaluations.all()  # prefetched: decided only
        ],
    }


def _review_data(review):
    """A Commission 15 member's review: theirs, their notes included."""
    evaluation = review.evaluation
    return {
        "project": evaluation.project.title,
        "project_reference": evaluation.project.reference,
        "evaluation_submitted_at": evaluation.submitted_at,
        "grid_version": evaluation.grid.version,
        "assigned_at": review.assigned_at,
        "scored_at": review.submitted_at,
        "notes": review.notes,
        "scores": [
            {
                "criterion": str(score.criterion),
                "level": score.level,
                "justification": score.justification,
            }
            for score in review.scores.all()
        ],
    }


def _project_sections(user, emails):
    """Their projects, invitations, steps on projects and, as an evaluator, reviews."""
    decided = Prefetch(
        "project__evaluations",
        queryset=Evaluation.objects.decided().order_by("decided_at", "pk"),
    )
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("project__territory")
        .prefetch_related(
            "project__priorities",
            "project__pillars",
            "project__roadmap_actions",
            "project__links",
            decided,
        )
        .order_by("joined_at", "pk")
    )
    received = Q(pk__in=[])
    for email in emails:
        received |= Q(email__iexact=email)
    invitations = Invitation.objects.select_related("project").order_by("created_at", "pk")
    events = (
        ProjectEvent.objects.filter(actor=user)
        .select_related("project")
        .order_by("created_at", "pk")
    )
    reviews = (
        Review.objects.filter(evaluator=user)
        .select_related("evaluation__project", "evaluation__grid")
        .prefetch_related("scores__criterion")
        .order_by("assigned_at", "pk")
    )
    return {
        "projects": [_project_data(m) for m in memberships],
        "invitations_sent": [_invitation_data(i) for i in invitations.filter(invited_by=user)],
        "invitations_received": [_invitation_data(i) for i in invitations.filter(received)],
        "project_steps": [
            {
                "project": e.project.title,
                "at": e.created_at,
                "step": str(e.get_action_display()),
                "comment": "" if e.internal else e.comment,
            }
            for e in events
        ],
        "reviews": [_review_data(r) for r in reviews],
    }


def _log_entries_about(user):
    """Audit-log entries by this person, or about their account (requests, pages and
    projects have logs of their own)."""
    user_type = ContentType.objects.get_for_model(user)
    by_or_about = Q(user_id=user.pk) | Q(content_type=user_type, object_id=str(user.pk))
    return [
        *ModelLogEntry.objects.filter(by_or_about),
        *RequestLogEntry.objects.filter(user_id=user.pk),
        *PageLogEntry.objects.filter(user_id=user.pk),
        *ProjectLogEntry.objects.filter(user_id=user.pk),
    ]


def export_user_data(user):
    """Everything the site holds about `user`, as a JSON-ready dict (dates as datetimes)."""
    profile = UserProfile.objects.filter(user=user).first()
    holder_profile = HolderProfile.objects.filter(user=user).first()
    requests = (
        HowToRequest.objects.filter(holder=user)
        .select_related("territory", "qa_page", "project")
        .prefetch_related("priorities", "bodies", "events__actor", "attachments")
        .order_by("created_at", "pk")
    )
    emails = emails_of(user, confirmed_only=True)
    addressed = Q(recipient=user) | Q(recipient__isnull=True, email__in=emails)
    notifications = (
        Notification.objects.filter(addressed)
        .select_related("event__request", "project_event__project")
        .order_by("created_at", "pk")
    )
    return {
        "generated_at": timezone.now(),
        "site": settings.WAGTAIL_SITE_NAME,
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "organisation": holder_profile.organisation if holder_profile else "",
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "active": user.is_active,
            "preferred_language": profile.preferred_language if profile else "",
            "time_zone": profile.current_time_zone if profile else "",
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        # Which second factors, never their secrets: a copy of the export must not sign in.
        "second_factors": [
            {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
            for a in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        # Identities linked by single sign-on, with what the provider said of the person
        # (allauth keeps no token: SOCIALACCOUNT_STORE_TOKENS is off).
        "single_sign_on": [
            {
                "provider": a.provider,
                "identifier": a.uid,
                "claims": a.extra_data,
                "linked_at": a.date_joined,
                "last_used_at": a.last_login,
            }
            for a in SocialAccount.objects.filter(user=user).order_by("pk")
        ],
        "requests": [_request_data(r, user) for r in requests],
        "notifications": [_notification_data(n) for n in notifications],
        **_project_sections(user, emails),
        # allauth's emails (address confirmation, password reset, notices): which, when;
        # their bodies are not kept, since their links sign in.
        "account_emails": [
            {"to": e.email, "email": e.template.rsplit("/", 1)[-1], "sent_at": e.sent_at}
            for e in AccountEmail.objects.filter(recipient=user)
        ],
        "log_entries": [
            {
                "at": entry.timestamp,
                "action": entry.action,
                "message": str(entry.message),
                "object": entry.label,
            }
            for entry in sorted(_log_entries_about(user), key=lambda e: e.timestamp)
        ],
    }


def export_json(user):
    """The export as the JSON text of the download."""
    return json.dumps(export_user_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
