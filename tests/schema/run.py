"""Schemathesis against the API of a served site, as an anonymous caller, a holder and a
coordinator (`make test-api`; CI runs it).

A fresh copy of the site (production settings, gunicorn, its own SQLite file: the
benchmarks' `running_site`) gets the demo content and roles, one holder with two
requests (so two projects, one with a member and an invitation), one coordinator and two
Commission 15 evaluators: one project is being evaluated (one review submitted), the
other decided and on the showcase. Each caller has a session made in the database.
Schemathesis then reads /api/v1/openapi.json and sends each operation what the schema
allows and what it does not, with each caller's cookies and CSRF header; the seeded
objects' ids are a dictionary it draws path parameters from, so operations meet real
projects, members, invitations, evaluations and showcase pages, not only 404s. The run
fails on any server error (5xx), any status an operation does not document, and any
answer whose content type or body breaks the schema. Abuse limits are off: they would
answer 429 after a few dozen requests and hide the rest.

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
from projects import steps as project_steps
from projects.api.common import opaque_id
from projects.models import EvaluationGrid
from workflows.roles import COORDINATORS, REVIEWERS

User = get_user_model()
holder = User.objects.create_user("api-holder", "api-holder@example.org", "unused-9f2c")
coordinator = User.objects.create_user(
    "api-coordinator", "api-coordinator@example.org", "unused-9f2c", is_staff=True
)
coordinator.groups.add(Group.objects.get(name=COORDINATORS))
member = User.objects.create_user("api-member", "api-member@example.org", "unused-9f2c")
evaluators = []
for number in (1, 2):
    evaluator = User.objects.create_user(
        f"api-evaluator{number}", f"api-evaluator{number}@example.org", "unused-9f2c",
        is_staff=True,
    )
    evaluator.groups.add(Group.objects.get(name=REVIEWERS))
    evaluators.append(evaluator)
for user in (holder, coordinator, member, *evaluators):
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

# Projects: one being evaluated (a review submitted, one in progress), one decided and
# shown on the showcase.
evaluated, decided = filed.project, routed.project
project_steps.invite_member(evaluated, holder, email=member.email)
invitation = evaluated.invitations.get()
project_steps.accept_invitation(evaluated, member, invitation=invitation)
project_steps.invite_member(evaluated, holder, email="api-invitee@example.org")
criteria = EvaluationGrid.objects.current().criteria.all()
scores = {criterion.pk: (2, "Justification") for criterion in criteria}
for project in (evaluated, decided):
    project_steps.submit_for_evaluation(project, coordinator)
    for evaluator in evaluators:
        project_steps.assign_evaluator(project, coordinator, evaluator=evaluator)
project_steps.score(evaluated, evaluators[0], scores=scores, notes="")
for evaluator in evaluators:
    project_steps.score(decided, evaluator, scores=scores, notes="")
project_steps.decide(
    decided, coordinator, decision="favourable", opinion="", public_justification="Solide."
)
project_steps.show_on_showcase(decided, holder)
from projects.showcase import sync  # the task's work, without a worker

sync(decided.pk)
decided.refresh_from_db()

ids = {
    "projects": [str(evaluated.public_id), str(decided.public_id)],
    "members": [
        str(opaque_id("membership", membership.pk))
        for membership in evaluated.memberships.all()
    ],
    "invitations": [str(pk) for pk in evaluated.invitations.values_list("public_id", flat=True)],
    "evaluations": [
        str(pk) for project in (evaluated, decided)
        for pk in project.evaluations.values_list("public_id", flat=True)
    ],
    "showcase": [decided.showcase_page.slug, str(decided.showcase_page.pk)]
    if decided.showcase_page else ["none"],
}

sessions = {}
for role, user in (
    ("holder", holder), ("coordinator", coordinator), ("evaluator", evaluators[1])
):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions[role] = session.session_key
print(json.dumps({"sessions": sessions, "ids": ids}))
"""

# Which seeded ids each path parameter draws from, and how often (the rest is
# generated: unknown ids must answer 404, never 500).
PARAMETERS = {
    "project_id": "projects",
    "member_id": "members",
    "invitation_id": "invitations",
    "evaluation_id": "evaluations",
    "key": "showcase",
}


def _prepare(site):
    site.manage("load_content", "-v", "0")
    seeded = json.loads(site.shell(PEOPLE).strip().splitlines()[-1])
    site.sessions = seeded["sessions"]
    site.config = _config(site.var_dir, seeded["ids"])


def _config(directory, ids):
    """A schemathesis.toml whose dictionaries are the seeded objects' ids."""
    lines = []
    for name, values in ids.items():
        lines.append(f"[dictionaries.{name}]")
        lines.append(f"values = {json.dumps(values)}")
    bindings = ", ".join(
        f'"path.{parameter}" = {{ dictionary = "{name}", probability = 0.5 }}'
        for parameter, name in PARAMETERS.items()
    )
    lines.append(f"parameters = {{ {bindings} }}")
    path = Path(directory) / "schemathesis-seeded.toml"
    # The top-level keys first: TOML puts what follows a table's header in the table.
    path.write_text("\n".join([lines[-1], *lines[:-1]]) + "\n")
    return path


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
                SCHEMATHESIS, "--config-file", str(site.config),
                "run", site.url("/api/v1/openapi.json"),
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
