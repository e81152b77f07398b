"""A holder's projects on the public site ("My projects"): the team's pages of a project.

Thin, like `desk/views.py`: forms in, the project's steps (`projects.steps`) out, each
step taken answered by a redirect to the project's page with a message saying what
happened. Who sees what is asked of `projects.permissions` (the team) and
`desk.permissions` (the requests): a project is its team's only, so anyone else, staff
included, gets a 404; an owner's step refused to a member is a 403. The team reads
Commission 15's decision once it is taken, never the scores, the evaluators' notes or
who the evaluators are.
"""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects import permissions as project_permissions
from projects import steps as project_steps
from projects.models import Invitation, Membership, Project, ProjectEvent, Role
from projects.notices import invitation_from_token
from projects.states import latest_decision, team_state, with_latest_evaluations
from projects.timeline import actor_for_team
from web import ratelimit

from . import permissions
from .models import Attachment
from .project_forms import InviteForm, ProjectForm, add_step_errors, link_formset


def _team_project(user, public_id):
    """The project if `user` is in its team; 404 otherwise, never 403."""
    project = get_object_or_404(
        Project.objects.select_related("territory", "showcase_page"), public_id=public_id
    )
    if not project_permissions.is_member(user, project):
        raise Http404
    return project


def _take(request, project, taken_step, done_message, done_url=None, **arguments):
    """Take a team step and go back to the project's page (or `done_url`, once done)
    saying what happened. A step not open to this member is a 403 (they see the
    project, not this step); the wrong state or bad input comes back as a message."""
    refusal = taken_step.refusal(project, request.user)
    if isinstance(refusal, PermissionDenied):
        raise refusal
    try:
        if refusal is not None:
            raise refusal
        taken_step(project, request.user, **arguments)
    except project_steps.TransitionError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message)
        return redirect(done_url or project)
    return redirect(project)


def _name(user, shows_emails):
    """A teammate as the viewer reads them: their name; without one, their address
    only to whom `projects.permissions.sees_member_emails` lets read it."""
    if user is None:
        return ""
    if user.get_full_name():
        return user.get_full_name()
    return user.email if shows_emails else _("A member of the team (no name given)")


def _shown_name(viewer, project, user):
    return _name(user, project_permissions.sees_member_emails(viewer, project))


def _named(memberships, shows_emails):
    """`memberships`, each with the name the viewer reads (`shown_name`)."""
    for membership in memberships:
        membership.shown_name = _name(membership.user, shows_emails)
    return memberships


@login_required
def mine(request):
    role = Membership.objects.filter(project=OuterRef("pk"), user=request.user).values("role")
    projects = with_latest_evaluations(
        project_permissions.member_projects(request.user)
        .select_related("territory")
        .annotate(my_role=Subquery(role[:1]), request_count=Count("requests", distinct=True))
        .order_by("-created_at", "-pk")
    )
    rows = [
        {
            "project": project,
            "is_owner": project.my_role == Role.OWNER,
            "role": Role(project.my_role).label,
            "state": team_state(project),
        }
        for project in projects
    ]
    return render(request, "desk/projects/mine.html", {"rows": rows})


