"""Schemathesis against the API of a served site, as an anonymous caller, a holder and a
coordinator (`make test-api`; CI runs it).

A fresh copy of the site (production settings, gunicorn, its own SQLite file: the
benchmarks' `running_site`) gets the demo content and roles, one holder with two
requests and one coordinator, each with a session made in the database. Schemathesis then
reads /api/v1/openapi.json and sends each operation what the schema allows and what it
does not, with each caller's cookies and CSRF header. The run fails on any server error
(5xx), any status an operation does not document, and any answer whose content type or
body breaks the schema. Abuse limits are off: they would answer 429 after a few dozen
requests and hide the rest.

    python tests/schema/run.py [--max-examples N] [--seed N]
"""

import argparse
import json
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.server import running_site  # noqa: E402

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
)

PEOPLE = """
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from desk import steps
from knowledge.models import ExpertBody, Priority, Territory
from workflows.roles import COORDINATORS

User = get_user_model()
holder = User.objects.create_user("api-holder", "api-holder@example.org", "unused-9f2c")
coordinator = User.objects.create_user(
    "api-coordinator", "api-coordinator@example.org", "unused-9f2c", is_staff=True
)
coordinator.groups.add(Group.objects.get(name=COORDINATORS))
for user in (holder, coordinator):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
request_data = {
    "title": "Réseau de chaleur partagé",
    "question": "Comment mutualiser l'étude de faisabilité ?",
    "project_description": "Trois communes, une chaufferie bois.",
    "priorities": [Priority.objects.first()],
    "territory": Territory.objects.first(),
    "stage": "idea",
    "partners": "",
    "funding_sought": "",
    "consent_to_publish": True,
}
filed = steps.file_request(holder, dict(request_data))
routed = steps.file_request(holder, dict(request_data, title="Bornes de recharge"))
steps.route(routed, coordinator, [ExpertBody.objects.first()], "")

sessions = {}
for role, user in (("holder", holder), ("coordinator", coordinator)):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions[role] = session.session_key
print(json.dumps(sessions))
"""


def _prepare(site):
    site.manage("load_demo", "-v", "0")
    site.sessions = json.loads(site.shell(PEOPLE).strip().splitlines()[-1])


def _headers(session_key):
    """Cookies and the CSRF header of a signed-in browser (the token: any secret, the
    same in the cookie and the header, as Django checks it)."""
    token = secrets.token_hex(16)
    cookie = f"csrftoken={token}" + (f"; sessionid={session_key}" if session_key else "")
    return ["-H", f"Cookie: {cookie}", "-H", f"X-CSRFToken: {token}"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    env = {"RATELIMITS_ENABLED": "false", "LOG_LEVEL": "WARNING"}
    failed = []
    with running_site(workers=2, env=env, setup=_prepare) as site:
        callers = {"anonymous": None, **site.sessions}
        for caller, session_key in callers.items():
            print(f"\n=== schemathesis as {caller} ===", flush=True)
            command = [
                SCHEMATHESIS, "run", site.url("/api/v1/openapi.json"),
                "--url", site.base_url,
                "--checks", ",".join(CHECKS),
                "--max-examples", str(options.max_examples),
                "--seed", str(options.seed),
                "--workers", "1",
                "--request-timeout", "30",
                "--phases", "examples,coverage,fuzzing",
                "--suppress-health-check", "all",
                *_headers(session_key),
            ]  # fmt: skip
            if subprocess.run(command, cwd=ROOT).returncode:
                failed.append(caller)
        server_errors = site.log_tail("gunicorn", lines=2000).count("Internal Server Error")
    if server_errors:
        print(f"schemathesis: the server logged {server_errors} internal errors")
        failed.append("server log")
    if failed:
        print(f"schemathesis: failures as {', '.join(failed)}")
        return 1
    print("schemathesis: no server error, no undocumented status, no schema violation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
