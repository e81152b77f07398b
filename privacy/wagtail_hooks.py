"""Deleting a project holder in the admin (Users) erases them the same way as the
"My data" page does: requests kept and anonymised, attachments and traces removed."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from . import erasure, people


@hooks.register("before_delete_user")
def erase_holder_instead_of_deleting(request, user):
    # The hook also runs for the confirmation page (GET); only the POST deletes.
    if request.method != "POST" or people.is_staff_account(user):
        return None  # staff: Wagtail's own deletion, decided by an administrator
    account_number = user.pk  # None once the row is deleted
    erasure.delete_account(user, by=request.user)
    messages.success(
        request,
        _("The account of %(user)s was erased; their requests remain, anonymised.")
        % {"user": f"#{account_number}"},
    )
    return redirect("wagtailusers_users:index")