@login_required
def create(request):
    form = ProjectForm(request.POST or None)
    links = link_formset(request.POST or None)
    if request.method == "POST" and form.is_valid() and links.is_valid():
        try:
            project = project_steps.create_project(
                request.user, **form.values(), links=links.links()
            )
        except ValidationError as error:
            add_step_errors(form, error)
        else:
            messages.success(
                request,
                _("Your project “%(title)s” has been created. Invite its team from its page.")
                % {"title": project.title},
            )
            return redirect(project)
    return render(
        request,
        "desk/projects/form.html",
        {"form": form, "links": links, "project": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def edit(request, public_id):
    project = _team_project(request.user, public_id)
    refusal = project_steps.update_project.refusal(project, request.user)
    if isinstance(refusal, PermissionDenied):
        raise refusal
    # The form checks a copy: the step compares the project with what was typed.
    copy = Project.objects.select_related("territory").get(pk=project.pk)
    form = ProjectForm(request.POST or None, instance=copy)
    links = link_formset(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid() and links.is_valid():
        try:
            project_steps.update_project(
                project, request.user, **form.values(), links=links.links()
            )
        except project_steps.TransitionError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            add_step_errors(form, error)
        else:
            messages.success(request, _("The project has been updated."))
            return redirect(project)
    return render(
        request,
        "desk/projects/form.html",
        {"form": form, "links": links, "project": project},
        status=400 if request.method == "POST" else 200,
    )


def _timeline(project, team_ids):
    """The timeline the team reads; who did each step, named only within the team."""
    events = (
        ProjectEvent.objects.filter(project=project)
        .readable_by_team()
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    for event in events:
        event.team_actor = actor_for_team(event, team_ids)
        yield event


def _decision(project):
    """Commission 15's latest decision for the team (still shown while a new evaluation
    runs): what, why, the opinion; nothing else."""
    evaluation = latest_decision(project)
    if evaluation is None:
        return None
    return {
        "decision": evaluation.get_decision_display(),
        "code": evaluation.decision,
        "public_justification": evaluation.public_justification,
        "opinion": evaluation.opinion,
        "decided_at": evaluation.decided_at,
    }


def _documents(requests):
    """The files of the project's requests that their holder may read."""
    return (
        Attachment.objects.filter(request__in=requests)
        .filter(Q(event__isnull=True) | Q(event__internal=False))
        .select_related("request")
        .order_by("-created_at", "-pk")
    )


@login_required
def detail(request, public_id):
    project = _team_project(request.user, public_id)
    shows_emails = project_permissions.sees_member_emails(request.user, project)
    memberships = _named(list(project.memberships.select_related("user")), shows_emails)
    team_ids = {membership.user_id for membership in memberships}
    # Every request of the project is its team's to read (desk.permissions).
    requests = permissions.holder_requests(request.user).filter(project=project)
    request_rows = list(
        requests.select_related("territory", "holder").order_by("-created_at", "-pk")
    )
    for row in request_rows:
        row.holder_name = _name(row.holder, shows_emails)
    context = {
        "project": project,
        "is_owner": project_permissions.is_owner(request.user, project),
        "membership": project_permissions.membership_of(request.user, project),
        "memberships": memberships,
        "requests": request_rows,
        "documents": _documents(requests),
        "events": list(_timeline(project, team_ids)),
        "state": team_state(project),
        "decision": _decision(project),
        "priorities": project.priorities.all(),
        "pillars": project.pillars.all(),
        "roadmap_actions": project.roadmap_actions.all(),
        "links": project.links.all(),
        "may_show": project_steps.show_on_showcase.is_open(project, request.user),
        "may_hide": project_steps.hide_from_showcase.is_open(project, request.user),
        "showcase_url": _showcase_url(project),
    }
    return render(request, "desk/projects/detail.html", context)


def _showcase_url(project):
    page = project.showcase_page
    if project.showcase_consent and page is not None and page.live:
        return page.url
    return None


@login_required
@require_POST
def showcase(request, public_id):
    project = _team_project(request.user, public_id)
    if request.POST.get("consent") == "show":
        return _take(
            request,
            project,
            project_steps.show_on_showcase,
            _("The project will be shown on the public showcase."),
        )
    return _take(
        request,
        project,
        project_steps.hide_from_showcase,
        _("The project has been taken off the public showcase."),
    )


def _members_context(request, project, invite_form=None):
    is_owner = project_permissions.can_manage_members(request.user, project)
    shows_emails = project_permissions.sees_member_emails(request.user, project)
    memberships = _named(list(project.memberships.select_related("user")), shows_emails)
    return {
        "project": project,
        "is_owner": is_owner,
        "memberships": memberships,
        "membership": project_permissions.membership_of(request.user, project),
        "may_leave": project_permissions.can_leave(request.user, project),
        "invitations": (
            project.invitations.pending().select_related("invited_by") if is_owner else ()
        ),
        "invite_form": invite_form or (InviteForm() if is_owner else None),
        "roles": Role.choices,
    }


@login_required
def members(request, public_id):
    project = _team_project(request.user, public_id)
    if request.method != "POST":
        return render(request, "desk/projects/members.html", _members_context(request, project))
    action = request.POST.get("action")
    if action == "invite":
        return _invite(request, project)
    if action == "revoke":
        invitation = get_object_or_404(
            Invitation, public_id=_uuid(request.POST.get("invitation")), project=project
        )
        return _take(
            request,
            project,
            project_steps.revoke_invitation,
            _("The invitation sent to %(email)s has been withdrawn.") % {"email": invitation.email},
            invitation=invitation,
        )
    if action in ("remove", "role", "leave"):
        membership = (
            project_permissions.membership_of(request.user, project)
            if action == "leave"
            else get_object_or_404(
                Membership.objects.select_related("user"),
                pk=_int(request.POST.get("membership")),
                project=project,
            )
        )
        if membership is None:
            raise Http404
        if action == "role":
            return _change_role(request, project, membership)
        if membership.user_id == request.user.pk:
            return _take(
                request,
                project,
                project_steps.remove_member,
                _("You have left the project “%(title)s”.") % {"title": project.title},
                done_url=reverse("projects:mine"),
                membership=membership,
            )
        return _take(
            request,
            project,
            project_steps.remove_member,
            _("%(name)s is no longer a member of the project.")
            % {"name": _shown_name(request.user, project, membership.user)},
            membership=membership,
        )
    return render(
        request, "desk/projects/members.html", _members_context(request, project), status=400
    )


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError as error:
        raise Http404 from error


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise Http404 from error


def _invite(request, project):
    refusal = project_steps.invite_member.refusal(project, request.user)
    if isinstance(refusal, PermissionDenied):
        raise refusal
    form = InviteForm(request.POST)
    if form.is_valid():
        refusal = ratelimit.consume(request, "project_invite", per="user")
        if refusal is not None:
            form.add_error(
                None,
                _(
                    "You have sent many invitations in a short time. Please send this one "
                    "again in %(count)d minutes: what you typed is kept below."
                )
                % {"count": refusal.retry_after_minutes},
            )
            context = _members_context(request, project, invite_form=form)
            response = render(request, "desk/projects/members.html", context, status=429)
            return ratelimit.set_retry_after(response, refusal)
        try:
            with transaction.atomic():
                project_steps.invite_member(
                    project,
                    request.user,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                )
        except project_steps.TransitionError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            add_step_errors(form, error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect(project)
    context = _members_context(request, project, invite_form=form)
    return render(request, "desk/projects/members.html", context, status=400)


def _change_role(request, project, membership):
    # The step checks the role (`Role`); a wrong one comes back as its message.
    role = request.POST.get("role", "")
    return _take(
        request,
        project,
        project_steps.change_role,
        _("%(name)s's role is now “%(role)s”.")
        % {
            "name": _shown_name(request.user, project, membership.user),
            "role": dict(Role.choices).get(role, role),
        },
        membership=membership,
        role=role,
    )


def invitation(request, token):
    """The page an invitation's link opens. Its link is the invitee's only key: anyone
    holding a pending one sees the project's title and who invited, by name (never
    their address); a closed (used, withdrawn, expired) or invalid link shows nothing
    of the project. Joining needs the account of the address invited."""
    found = invitation_from_token(token)
    if found is None:
        return _invitation_page(request, None, "invalid", status=404)
    project = found.project
    user = request.user
    if user.is_authenticated and project_permissions.is_member(user, project):
        messages.info(request, _("You are a member of this project."))
        return redirect(project)
    if not found.is_pending:
        return _invitation_page(request, None, "closed", status=410)
    if not user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return _invitation_page(request, found, "anonymous")
    if found.email.lower() != (user.email or "").lower():
        return _invitation_page(request, found, "other_account", status=403)
    if request.method != "POST":
        return _invitation_page(request, found, "join")
    try:
        project_steps.accept_invitation(project, user, invitation=found)
    except (ValidationError, project_steps.TransitionError, PermissionDenied) as error:
        message = getattr(error, "message", None) or " ".join(getattr(error, "messages", []))
        return _invitation_page(request, found, "refused", status=409, message=message)
    messages.success(
        request,
        _("Welcome to the project “%(title)s”: you are now a member of its team.")
        % {"title": project.title},
    )
    return redirect(project)


def _invitation_page(request, found, situation, status=200, message=""):
    here = request.get_full_path()
    context = {
        "invitation": found,
        "project": found.project if found else None,
        # By name only: an inviter without one is not named, never shown by address.
        "invited_by": found.invited_by.get_full_name() if found and found.invited_by else "",
        "situation": situation,
        "message": message,
        "login_url": f"{reverse('account_login')}?{urlencode({'next': here})}",
        "signup_url": f"{reverse('account_signup')}?{urlencode({'next': here})}",
    }
    return render(request, "desk/projects/invitation.html", context, status=status)
