"""The "My data" page: rights, the export, the erasure of one's account. Thin."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from web import ratelimit

from . import erasure, export, people, retention
from .forms import DeleteAccountForm


def _page(request, form=None, status=200):
    staff = people.is_staff_account(request.user)
    context = {
        "form": None if staff else form or DeleteAccountForm(request.user),
        "staff_account": staff,
        **retention.retention_period(),
    }
    return render(request, "privacy/my_data.html", context, status=status)


@never_cache
@login_required
def my_data(request):
    return _page(request)


@never_cache
@login_required
def download(request):
    response = HttpResponse(
        export.export_json(request.user), content_type="application/json; charset=utf-8"
    )
    filename = f"donnees-tri-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_POST
# The form checks the password: without a limit, a stolen session could try them all.
@ratelimit.limit("account_delete", per="user", methods=("POST",))
def delete(request):
    form = DeleteAccountForm(request.user, request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        erasure.delete_account(request.user, by=request.user)
    except erasure.AccountDeletionRefused as error:
        messages.error(request, error.message)
        return redirect("privacy:my_data")
    logout(request)
    # After logout: the message goes in the fresh session (or cookie) the home page reads.
    messages.success(
        request,
        _(
            "Your account and your personal data have been erased. "
            "Your requests remain, anonymised."
        ),
    )
    return redirect("/")
