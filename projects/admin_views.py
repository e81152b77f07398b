"""Commission 15 in the Wagtail admin: a project's page with its evaluation and the
Commission's step forms, the queue of projects being evaluated, the evaluation grid.

Who sees what is asked of `projects.permissions` only. As on the desk's admin: a project
exists only for whoever sees the portfolio (coordinators, Commission 15), so anyone else
with admin access gets 404 for it, and Wagtail's permission denial for the queue. A
step is offered when `step.is_open` says so, taken through the step itself (which
checks again), and a refusal answers 403 (not theirs) or 409 (not now) with the form
kept as it was typed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from . import permissions, steps
from .forms import person_name, progress_text
from .models import MIN_EVALUATORS, Evaluation, EvaluationGrid, Review, Role, Score
from .states import latest_evaluation, state_of


def commission_steps():
    return [declared for declared in steps.COMMISSION_STEPS if declared.form_class]


def step_form(declared, project, user, data=None):
    return declared.form_class(data, project=project, user=user, prefix=declared.name)


def team_name(member, reader):
    """A team member as staff read them: never their email; their name only for those
    who may read it (`permissions.sees_team_names`)."""
    if not permissions.sees_team_names(reader):
        return _("A member of the team")
    return member.get_full_name() or _("A member of the team (no name given)")


def actor_name(user, team_ids, reader):
    if user is None:
        return ""
    return team_name(user, reader) if user.pk in team_ids else person_name(user)


class CommissionAreaMixin:
    """The Commission's area: coordinators and Commission 15 only."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.sees_portfolio(request.user):
            raise PermissionDenied  # Wagtail's admin answers with its own denial
        return super().dispatch(request, *args, **kwargs)


class ProjectView(WagtailAdminTemplateMixin, TemplateView):
    """A project for Commission 15: its fields and team, its evaluation and reviews (each
    as far as the reader may read it), the open steps, the whole timeline."""

    template_name = "projects/admin/detail.html"
    header_icon = "clipboard-list"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.project = get_object_or_404(
            permissions.portfolio_projects(request.user).select_related("territory"),
            pk=kwargs["pk"],
        )

    def get_page_title(self):
        return self.project.title

    def get_page_subtitle(self):
        return self.project.reference

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("projects_admin:queue"), "label": _("Projects to evaluate")},
            {"url": "", "label": self.project.title},
        ]

    @cached_property
    def evaluation(self):
        return latest_evaluation(self.project)

    def reviews(self):
        """(review, readable, notes readable) for the latest evaluation's reviews."""
        if self.evaluation is None:
            return []
        # Prefetched on the evaluation: whether a review may be read depends on the
        # reader's own review of it (`permissions.can_read_review`).
        # (Lookups through "reviews", which `latest_evaluation` may have prefetched.)
        prefetch_related_objects(
            [self.evaluation],
            "reviews__evaluator",
            Prefetch("reviews__scores", queryset=Score.objects.select_related("criterion")),
        )
        reviews = self.evaluation.reviews.all()
        user = self.request.user
        return [
            {
                "review": review,
                "evaluator": person_name(review.evaluator),
                "readable": permissions.can_read_review(user, review),
                "notes": review.notes if permissions.can_read_notes(user, review) else None,
                "scores": [
                    (score, dict(score.criterion.levels()).get(score.level, score.level))
                    for score in review.scores.all()
                ],
            }
            for review in reviews
        ]

    def step_forms(self, bound=None):
        """(step, form) for each open Commission step; `bound` (a refused or invalid
        form) keeps its place and what was typed."""
        offered = []
        for declared in commission_steps():
            if bound is not None and bound.prefix == declared.name:
                offered.append((declared, bound))
            elif declared.is_open(self.project, self.request.user):
                offered.append((declared, step_form(declared, self.project, self.request.user)))
        return offered

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.project
        evaluation = self.evaluation
        memberships = list(project.memberships.select_related("user"))
        team_ids = {membership.user_id for membership in memberships}
        context.update(
            {
                "project": project,
                "state": state_of(project),
                "evaluation": evaluation,
                "progress": progress_text(evaluation) if evaluation else "",
                "reviews": self.reviews(),
                "step_forms": self.step_forms(bound),
                "team": [
                    (team_name(membership.user, self.request.user), membership.get_role_display())
                    for membership in memberships
                ],
                "ownerless": not any(membership.role == Role.OWNER for membership in memberships),
                "priorities": project.priorities.all(),
                "pillars": project.pillars.all(),
                "roadmap_actions": project.roadmap_actions.all(),
                "links": project.links.all(),
                "past_evaluations": project.evaluations.exclude(
                    pk=getattr(evaluation, "pk", None)
                ).select_related("grid"),
                # Staff read the whole timeline, the Commission's internal steps included.
                "events": [
                    (event, actor_name(event.actor, team_ids, self.request.user))
                    for event in project.events.select_related("actor")
                ],
                "overdue": bool(
                    evaluation
                    and evaluation.is_open
                    and evaluation.due_date
                    and evaluation.due_date < timezone.localdate()
                ),
            }
        )
        return context


