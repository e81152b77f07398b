"""Code the load benchmark runs in the site's `manage.py shell`: the people, sessions and
form choices set up before the load, and the counts of what was stored and sent after."""

import json

MARK = "BENCH-JSON:"

# Run in `manage.py shell` before the server starts: people, sessions, form choices.
SETUP_CODE = """
import json
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from wagtail.models import Page
from knowledge.models import Priority, Territory
from projects.models import ProjectStage
from workflows.roles import COORDINATORS

User = get_user_model()
params = json.loads({params!r})
coordinators = Group.objects.get(name=COORDINATORS)
for i in range(params["coordinators"]):
    user, _ = User.objects.get_or_create(
        username=f"bench-coord-{{i}}", defaults={{"email": f"bench-coord-{{i}}@example.org"}}
    )
    user.groups.add(coordinators)
User.objects.bulk_create(
    [User(username=f"bench-holder-{{i:04d}}", email=f"bench-holder-{{i:04d}}@example.org",
          password="!unusable") for i in range(params["holders"])],
    ignore_conflicts=True,
)
holders = list(User.objects.filter(username__startswith="bench-holder-").order_by("username"))
EmailAddress.objects.bulk_create(
    [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in holders],
    ignore_conflicts=True,
)
sessions = []
for user in holders:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    sessions.append(store.session_key)
pages = [p.get_url() for p in Page.objects.live().public().filter(depth__gte=2).order_by("path")]
print({mark!r} + json.dumps({{
    "sessions": sessions,
    "priorities": list(Priority.objects.values_list("pk", flat=True)),
    "territories": list(Territory.objects.values_list("pk", flat=True)),
    "stages": [value for value, _ in ProjectStage.choices],
    "pages": [url for url in pages if url],
    "coordinators": params["coordinators"],
}}))
"""

# Run after the load: wait for the queue to settle, then count what was stored and sent.
COUNT_CODE = """
import json, time
from pathlib import Path
from django.conf import settings
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from desk.models import HowToRequest, Notification
from desk.models.events import Action, RequestEvent
from desk.permissions import coordinators as desk_coordinators

deadline = time.monotonic() + {wait}
start = time.monotonic()
while time.monotonic() < deadline:
    waiting = DBTaskResult.objects.ready().count() + DBTaskResult.objects.running().count()
    pending = Notification.objects.filter(state__in=["pending", "sending"]).count()
    if not waiting and not pending:
        break
    time.sleep(0.5)
settled = time.monotonic() - start

requests = HowToRequest.objects.filter(holder__username__startswith="bench-holder-")
titles = list(requests.values_list("title", flat=True))
submits = RequestEvent.objects.filter(request__in=requests, action=Action.SUBMIT)
notifications = Notification.objects.filter(event__in=submits)
# Whom the desk tells as coordinators: its own rule, not a group's name.
coordinators = desk_coordinators().filter(is_active=True).exclude(email="").distinct().count()
per_request_recipient = (
    notifications.values("event__request", "recipient").annotate(n=Count("pk")).filter(n__gt=1)
)
delivery = DBTaskResult.objects.filter(task_path__endswith="deliver_notification")
task_args = {{}}
for args_kwargs in delivery.values_list("args_kwargs", flat=True):
    key = args_kwargs["args"][0]
    task_args[key] = task_args.get(key, 0) + 1
ids = set(notifications.values_list("pk", flat=True))
mail = Path(settings.EMAIL_FILE_PATH)
messages = sum(
    sum(1 for line in f.read_text(errors="replace").splitlines() if line.startswith("Message-ID:"))
    for f in mail.glob("*.log")
)
print({mark!r} + json.dumps({{
    "settled_seconds": round(settled, 1),
    "tasks_left": DBTaskResult.objects.ready().count() + DBTaskResult.objects.running().count(),
    "requests_stored": len(titles),
    "requests_distinct": len(set(titles)),
    "submit_events": submits.count(),
    "coordinators": coordinators,
    "notifications": notifications.count(),
    "notification_states": dict(
        notifications.values_list("state").annotate(n=Count("pk")).order_by()
    ),
    "duplicate_notifications": per_request_recipient.count(),
    "notifications_without_task": len([pk for pk in ids if pk not in task_args]),
    "notifications_queued_twice": len([pk for pk in ids if task_args.get(pk, 0) > 1]),
    "delivery_tasks": dict(delivery.values_list("status").annotate(n=Count("pk")).order_by()),
    "mail_messages": messages,
    "all_notifications_sent": Notification.objects.filter(state="sent").count(),
    "all_notifications": Notification.objects.count(),
}}))
"""


def shell_json(site, code):
    output = site.shell(code)
    for line in output.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    raise RuntimeError(f"no result in the shell's output:\n{output}")
