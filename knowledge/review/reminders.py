"""Reminders to the owners of pages due for review: a digest per person and day.

Owners are the active members of the owner body's group, or for a page the editors own,
the active holders of `knowledge.review_editors_pages` (knowledge cannot read the
editors' group from `workflows`, above it; the permission is declared here and granted
there). Each person hears of a page once `KNOWLEDGE_REVIEW_REMINDER_DAYS` before its
"review by" date and once when it has passed, in one email a day listing what is due.

Sending at most once: a run claims its reminders (`ReviewReminder`, unique per person,
page, date and kind) before sending; a second run or worker finds them claimed and
skips them. A send that fails deletes its claims, so the next run sends them; a claim
left by a run that died before sending is taken again after `STALE_CLAIM`. A person
already sent a digest today waits for tomorrow's.

The language is the person's Wagtail profile's, else the site's (`LANGUAGE_CODE`), as
the desk's notifications choose for staff.
"""

import logging
import uuid
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from web.public_address import public_url

from ..models import ContentReview, ReviewReminder

logger = logging.getLogger(__name__)

STALE_CLAIM = timedelta(hours=1)


def _editors():
    """Active holders of the editors' review permission (through a group or directly)."""
    permission = Permission.objects.filter(
        content_type__app_label="knowledge", codename="review_editors_pages"
    ).first()
    if permission is None:
        return []
    return list(
        get_user_model()
        .objects.filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .filter(is_active=True)
        .exclude(email="")
        .distinct()
    )


def _members_by_body(body_ids):
    """{body id: [its active members]}, in two queries whatever the number of bodies."""
    pairs = list(
        get_user_model()
        .objects.filter(is_active=True, groups__expert_body__in=body_ids)
        .exclude(email="")
        .values_list("pk", "groups__expert_body")
    )
    users = get_user_model().objects.in_bulk({pk for pk, _body_id in pairs})
    members = defaultdict(list)
    for pk, body_id in pairs:
        members[body_id].append(users[pk])
    return members


def kind_of(review, today):
    if review.review_by < today:
        return ReviewReminder.Kind.OVERDUE
    return ReviewReminder.Kind.DUE_SOON


def due_reminders(today):
    """{user: [(review, kind)]} of every reminder due today, sent or not."""
    horizon = today + timedelta(days=settings.KNOWLEDGE_REVIEW_REMINDER_DAYS)
    reviews = list(
        ContentReview.objects.filter(page__live=True, review_by__lte=horizon)
        .select_related("page", "owner")
        .order_by("review_by", "page__title")
    )
    if not reviews:
        return {}
    members = _members_by_body({review.owner_id for review in reviews if review.owner_id})
    editors = _editors() if any(review.owner_id is None for review in reviews) else []
    due = defaultdict(list)
    for review in reviews:
        owners = editors if review.owner_id is None else members.get(review.owner_id, [])
        for user in owners:
            due[user].append((review, kind_of(review, today)))
    return due


def _claim(user, items, now):
    """Claim what is still to tell `user`: (the claim, the claimed (review, kind) pairs)."""
    keys = {(review.page_id, review.review_by, kind): (review, kind) for review, kind in items}
    existing = ReviewReminder.objects.filter(
        recipient=user, page_id__in={page_id for page_id, _date, _kind in keys}
    )
    stale = []
    for reminder in existing:
        key = (reminder.page_id, reminder.review_by, reminder.kind)
        if key not in keys:
            continue
        if reminder.sent_at is None and reminder.claimed_at < now - STALE_CLAIM:
            stale.append(reminder.pk)
        else:
            del keys[key]
    if not keys:
        return None, []
    claim = uuid.uuid4()
    with transaction.atomic():
        ReviewReminder.objects.filter(pk__in=stale, sent_at=None).delete()
        ReviewReminder.objects.bulk_create(
            [
                ReviewReminder(
                    recipient=user,
                    page_id=page_id,
                    review_by=review_by,
                    kind=kind,
                    claim=claim,
                    claimed_at=now,
                )
                for page_id, review_by, kind in keys
            ],
            ignore_conflicts=True,  # claimed meanwhile by another run: theirs
        )
    claimed = set(
        ReviewReminder.objects.filter(claim=claim).values_list("page_id", "review_by", "kind")
    )
    return claim, [keys[key] for key in keys if key in claimed]


def language_of(user):
    profile = UserProfile.objects.filter(user=user).first()
    if profile and profile.preferred_language:
        return profile.preferred_language
    return settings.LANGUAGE_CODE


def render_digest(user, items, today):
    """The digest's subject and body, in the person's language."""
    context = {
        "recipient": user,
        "items": [
            {
                "title": review.page.title,
                "review_by": review.review_by,
                "overdue": kind == ReviewReminder.Kind.OVERDUE,
                "edit_url": public_url(reverse("wagtailadmin_pages:edit", args=[review.page_id])),
            }
            for review, kind in items
        ],
        "report_url": public_url(reverse("knowledge_content_review")),
        "today": today,
    }
    with translation.override(language_of(user)):
        subject = render_to_string("knowledge/emails/review_reminder_subject.txt", context)
        body = render_to_string("knowledge/emails/review_reminder_body.txt", context)
    return " ".join(subject.split()), body


def send_due_reminders(now=None):
    """Send today's digests; return how many emails went out. Never raises for a
    failing mail server: what it could not send is sent by a later run."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    for user, items in due_reminders(today).items():
        if ReviewReminder.objects.filter(
            recipient=user, sent_at__date__gte=today, sent_at__isnull=False
        ).exists():
            continue  # one digest a day: the rest waits for tomorrow's
        try:
            claimed = _claim(user, items, now)
        except IntegrityError:
            continue  # another run is at it
        claim, claimed_items = claimed
        if not claimed_items:
            continue
        try:
            subject, body = render_digest(user, claimed_items, today)
            EmailMessage(subject, body, to=[user.email]).send()
        except Exception as exc:
            logger.warning("Review reminders to user %s not sent: %s", user.pk, exc)
            ReviewReminder.objects.filter(claim=claim, sent_at=None).delete()
            continue
        ReviewReminder.objects.filter(claim=claim).update(sent_at=timezone.now())
        sent += 1
    return sent
