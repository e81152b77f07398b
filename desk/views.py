"""The holder's side of the request desk, on the public site. Thin: forms in, steps out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects import permissions as project_permissions
from search import statistics as search_statistics
from web import ratelimit

from . import actors, permissions, steps
from .forms import HowToRequestForm
from .models import Attachment, HowToRequest
from .uploads.handler import with_size_limited_uploads
from .uploads.serving import attachment_response

PAGE_SIZE = 20


def _visible_request(user, public_id):
    """The request if this person may see it; 404 otherwise, never 403."""
    request_obj = get_object_or_404(
        HowToRequest.objects.select_related(
            "territory", "assignee", "duplicate_of", "project"
        ).prefetch_related("bodies"),
        public_id=public_id,
    )
    if not permissions.can_view(user, request_obj):
        raise Http404
    return request_obj


@login_required
def my_requests(request):
    requests = (
        permissions.holder_requests(request.user)
        .select_related("territory", "project")
        # Whether the project's page is theirs to open (a member who left keeps the
        # requests they filed, not the project).
        .annotate(
            in_team=Exists(
                project_permissions.member_projects(request.user).filter(pk=OuterRef("project"))
            )
        )
        .order_by("-created_at", "-pk")
    )
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "desk/my_requests.html", {"requests": page, "paginator": page.paginator})


@with_size_limited_uploads
@login_required
def create(request):
    form = HowToRequestForm(
        request.POST or None,
        request.FILES or None,
        holder=request.user,
        # "Ask a question" from a project's page names the project.
        initial={"project": request.GET.get("project")},
    )
    if request.method == "POST" and form.is_valid():
        if form.caught_by_honeypot():
            # A robot: it is told what a person would be, and nothing is filed.
            messages.success(request, _("Your request has been filed."))
            return redirect("desk:my_requests")
        refusal = ratelimit.consume(request, "request_submit", per="user")
        if refusal is not None:
            return _refused_request_form(request, form, refusal)
        request_obj = steps.file_request(
            request.user,
            form.request_data(),
            form.cleaned_data["attachments"],
            language=get_language() or "fr",
        )
        # Deflection: what the form's visit showed before the holder filed anyway.
        search_statistics.record_filing(
            suggestions_shown=request.POST.get("suggestions_shown") == "1",
            suggestion_opened=request.POST.get("suggestion_opened") == "1",
        )
        messages.success(
            request,
            _("Your request %(reference)s has been filed. You will be told of each step.")
            % {"reference": request_obj.reference},
        )
        return redirect(request_obj)
    return render(
        request, "desk/request_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _refused_request_form(request, form, refusal):
    """Over the filing limit: the form again, as typed, saying when to send it (429)."""
    minutes = refusal.retry_after_minutes
    form.add_error(
        None,
        ngettext(
            "You have sent many requests in a short time. Please send this one again in "
            "%(count)d minute: what you typed is kept below.",
            "You have sent many requests in a short time. Please send this one again in "
            "%(count)d minutes: what you typed is kept below.",
            minutes,
        )
        % {"count": minutes},
    )
    if request.FILES:
        # Browsers never refill a file input.
        form.add_error(None, _("Attached files are not kept: please choose them again."))
    response = render(request, "desk/request_form.html", {"form": form}, status=429)
    return ratelimit.set_retry_after(response, refusal)


def _detail_context(request, request_obj, bound_form=None):
    """The request's page; the holder's open steps each bring their form (`<step>_form`)."""
    context = {
        "request_obj": request_obj,
        "is_holder": permissions.is_holder(request.user, request_obj),
        # A member of the project's team reads it as the holder does, without their steps.
        "is_team_member": permissions.is_team_member(request.user, request_obj),
        "reads_as_holder": permissions.reads_as_holder(request.user, request_obj),
        # Whoever reads this page (staff too), it shows what the holder may read.
        "events": actors.name_staff_for_holder(request_obj.timeline().readable_by_holder()),
        "priorities": request_obj.priorities.all(),
        "bodies": request_obj.bodies.all(),
    }
    for holder_step in steps.HOLDER_STEPS:
        context[f"{holder_step.name}_form"] = None
    for holder_step in steps.open_steps(request_obj, request.user, audience=steps.HOLDER):
        if bound_form is not None and bound_form.prefix == holder_step.name:
            context[f"{holder_step.name}_form"] = bound_form
        else:
            context[f"{holder_step.name}_form"] = holder_step.form(request_obj)
    return context


@login_required
def detail(request, public_id):
    request_obj = _visible_request(request.user, public_id)
    return render(request, "desk/request_detail.html", _detail_context(request, request_obj))


def _taken(request, request_obj, holder_step, form, done_message):
    """Take the holder's step from its valid form, then back to the request's page with
    what happened (or why not: the request changed meanwhile)."""
    try:
        holder_step.take_with_form(request_obj, request.user, form)
    except PermissionDenied as error:
        raise Http404 from error
    except steps.TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done_message)
    return redirect(request_obj)


def _take_holder_step(request, public_id, holder_step, done_message):
    request_obj = _visible_request(request.user, public_id)
    form = holder_step.form(request_obj, request.POST, request.FILES or None)
    if form.is_valid():
        return _taken(request, request_obj, holder_step, form, done_message)
    context = _detail_context(request, request_obj, bound_form=form)
    return render(request, "desk/request_detail.html", context, status=400)


@with_size_limited_uploads
@login_required
@require_POST
def reply(request, public_id):
    return _take_holder_step(request, public_id, steps.reply, _("Your reply has been sent."))


@login_required
@require_POST
def accept(request, public_id):
    return _take_holder_step(
        request,
        public_id,
        steps.accept_answer,
        _("Thank you: the answer is marked as accepted."),
    )


@login_required
@require_POST
def follow_up(request, public_id):
    return _take_holder_step(
        request,
        public_id,
        steps.follow_up,
        _("Your follow-up question has been sent to the expert."),
    )


def _holder_step_page(request, public_id, holder_step, template_name, done_message):
    """A holder's step with a page of its own (editing, withdrawing with a confirmation):
    its form on GET, taken on POST; to anyone but the holder, 404."""
    request_obj = _visible_request(request.user, public_id)
    refusal = holder_step.refusal(request_obj, request.user)
    if isinstance(refusal, PermissionDenied):
        raise Http404
    if refusal is not None:
        messages.error(request, refusal.message)
        return redirect(request_obj)
    if request.method != "POST":
        form = holder_step.form(request_obj)
        return render(request, template_name, {"request_obj": request_obj, "form": form})
    form = holder_step.form(request_obj, request.POST, request.FILES or None)
    if not form.is_valid():
        context = {"request_obj": request_obj, "form": form}
        return render(request, template_name, context, status=400)
    return _taken(request, request_obj, holder_step, form, done_message)


@with_size_limited_uploads
@login_required
def edit(request, public_id):
    return _holder_step_page(
        request,
        public_id,
        steps.edit_request,
        "desk/request_edit.html",
        _("Your request has been updated. The coordinators are told of the change."),
    )


@login_required
def withdraw(request, public_id):
    return _holder_step_page(
        request,
        public_id,
        steps.withdraw,
        "desk/request_withdraw.html",
        _("Your request has been withdrawn. It is closed."),
    )


@login_required
def attachment(request, public_id, pk):
    request_obj = _visible_request(request.user, public_id)
    files = Attachment.objects.filter(request=request_obj)
    if not permissions.can_see_internal(request.user, request_obj):
        # A file of an internal step (an answer waiting for review) is the staff's.
        files = files.filter(Q(event__isnull=True) | Q(event__internal=False))
    file = get_object_or_404(files, pk=pk)
    return attachment_response(file.file, file.original_name, file.content_type)
