"""The export of "My data": everything the site holds about a person, as JSON.

What a holder reads here is what they may read on the site: the timeline without
internal notes, the answer once it is released to them.
"""

import json

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry, PageLogEntry
from wagtail.users.models import UserProfile

from desk.models import AccountEmail, HowToRequest, Notification, RequestLogEntry


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


def _log_entries_about(user):
    """Audit-log entries by this person, or about their account."""
    user_type = ContentType.objects.get_for_model(user)
    by_or_about = Q(user_id=user.pk) | Q(content_type=user_type, object_id=str(user.pk))
    return [
        *ModelLogEntry.objects.filter(by_or_about),
        *RequestLogEntry.objects.filter(user_id=user.pk),
        *PageLogEntry.objects.filter(user_id=user.pk),
    ]


def export_user_data(user):
    """Everything the site holds about `user`, as a JSON-ready dict (dates as datetimes)."""
    profile = UserProfile.objects.filter(user=user).first()
    requests = (
        HowToRequest.objects.filter(holder=user)
        .select_related("territory", "qa_page")
        .prefetch_related("priorities", "bodies", "events__actor", "attachments")
        .order_by("created_at", "pk")
    )
    notifications = (
        Notification.objects.filter(recipient=user)
        .select_related("event__request")
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
        "notifications": [
            {
                "to": n.email,
                "about": n.event.request.reference,
                "step": str(n.event.get_action_display()),
                "language": n.language,
                "state": str(n.get_state_display()),
                "written_at": n.created_at,
                "sent_at": n.sent_at,
            }
            for n in notifications
        ],
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
