"""Who may see and do what with projects and their evaluations. One place for every
access rule of this app; the steps, the views, the admin and the API all ask here.

- A project's team: members see the project (and its requests, on the desk's side);
  owners also edit it and manage its members.
- Coordinators (`projects.manage_portfolio`) see every project and evaluation, submit
  projects for evaluation, assign evaluators, withdraw an evaluation, record a decision.
- Commission 15's evaluators (`projects.evaluate_project`) see the portfolio and the
  evaluations; an assigned evaluator scores; any of them may take part or decide.
- An evaluator's notes are theirs alone; a review in progress is its evaluator's.
- Holders never see scores or notes; experts never see evaluations (the desk shows an
  expert the project of a request routed to their body, never its evaluation).
"""

from django.contrib.auth import get_user_model

from . import roles
from .models import Membership, Project, Role
from .roles import EVALUATE, MANAGE_PORTFOLIO, roles_of


def _is(user, user_id):
    return user_id is not None and user_id == getattr(user, "pk", None)


def membership_of(user, project):
    """The user's membership of the project, or None (cached on the project)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cache = project.__dict__.setdefault("_memberships_by_user", {})
    if user.pk not in cache:
        cache[user.pk] = Membership.objects.filter(project=project, user=user).first()
    return cache[user.pk]


def forget_memberships(project):
    """Drop what `membership_of` cached on the project (a step changed the team)."""
    project.__dict__.pop("_memberships_by_user", None)


def is_member(user, project):
    return membership_of(user, project) is not None


def is_owner(user, project):
    membership = membership_of(user, project)
    return membership is not None and membership.role == Role.OWNER


def member_projects(user):
    """The projects on a holder's "My projects"."""
    return Project.objects.of_member(user)


def is_coordinator(user, project=None):
    return roles_of(user)[0]


def is_evaluator(user, project=None):
    return roles_of(user)[1]


sees_portfolio = roles.sees_portfolio


def portfolio_projects(user):
    """Every project for coordinators and Commission 15, but their own (a member of a
    project's team reads it as the team does: `sees_evaluation`); nothing for anyone else."""
    if not sees_portfolio(user):
        return Project.objects.none()
    # Their own projects are read first (staff rarely have any): the portfolio of most
    # is then every project without a filter, which the figures count over the link
    # tables alone (`portfolio.figures._of`), instead of a subquery per row.
    own = list(Membership.objects.filter(user=user).values_list("project_id", flat=True))
    return Project.objects.exclude(pk__in=own) if own else Project.objects.all()


def sees_member_emails(user, project):
    """The team's addresses: its owners (who manage it) and coordinators; a member
    sees their own only."""
    return is_owner(user, project) or is_coordinator(user)


def sees_team_names(user):
    """Who reads the names of a project's team in the admin: the coordinators, who are
    the teams' contacts. Commission 15 evaluates the project and its organisations, not
    the people in it, and reads "a member of the team" (data minimisation)."""
    return is_coordinator(user)


def can_edit(user, project):
    return is_owner(user, project)


def can_manage_members(user, project):
    return is_owner(user, project)


def can_leave(user, project):
    """A member may leave; the last owner may not leave the project without an owner."""
    membership = membership_of(user, project)
    if membership is None:
        return False
    if membership.role != Role.OWNER:
        return True
    return project.memberships.filter(role=Role.OWNER).exclude(pk=membership.pk).exists()


def sees_evaluation(user, project):
    """Who reads a project's evaluation (reviews, scores, the internal timeline, the
    opinion before it is sent): coordinators and Commission 15, except a member of the
    project's own team, who reads it as the team does."""
    return sees_portfolio(user) and not is_member(user, project)


def evaluators():
    """Commission 15's evaluators, who may be assigned (superusers are not told)."""
    return (
        get_user_model()
        .objects.with_perm(
            EVALUATE,
            include_superusers=False,
            backend="allauth.account.auth_backends.AuthenticationBackend",
        )
        .filter(is_active=True)
    )


def assignable_evaluators(project, evaluation):
    """Whom a coordinator may assign to the evaluation (the choices of the admin's form):
    Commission 15's evaluators not yet assigned to it and not in the project's team, as
    `steps.assign_evaluator` checks of the one it is given."""
    candidates = evaluators().exclude(project_memberships__project=project)
    if evaluation is None:
        return candidates
    return candidates.exclude(project_reviews__evaluation=evaluation)


def coordinators():
    return (
        get_user_model()
        .objects.with_perm(
            MANAGE_PORTFOLIO,
            include_superusers=False,
            backend="allauth.account.auth_backends.AuthenticationBackend",
        )
        .filter(is_active=True)
    )


def review_of(user, evaluation):
    """The user's review of the evaluation, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return next(
        (review for review in evaluation.reviews.all() if _is(user, review.evaluator_id)), None
    )


def is_assigned(user, evaluation):
    return review_of(user, evaluation) is not None


def can_read_review(user, review):
    """A submitted review: coordinators and Commission 15 outside the project's team,
    but an evaluator of the same evaluation only once their own is submitted (so each
    scores on their own reading, not on their colleagues'); one in progress: its author.
    Reads the evaluation's reviews: prefetch them when asking for several."""
    if _is(user, review.evaluator_id):
        return True
    if not (review.is_done and sees_evaluation(user, review.evaluation.project)):
        return False
    own = review_of(user, review.evaluation)
    return own is None or own.is_done


def can_read_notes(user, review):
    return _is(user, review.evaluator_id)
