"""Who the holder's side is told took a staff step: an expert by their body, a
coordinator as the TRI team; never more of a person than a first name.

The holder's page (`templates/desk/includes/event_actor.html`), the API's timeline and
the holder's emails all name staff this way. The holder's own steps, and steps whose
actor's account is gone, are named by the template and the API themselves.
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from knowledge.models import ExpertBody

from . import permissions


def acting_bodies(actor_ids):
    """{actor id: "ADEME, CD2E"}, the bodies each staff member acts for; coordinators
    (who act for the TRI team, whatever body they also belong to) and anyone without a
    body are left out. Two queries, whatever the number of actors."""
    actor_ids = set(actor_ids) - {None}
    if not actor_ids:
        return {}
    coordinator_ids = set(
        permissions.coordinators().filter(pk__in=actor_ids).values_list("pk", flat=True)
    )
    names = defaultdict(list)
    for user_id, acronym, name in (
        ExpertBody.objects.filter(group__user__in=actor_ids - coordinator_ids)
        .order_by("name")
        .values_list("group__user", "acronym", "name")
    ):
        names[user_id].append(acronym or name)
    return {user_id: ", ".join(bodies) for user_id, bodies in names.items()}


def staff_name(actor, body):
    """ "Claire, ADEME", "ADEME", "Claire, TRI team" or "The TRI team"."""
    first_name = actor.first_name if actor is not None else ""
    if body:
        return _("%(name)s, %(body)s") % {"name": first_name, "body": body} if first_name else body
    if first_name:
        return _("%(name)s, TRI team") % {"name": first_name}
    return _("The TRI team")


def name_staff_for_holder(events):
    """The events, each with `staff_name`: how the holder is told who took it (set for
    every event with an actor; the holder's own are named by whoever shows them)."""
    events = list(events)
    bodies = acting_bodies(event.actor_id for event in events)
    for event in events:
        event.staff_name = (
            staff_name(event.actor, bodies.get(event.actor_id)) if event.actor_id else ""
        )
    return events
