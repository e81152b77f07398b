"""Retention: holders inactive for `TRIHUB_RETENTION_DAYS` are erased like any account.

`manage.py anonymise_inactive_holders` calls `retention_cutoff` and `anonymise_inactive`;
the "My data" page shows `retention_period`.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone

from projects.models import ProjectAction, ProjectEvent, Role

from .erasure import erase
from .people import holders

logger = logging.getLogger(__name__)


def retention_period():
    """The retention period for display: whole years when it is, days otherwise."""
    years, rest = divmod(settings.TRIHUB_RETENTION_DAYS, 365)
    if years and not rest:
        return {"retention_years": years, "retention_days": None}
    return {"retention_years": None, "retention_days": settings.TRIHUB_RETENTION_DAYS}


def retention_cutoff(now=None, days=None):
    days = settings.TRIHUB_RETENTION_DAYS if days is None else days
    return (now or timezone.now()) - timedelta(days=days)


def inactive_holders(cutoff):
    """Holders with no login and no request or project activity since `cutoff`.

    Activity: their last login (or sign-up, if they never logged in), the last change
    to any of their requests or on its timeline, by anyone, and the last step on a
    project they own, by anyone (an erasure of someone else aside): a request an expert
    is still working on keeps its holder's account, a project its team or Commission 15
    is still working on keeps its owner's."""
    last_owned_project_step = Subquery(
        ProjectEvent.objects.filter(
            project__memberships__user=OuterRef("pk"), project__memberships__role=Role.OWNER
        )
        .exclude(action=ProjectAction.ANONYMISED)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return (
        holders()
        .annotate(
            last_request=Max("howto_requests__updated_at"),
            last_event=Max("howto_requests__events__created_at"),
            last_project_step=last_owned_project_step,
        )
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .filter(Q(last_request__isnull=True) | Q(last_request__lt=cutoff))
        .filter(Q(last_event__isnull=True) | Q(last_event__lt=cutoff))
        .filter(Q(last_project_step__isnull=True) | Q(last_project_step__lt=cutoff))
        .order_by("pk")
    )


def anonymise_inactive(cutoff, *, dry_run=False):
    """Erase every holder inactive since `cutoff`, each in their own transaction.

    Returns (erased, failed): the accounts erased (or that would be, with `dry_run`)
    and those whose erasure failed (logged; the next run tries again). Safe to run
    daily: an erased account is gone, so a second run finds nobody."""
    found = list(inactive_holders(cutoff))
    if dry_run:
        return found, []
    erased, failed = [], []
    for user in found:
        try:
            erase(user, reason="retention")
        except Exception:
            logger.exception("Could not erase inactive account #%s", user.pk)
            failed.append(user)
        else:
            erased.append(user)
    return erased, failed
