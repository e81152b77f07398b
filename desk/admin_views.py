"""Wagtail admin screens of the request desk: the queue, a request, its steps.

Built on Wagtail's generic model views, so listing, filters, pagination, history
(from the audit log) and breadcrumbs come from Wagtail. What is added here is the
scoping (an expert sees only their bodies' requests; others answer 404) and the
step forms on the request's page.
"""

import django_filters
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.permission_policies import ModelPermissionPolicy

from knowledge.models import ExpertBody, Priority, Territory
from projects import permissions as project_permissions
from projects.models import Membership

from . import permissions, steps
from .models import HowToRequest
from .queues import QUEUES, in_queue_order, queue_filter
from .states import Status


class RequestFilterSet(WagtailFilterSet):
    queue = django_filters.ChoiceFilter(
        label=_("Queue"), choices=QUEUES, method="filter_queue", empty_label=_("All")
    )
    # Each empty choice says what it keeps (never "---------").
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All statuses")
    )
    bodies = django_filters.ModelChoiceFilter(
        label=_("Expert body"),
        queryset=ExpertBody.objects.all(),
        empty_label=_("All expert bodies"),
    )
    territory = django_filters.ModelChoiceFilter(
        label=_("Territory"), queryset=Territory.objects.all(), empty_label=_("All territories")
    )
    priorities = django_filters.ModelChoiceFilter(
        label=_("Priority"), queryset=Priority.objects.all(), empty_label=_("All priorities")
    )

    class Meta:
        model = HowToRequest
        fields = ["queue", "status", "bodies", "territory", "priorities"]

    def filter_queue(self, queryset, name, value):
        return queue_filter(queryset, self.request.user, value)


class ScopedMixin:
    """Only the requests this staff member may see exist for them; an address whose
    key is not a request's number (`inspect/abc/`) is no request either: 404."""

    def setup(self, request, *args, **kwargs):
        if "pk" in kwargs:
            try:
                HowToRequest._meta.pk.to_python(unquote(str(kwargs["pk"])))
            except ValidationError as error:
                raise Http404 from error
        super().setup(request, *args, **kwargs)

    def scoped_queryset(self):
        return permissions.staff_requests(self.request.user)


class DueColumn(Column):
    cell_template_name = "desk/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = instance.is_overdue(parent_context.get("today"))
        return context


class RequestIndexView(ScopedMixin, generic.IndexView):
    def get_base_queryset(self):
        return (
            self.scoped_queryset()
            .select_related("territory", "assignee", "holder")
            .prefetch_related("bodies")
        )

    def order_queryset(self, queryset):
        # A column the person sorted by; else the queue's order (open and soonest due
        # first, closed last), which a plain `ordering` cannot say across databases.
        if self.ordering in self.get_valid_orderings():
            return super().order_queryset(queryset)
        return in_queue_order(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


def _team_size():
    """How many people are in the team of the request's project (one query with it)."""
    memberships = (
        Membership.objects.filter(project=OuterRef("project"))
        .order_by()
        .values("project")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Subquery(memberships)


class RequestInspectView(ScopedMixin, generic.InspectView):
    template_name = "desk/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            self.scoped_queryset()
            .select_related(
                "holder__holder_profile",  # the holder's organisation, shown with their name
                "territory",
                "assignee",
                "duplicate_of",
                "qa_page",
                "project__territory",
            )
            # Each step's permission looks at the routed bodies: fetch them once.
            .prefetch_related("bodies")
            .annotate(project_team_size=_team_size()),
            pk=self.pk,
        )

    def get_fields(self):
        return []  # the template lays the request out itself

    def forms(self, bound_form=None):
        """(step, form) for each step open to this staff member, `bound_form` kept."""
        return [
            (
                staff_step,
                bound_form
                if bound_form is not None and bound_form.prefix == staff_step.name
                else staff_step.form(self.object, user=self.request.user),
            )
            for staff_step in steps.open_steps(self.object, self.request.user, steps.STAFF)
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request_obj = self.object
        context.update(
            {
                "request_obj": request_obj,
                "events": request_obj.timeline(),
                "attachments": request_obj.attachments.all(),
                "bodies": request_obj.bodies.all(),
                "priorities": request_obj.priorities.all(),
                # Linked by a coordinator (the link_roadmap_actions step).
                "roadmap_actions": request_obj.roadmap_actions.all(),
                "step_forms": kwargs.get("step_forms") or self.forms(),
                "overdue": request_obj.is_overdue(),
                "proposed": steps.proposed_bodies(request_obj)
                if steps.route.is_open(request_obj, self.request.user)
                else [],
                # The request's project as its team describes it, for whoever may see the
                # request (experts too); its evaluation only on the portfolio's pages.
                "project": request_obj.project,
                "project_pillars": request_obj.project.pillars.all(),
                "project_priorities": request_obj.project.priorities.all(),
                "project_team_size": request_obj.project_team_size,
                "sees_portfolio": project_permissions.sees_portfolio(self.request.user),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        name = kwargs.get("step_name") or request.POST.get("step")
        staff_step = steps.BY_NAME.get(name)
        if (
            staff_step is None
            or staff_step.audience != steps.STAFF
            or not staff_step.is_open(self.object, request.user)
        ):
            raise PermissionDenied
        form = staff_step.form(self.object, request.POST, request.FILES or None, user=request.user)
        if form.is_valid():
            try:
                event = staff_step.take_with_form(self.object, request.user, form)
            except steps.TransitionError as error:
                messages.error(request, error.message)
                status = 409
            else:
                return self.taken(staff_step, event)
        else:
            messages.error(request, _("The form has errors: please check it below."))
            status = 400
        # Keep what was typed: the page again, with this form bound.
        return self.render_to_response(
            self.get_context_data(step_forms=self.forms(bound_form=form)), status=status
        )

    def taken(self, staff_step, event):
        """Post, then redirect (a reload sends nothing twice): to the request's page, with
        what happened; to the queue when the step took the request out of the person's
        sight (handed over to another body)."""
        done = staff_step.done_text(self.object, event)
        if self.scoped_queryset().filter(pk=self.object.pk).exists():
            messages.success(self.request, done)
            return redirect("desk_admin:inspect", self.object.pk)
        messages.success(
            self.request,
            _("%(done)s The request has left your queue.") % {"done": done},
        )
        return redirect("desk_admin:index")


class RequestEditView(ScopedMixin, generic.EditView):
    def get_queryset(self):
        return self.scoped_queryset()


class RequestHistoryView(ScopedMixin, HistoryView):
    # Experts, who only view requests, may read their history too.
    any_permission_required = ["change", "view"]

    def get_base_object_queryset(self):
        return self.scoped_queryset()


class RequestPermissionPolicy(ModelPermissionPolicy):
    """Requests are filed by holders and changed by steps: nobody adds, copies or
    deletes one in the admin (the retention command anonymises instead)."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete", "copy"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in {"add", "delete", "copy"}:
            return False
        return super().user_has_permission_for_instance(user, action, instance)
