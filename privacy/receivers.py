"""No holder's account leaves without its erasure, whichever path deletes it.

The "My data" page, the admin's delete page and retention call `erasure.erase`; Wagtail's
bulk delete, `User.delete()` and queryset deletes elsewhere do not. Rather than refuse
those paths (an exception deep inside Wagtail's bulk action, or a shell deletion that
fails half-way), the guard runs the same scrubbing before the row goes, inside the
deletion's own transaction: one rule, whoever deletes, and nothing left behind if the
deletion rolls back. Staff accounts are left to the deletion an administrator chose:
their names sign published work and reviews (erasure.py); an evaluator's private notes
go with them all the same (project_erasure.forget_notes).
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_delete
from wagtail.log_actions import get_active_log_context

from . import erasure, people, project_erasure


def scrub_holder_before_deletion(sender, instance, **kwargs):
    if getattr(instance, "_personal_data_scrubbed", False):
        return  # erased already by `erase`
    if people.is_staff_account(instance):
        # Staff: the deletion an administrator chose; only an evaluator's private notes
        # go, which nobody else may read once their author is gone.
        project_erasure.forget_notes(instance)
        return
    # In the admin, Wagtail's log context names who deletes: the audit log names them too.
    by = get_active_log_context().user
    if by is not None and (not by.is_authenticated or by.pk == instance.pk):
        by = None
    erasure.scrub(instance, reason="administrator" if by else "deletion", by=by)
    instance._personal_data_scrubbed = True


def connect():
    pre_delete.connect(
        scrub_holder_before_deletion,
        sender=get_user_model(),
        dispatch_uid="privacy-scrub-holder-before-deletion",
    )