class ProjectStepView(ProjectView):
    """Takes one Commission step from its form, then back to the project's page."""

    http_method_names = ["post"]

    def post(self, request, pk, step_name):
        declared = steps.BY_NAME.get(step_name)
        if declared is None or declared.audience != steps.COMMISSION or not declared.form_class:
            raise Http404
        form = step_form(declared, self.project, request.user, request.POST)
        refusal = declared.refusal(self.project, request.user)
        if refusal is None and form.is_valid():
            try:
                declared(self.project, request.user, **form.step_arguments())
            except ValidationError as error:
                form.add_step_errors(error)
            except (PermissionDenied, steps.TransitionError) as error:
                refusal = error  # changed under us between the check and the step
            else:
                messages.success(request, form.done_message())
                return redirect("projects_admin:detail", self.project.pk)
        if refusal is not None:
            return self.refused(declared, form, refusal)
        messages.error(request, _("The form has errors: please check it below."))
        return self.render_to_response(self.get_context_data(bound=form))

    def refused(self, declared, form, refusal):
        if isinstance(refusal, PermissionDenied):
            message, status = (
                _("“%(step)s” is not yours to take.") % {"step": declared.label},
                403,
            )
        else:
            message, status = refusal.message, 409
        messages.error(self.request, message)
        # The page again, reread, with the form as it was typed (kept even if the step is
        # closed now, so nothing typed is lost).
        self.__dict__.pop("evaluation", None)
        context = self.get_context_data(bound=form)
        context["refusal"] = message
        return self.render_to_response(context, status=status)


class QueueView(CommissionAreaMixin, WagtailAdminTemplateMixin, TemplateView):
    """The projects whose evaluation is open, with progress and due date; "mine to
    score" for an evaluator, "needing evaluators" for whoever assigns them."""

    template_name = "projects/admin/queue.html"
    page_title = gettext_lazy("Projects to evaluate")
    header_icon = "clipboard-list"
    FILTERS = {
        "all": gettext_lazy("All being evaluated"),
        "mine": gettext_lazy("Mine to score"),
        "unstaffed": gettext_lazy("Needing evaluators"),
    }

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = self.request.GET.get("filter", "all")
        if current not in self.FILTERS:
            current = "all"
        evaluations = queue(self.request.user, current)
        today = timezone.localdate()
        context.update(
            {
                "filters": list(self.FILTERS.items()),
                "current": current,
                "rows": [
                    {
                        "evaluation": evaluation,
                        "progress": progress_text(evaluation),
                        "overdue": bool(evaluation.due_date and evaluation.due_date < today),
                    }
                    for evaluation in evaluations
                ],
            }
        )
        return context


def queue(user, which="all"):
    """The open evaluations of the queue `which` ("all", "mine", "unstaffed")."""
    evaluations = (
        Evaluation.objects.open()
        .with_progress()
        .select_related("project", "project__territory", "grid")
        .order_by("due_date", "submitted_at")
    )
    if which == "mine":
        evaluations = evaluations.filter(
            pk__in=Review.objects.filter(evaluator=user, submitted_at__isnull=True).values(
                "evaluation"
            )
        )
    elif which == "unstaffed":
        evaluations = evaluations.filter(assigned_count__lt=MIN_EVALUATORS)
    return evaluations


# The evaluation grid -------------------------------------------------------------------


class GridPermissionPolicy(ModelPermissionPolicy):
    """Coordinators write the grid's versions; Commission 15 reads them. A version in use
    is never deleted (its evaluations keep it), and is edited only by a new version; the
    version in force is not deleted either (projects could no longer be submitted):
    another is put in force first."""

    def user_has_permission(self, user, action):
        if action == "view":
            return permissions.sees_portfolio(user)
        if action in {"add", "change", "delete"}:
            return permissions.is_coordinator(user)
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and (instance.in_use or instance.is_current):
            return False
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self.user_has_permission(user, action) for action in actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


class GridEditView(generic.EditView):
    """A version in use is frozen: the edit view says so and offers a new version."""

    in_use_template_name = "projects/admin/grid_in_use.html"

    def dispatch(self, request, *args, **kwargs):
        grid = self.get_object()
        if grid.in_use:
            return self.in_use(request, grid)
        return super().dispatch(request, *args, **kwargs)

    def in_use(self, request, grid):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        self.object = grid
        context = {
            "grid": grid,
            "message": _(
                "Version %(version)s of the grid is used by an evaluation, which keeps it "
                "as it was: it cannot be edited. Make a new version to change the criteria."
            )
            % {"version": grid.version},
            "new_version_url": reverse("projects_grids:new_version", args=[grid.pk]),
            "inspect_url": reverse("projects_grids:inspect", args=[grid.pk]),
            "breadcrumbs_items": self.get_breadcrumbs_items(),
            "header_title": str(grid),
            "header_icon": self.header_icon,
        }
        # Asked to save a version in use: refused, nothing changed.
        status = 409 if request.method == "POST" else 200
        return TemplateResponse(request, self.in_use_template_name, context, status=status)


class GridDeleteView(generic.DeleteView):
    """Wagtail's delete view asks only whether coordinators may delete grids at all; a
    version in use, or the one in force, is refused here with the reason, and kept."""

    def dispatch(self, request, *args, **kwargs):
        grid = self.object
        policy = self.permission_policy
        deletable = policy.user_has_permission_for_instance(request.user, "delete", grid)
        if policy.user_has_permission(request.user, "delete") and not deletable:
            if grid.in_use:
                reason = _("Version %(version)s is used by an evaluation: it is kept.")
            else:
                reason = _(
                    "Version %(version)s is the one in force: put another in force before "
                    "deleting it."
                )
            messages.error(request, reason % {"version": grid.version})
            return redirect("projects_grids:inspect", grid.pk)
        return super().dispatch(request, *args, **kwargs)


class GridNewVersionView(BaseObjectMixin, PermissionCheckedMixin, View):
    """Copies a version of the grid (criteria and scales) into the latest version, and
    opens the copy's edit view."""

    model = EvaluationGrid
    permission_required = "add"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        copy = self.object.new_version()
        messages.success(
            request,
            _(
                "Version %(version)s made from version %(source)s, as a draft: edit it "
                "below, then put it in force from its page. Until then new evaluations "
                "keep using the version in force."
            )
            % {"version": copy.version, "source": self.object.version},
        )
        return redirect("projects_grids:edit", copy.pk)


class GridInspectView(generic.InspectView):
    """A version of the grid: its status (in force, draft, superseded), its criteria,
    and for coordinators on a draft the button that puts it in force."""

    def get_in_force_since_display_value(self):
        if self.object.in_force_since is None:
            return _("Not in force (draft)")
        return date_format(timezone.localtime(self.object.in_force_since), "DATETIME_FORMAT")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        grid = self.object
        context["status"] = grid.status_label()
        context["put_in_force_url"] = (
            reverse("projects_grids:put_in_force", args=[grid.pk])
            if grid.is_draft and self.user_has_permission("change")
            else None
        )
        return context


class GridPutInForceView(BaseObjectMixin, PermissionCheckedMixin, View):
    """Puts a draft version in force: new evaluations use it from now on, those made
    with an earlier version keep theirs."""

    model = EvaluationGrid
    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        grid = self.object
        try:
            grid.put_in_force()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Version %(version)s is now in force: new evaluations use it.")
                % {"version": grid.version},
            )
        return redirect("projects_grids:inspect", grid.pk)
