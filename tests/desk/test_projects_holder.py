"""A holder's projects on the public site: the journey, who sees what, bad input.

The team's pages ("My projects") are the team's only: anyone else, staff included,
gets a 404 and none of the project's strings; an owner's step refused to a member is a
403. The team reads Commission 15's decision, never the scores, the evaluators' notes
or who the evaluators are.
"""

import re
from urllib.parse import unquote

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from desk import permissions
from desk import steps as desk_steps
from desk.models import HowToRequest
from projects import steps as project_steps
from projects.models import EvaluationGrid, Invitation, Membership, Project, Role
from projects.notices import invitation_token
from tests.desk.files import pdf_file, pdf_upload
from tests.factories import ProjectFactory
from workflows import roles

pytestmark = pytest.mark.django_db

PROJECT_CANARY = "CANARY-PROJET-Gohelle"
SUMMARY_CANARY = "CANARY-RESUME chaufferie biomasse"
REQUEST_CANARY = "CANARY-DEMANDE raccordement"
FILE_CANARY = "canary-plan.pdf"
SCORE_CANARY = "CANARY-SCORE justification"
NOTES_CANARY = "CANARY-NOTES privées"
EVALUATOR_CANARY = "Evaluatrice-CANARY"


def project_form(priority, territory, **overrides):
    data = {
        "title": "Réseau de chaleur de la Gohelle",
        "summary": "Une chaufferie bois pour trois communes.",
        "organisations": "Commune de Loos-en-Gohelle\nBailleur social",
        "territory": territory.pk,
        "stage": "design",
        "priorities": [priority.pk],
        "budget": "1200000",
        "funding_sought": "300000",
        "funding_details": "FEDER et région",
        "partners": "Association locale",
        "expected_effects": "2 GWh par an de chaleur renouvelable",
        "links-TOTAL_FORMS": "2",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "10",
        "links-0-title": "Le site de la commune",
        "links-0-url": "https://loos-en-gohelle.example.org/",
        "links-1-title": "",
        "links-1-url": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def owner(make_user):
    return make_user(username="owner", first_name="Camille", last_name="Porteur")


@pytest.fixture
def member(make_user):
    return make_user(username="member", first_name="Mehdi", last_name="Membre")


@pytest.fixture
def outsider(make_user):
    return make_user(username="outsider", first_name="Olga")


@pytest.fixture
def project(owner, member, priority, territory):
    made = ProjectFactory(
        owner=owner,
        title=PROJECT_CANARY,
        summary=SUMMARY_CANARY,
        territory=territory,
        priorities=[priority],
    )
    Membership.objects.create(project=made, user=member, role=Role.MEMBER)
    return made


@pytest.fixture
def project_request(project, owner, request_data):
    """A request the owner filed in the project, with a file."""
    return desk_steps.file_request(
        owner,
        {**request_data(title=REQUEST_CANARY), "project": project},
        [pdf_upload(FILE_CANARY)],
    )


def _page(client, url):
    response = client.get(url)
    return response, response.content.decode()


# The journey -----------------------------------------------------------------------


def test_the_holder_journey_through_the_pages(
    client, owner, priority, territory, coordinator, committed, settings
):
    # 1. The owner describes a project.
    client.force_login(owner)
    response = client.post(reverse("projects:create"), project_form(priority, territory))
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert project.links.get().url == "https://loos-en-gohelle.example.org/"
    assert Membership.objects.get(project=project).user == owner
    response, page = _page(client, reverse("projects:mine"))
    with translation.override("fr"):
        assert project.title in page and f"<td>{Role.OWNER.label}</td>" in page

    # 2. They invite a partner by email: an email with the invitation's link goes out.
    with committed():
        response = client.post(
            reverse("projects:members", args=[project.public_id]),
            {"action": "invite", "email": "Partenaire@Example.org", "role": "member"},
        )
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    invitation = Invitation.objects.get()
    assert invitation.email == "partenaire@example.org"
    sent = [message for message in mail.outbox if "partenaire@example.org" in message.to]
    assert len(sent) == 1
    link = re.search(r"https?://[^\s]+/mes-projets/invitation/[^\s/]+/", sent[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    assert path == reverse("projects:invitation", args=[invitation_token(invitation)])

    # 3. The partner, without an account, opens it: the project and who invites, and
    # the ways to sign in or sign up that come back here.
    client.logout()
    response, page = _page(client, path)
    assert response.status_code == 200
    assert project.title in page and "Camille Porteur" in page
    signup = reverse("account_signup")
    assert f"{signup}?next=" in unquote(page)

    # 4. They sign up with the invited address, confirm it, and come back.
    mail.outbox.clear()
    response = client.post(
        f"{signup}?next={path}",
        {
            "first_name": "Camille",
            "last_name": "Martin",
            "organisation": "Commune d’Arras",
            "email": "partenaire@example.org",
            "password1": "une phrase de passe solide 42",
            "password2": "une phrase de passe solide 42",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    confirm = re.search(r"https?://[^\s]+/compte/[^\s]*confirm[^\s]*/", mail.outbox[-1].body)
    response = client.get("/" + confirm.group(0).split("/", 3)[3])
    if response.status_code == 200:  # allauth asks to confirm with a POST
        response = client.post("/" + confirm.group(0).split("/", 3)[3])
    assert response.status_code == 302
    assert response.url == path
    response, page = _page(client, path)
    assert response.status_code == 200 and 'action="' + path in page

    # 5. They join: on the project's page with a message.
    response = client.post(path, follow=True)
    assert response.redirect_chain[-1][0] == project.get_absolute_url()
    partner = Membership.objects.get(project=project, user__email="partenaire@example.org").user
    assert Membership.objects.get(user=partner).role == Role.MEMBER
    assert project.title in response.content.decode()
    assert "message--success" in response.content.decode()

    # 6. The partner files a request in the project: its description comes from it.
    form_page = client.get(reverse("desk:create") + f"?project={project.public_id}")
    assert f'value="{project.public_id}"' in form_page.content.decode()
    response = client.post(
        reverse("desk:create"),
        {
            "project": str(project.public_id),
            "title": REQUEST_CANARY,
            "question": "Comment raccorder le collège ?",
            "consent_to_publish": "on",
            "attachments": [pdf_file(FILE_CANARY)],
        },
    )
    filed = HowToRequest.objects.get()
    assert response.status_code == 302 and response.url == filed.get_absolute_url()
    assert filed.project == project and filed.holder == partner
    assert filed.project_description == project.summary
    assert filed.territory == project.territory and filed.stage == project.stage
    assert list(filed.priorities.all()) == [priority]
    assert "300" in filed.funding_sought and "FEDER" in filed.funding_sought
    _, page = _page(client, reverse("desk:my_requests"))
    assert REQUEST_CANARY in page and project.title in page

    # 7. The owner sees it on the project's page, reads it and its file, takes no
    # holder's step in it.
    client.force_login(owner)
    _, page = _page(client, project.get_absolute_url())
    assert REQUEST_CANARY in page and FILE_CANARY in page
    response, page = _page(client, filed.get_absolute_url())
    assert response.status_code == 200 and REQUEST_CANARY in page
    attachment = filed.attachments.get()
    assert client.get(attachment.get_absolute_url()).status_code == 200
    _, page = _page(client, reverse("desk:my_requests"))
    assert REQUEST_CANARY in page

    # 8. The owner consents to the showcase, then withdraws it.
    response = client.post(
        reverse("projects:showcase", args=[project.public_id]), {"consent": "show"}, follow=True
    )
    project.refresh_from_db()
    assert project.showcase_consent and project.showcase_consent_at
    assert response.redirect_chain[-1][0] == project.get_absolute_url()
    assert "message--success" in response.content.decode()
    client.post(reverse("projects:showcase", args=[project.public_id]), {"consent": "hide"})
    project.refresh_from_db()
    assert not project.showcase_consent
    actions = list(project.events.values_list("action", flat=True))
    assert actions == ["create", "invite", "join", "showcase", "hide"]


# Who sees what -----------------------------------------------------------------------


@pytest.fixture
def people(owner, member, outsider, expert, coordinator):
    return {
        "anonymous": None,
        "owner": owner,
        "member": member,
        "outsider": outsider,
        "expert": expert,
        "coordinator": coordinator,
    }


@pytest.fixture
def pending_invitation(project, owner):
    project_steps.invite_member(project, owner, email="invitee@example.org")
    return Invitation.objects.get(project=project, email="invitee@example.org")


TEAM_ONLY = {"owner", "member"}
# GET: what each person gets at each page (302: sent to sign in).
EXPECTED_GET = {
    "mine": dict.fromkeys(["owner", "member", "outsider", "expert", "coordinator"], 200),
    "create": dict.fromkeys(["owner", "member", "outsider", "expert", "coordinator"], 200),
    "detail": {"owner": 200, "member": 200, "outsider": 404, "expert": 404, "coordinator": 404},
    "edit": {"owner": 200, "member": 403, "outsider": 404, "expert": 404, "coordinator": 404},
    "members": {"owner": 200, "member": 200, "outsider": 404, "expert": 404, "coordinator": 404},
    # The invitation is for invitee@: a team member is sent to the project, anyone else
    # signed in is told it is for another address.
    "invitation": {
        "anonymous": 200,
        "owner": 302,
        "member": 302,
        "outsider": 403,
        "expert": 403,
        "coordinator": 403,
    },
}


def _url(name, project, invitation):
    if name in ("mine", "create"):
        return reverse(f"projects:{name}")
    if name == "invitation":
        return reverse("projects:invitation", args=[invitation_token(invitation)])
    return reverse(f"projects:{name}", args=[project.public_id])


@pytest.mark.parametrize(
    "role", ["anonymous", "owner", "member", "outsider", "expert", "coordinator"]
)
def test_every_project_page_for_every_person(
    role, client, people, project, project_request, pending_invitation
):
    user = people[role]
    if user is not None:
        client.force_login(user)
    for name, expected in EXPECTED_GET.items():
        url = _url(name, project, pending_invitation)
        response, page = _page(client, url)
        wanted = expected.get(role, 302)
        assert response.status_code == wanted, (role, name, response.status_code)
        if wanted == 302 and role == "anonymous":
            assert response.url.startswith(reverse("account_login")), (role, name)
        shows_project = name in ("detail", "members", "mine", "edit") and role in TEAM_ONLY
        if name == "edit" and role != "owner":
            shows_project = False
        if not shows_project and name != "invitation":
            for canary in (PROJECT_CANARY, SUMMARY_CANARY, REQUEST_CANARY, FILE_CANARY):
                assert canary not in page, (role, name, canary)
        if name == "detail" and role in TEAM_ONLY:
            for canary in (PROJECT_CANARY, SUMMARY_CANARY, REQUEST_CANARY, FILE_CANARY):
                assert canary in page, (role, canary)
        if name == "invitation" and role in ("outsider", "expert", "coordinator"):
            assert SUMMARY_CANARY not in page and REQUEST_CANARY not in page

    # The project's request, and its file: the team reads them; anyone else, 404
    # (staff see them in the admin, where their bodies' requests are).
    response, page = _page(client, project_request.get_absolute_url())
    attachment = project_request.attachments.get()
    file_response = client.get(attachment.get_absolute_url())
    if role == "anonymous":
        assert response.status_code == 302 and file_response.status_code == 302
    elif role in TEAM_ONLY:
        assert response.status_code == 200 and REQUEST_CANARY in page
        assert file_response.status_code == 200
    elif role == "coordinator":
        assert response.status_code == 200  # coordinators see every request
    else:
        assert response.status_code == 404 and REQUEST_CANARY not in page
        assert file_response.status_code == 404


@pytest.mark.parametrize(
    "role", ["anonymous", "owner", "member", "outsider", "expert", "coordinator"]
)
def test_every_project_step_for_every_person(
    role, client, people, project, pending_invitation, make_user
):
    """The owner's steps: 302 back to the project for the owner; 403 to a member; 404 to
    anyone else; the anonymous visitor is sent to sign in. Nothing changes but for the
    owner."""
    user = people[role]
    if user is not None:
        client.force_login(user)
    # Another member, whom the steps name (removing oneself is leaving, tested apart).
    member_row = Membership.objects.create(project=project, user=make_user(username="third"))
    posts = [
        ("showcase", {"consent": "show"}),
        ("edit", {"title": "", "summary": "x"}),
        ("members", {"action": "invite", "email": "new@example.org", "role": "member"}),
        (
            "members",
            {"action": "revoke", "invitation": str(pending_invitation.public_id)},
        ),
        ("members", {"action": "role", "membership": member_row.pk, "role": "owner"}),
        ("members", {"action": "remove", "membership": member_row.pk}),
    ]
    for name, data in posts:
        url = reverse(f"projects:{name}", args=[project.public_id])
        response = client.post(url, data)
        status = response.status_code
        if role == "anonymous":
            assert status == 302 and response.url.startswith(reverse("account_login"))
        elif role == "owner":
            assert status in (302, 400), (name, data, status)
        elif role == "member":
            assert status == 403, (name, data, status)
        else:
            assert status == 404, (name, data, status)
    project.refresh_from_db()
    if role != "owner":
        assert not project.showcase_consent
        assert Membership.objects.filter(pk=member_row.pk, role=Role.MEMBER).exists()
        assert Invitation.objects.pending().filter(pk=pending_invitation.pk).exists()
        assert not Invitation.objects.filter(email="new@example.org").exists()
    else:
        assert project.showcase_consent
        assert not Membership.objects.filter(pk=member_row.pk).exists()
        assert not Invitation.objects.pending().filter(pk=pending_invitation.pk).exists()
        assert Invitation.objects.filter(email="new@example.org").exists()


def test_non_owners_see_the_team_but_no_forms(client, project, member, pending_invitation):
    client.force_login(member)
    _, page = _page(client, reverse("projects:members", args=[project.public_id]))
    assert "Camille Porteur" in page
    assert 'name="action" value="invite"' not in page
    assert 'name="action" value="remove"' not in page
    assert "invitee@example.org" not in page  # who is invited is the owners' business
    assert 'name="action" value="leave"' in page  # a member may leave
    _, page = _page(client, project.get_absolute_url())
    assert reverse("projects:showcase", args=[project.public_id]) not in page
    assert reverse("projects:edit", args=[project.public_id]) not in page


def test_a_member_leaves_and_keeps_only_the_requests_they_filed(
    client, project, member, owner, project_request, request_data
):
    own = desk_steps.file_request(member, {**request_data(title="Ma demande"), "project": project})
    client.force_login(member)
    response = client.post(
        reverse("projects:members", args=[project.public_id]), {"action": "leave"}
    )
    assert response.status_code == 302 and response.url == reverse("projects:mine")
    assert not Membership.objects.filter(project=project, user=member).exists()
    assert client.get(project.get_absolute_url()).status_code == 404
    assert client.get(project_request.get_absolute_url()).status_code == 404
    assert client.get(own.get_absolute_url()).status_code == 200
    _, page = _page(client, reverse("desk:my_requests"))
    assert "Ma demande" in page and REQUEST_CANARY not in page
    # Its project is named, no longer linked.
    assert project.get_absolute_url() not in page


def test_the_last_owner_may_not_leave(client, project, owner):
    client.force_login(owner)
    response = client.post(
        reverse("projects:members", args=[project.public_id]), {"action": "leave"}, follow=True
    )
    assert Membership.objects.filter(project=project, user=owner, role=Role.OWNER).exists()
    assert "message--error" in response.content.decode()


def test_an_owner_changes_a_role_and_the_new_owner_manages(client, project, owner, member):
    client.force_login(owner)
    row = Membership.objects.get(user=member)
    response = client.post(
        reverse("projects:members", args=[project.public_id]),
        {"action": "role", "membership": row.pk, "role": "owner"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.role == Role.OWNER
    client.force_login(member)
    assert client.get(reverse("projects:edit", args=[project.public_id])).status_code == 200
    response = client.post(
        reverse("projects:members", args=[project.public_id]),
        {"action": "role", "membership": row.pk, "role": "nonsense"},
        follow=True,
    )
    assert "message--error" in response.content.decode()


# The invitation's link ------------------------------------------------------------


def test_an_invitation_for_a_signed_in_person_with_the_address(client, project, owner, make_user):
    invitee = make_user(username="invitee", email="invitee@example.org")
    project_steps.invite_member(project, owner, email="invitee@example.org", role=Role.OWNER)
    url = reverse("projects:invitation", args=[invitation_token(Invitation.objects.get())])
    client.force_login(invitee)
    response, page = _page(client, url)
    assert response.status_code == 200 and PROJECT_CANARY in page
    assert not Membership.objects.filter(user=invitee).exists()  # a GET changes nothing
    response = client.post(url)
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert Membership.objects.get(user=invitee).role == Role.OWNER
    # Used once: the link now sends the member to the project.
    response = client.get(url)
    assert response.status_code == 302 and response.url == project.get_absolute_url()


@pytest.mark.parametrize("case", ["altered", "revoked", "expired", "used", "other account"])
def test_an_invitation_that_does_not_work_says_why(case, client, project, owner, make_user):
    project_steps.invite_member(project, owner, email="invitee@example.org")
    invitation = Invitation.objects.get()
    url = reverse("projects:invitation", args=[invitation_token(invitation)])
    someone = make_user(username="someone", email="someone@example.org")
    if case == "altered":
        url = url[:-3] + "xx/"
    elif case == "revoked":
        project_steps.revoke_invitation(project, owner, invitation=invitation)
    elif case == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at="2000-01-01T00:00Z")
    elif case == "used":
        used_by = make_user(username="used", email="invitee@example.org")
        project_steps.accept_invitation(project, used_by, invitation=invitation)
    client.force_login(someone)
    for response in (client.get(url), client.post(url)):
        expected = {"altered": 404, "other account": 403}.get(case, 410)
        assert response.status_code == expected, case
        assert "notice--warning" in response.content.decode()
    assert not Membership.objects.filter(user=someone).exists()


def test_an_anonymous_visitor_posting_is_sent_to_sign_in(client, pending_invitation):
    url = reverse("projects:invitation", args=[invitation_token(pending_invitation)])
    response = client.post(url)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


# Bad input keeps what was typed -------------------------------------------------------


def test_a_project_form_with_errors_keeps_what_was_typed(client, owner, priority, territory):
    client.force_login(owner)
    data = project_form(
        priority,
        territory,
        title="",
        organisations="",
        summary="Ce que j'ai tapé-KEEP",
        budget="-5",
        **{"links-1-title": "Sans adresse-KEEP"},
    )
    response = client.post(reverse("projects:create"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Ce que j&#x27;ai tapé-KEEP" in page and "Sans adresse-KEEP" in page
    assert "error-summary" in page
    for field in ("id_title_error", "id_organisations_error", "id_budget_error"):
        assert field in page
    assert "id_links-1-url_error" in page
    assert not Project.objects.exists()


def test_editing_a_project_records_what_changed(client, project, owner, priority, territory):
    client.force_login(owner)
    url = reverse("projects:edit", args=[project.public_id])
    response, page = _page(client, url)
    assert SUMMARY_CANARY in page
    response = client.post(
        url, project_form(priority, territory, title="Nouveau titre", summary="")
    )
    assert response.status_code == 400 and "Nouveau titre" in response.content.decode()
    project.refresh_from_db()
    assert project.title == PROJECT_CANARY
    response = client.post(url, project_form(priority, territory, title="Nouveau titre"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Nouveau titre"
    event = project.events.get(action="update")
    assert "title" in event.details["fields"] and "links" in event.details["fields"]


def test_an_invitation_form_with_errors_keeps_what_was_typed(client, project, owner, member):
    client.force_login(owner)
    url = reverse("projects:members", args=[project.public_id])
    response = client.post(url, {"action": "invite", "email": "pas-une-adresse", "role": "member"})
    assert response.status_code == 400 and 'value="pas-une-adresse"' in response.content.decode()
    # A member already in the team: the step's refusal, on the form.
    response = client.post(url, {"action": "invite", "email": member.email, "role": "member"})
    assert response.status_code == 400
    assert member.email in response.content.decode()
    assert not Invitation.objects.exists()


# Filing a request in a project ----------------------------------------------------


def test_the_request_form_offers_only_the_holders_projects(
    client, project, member, outsider, priority, territory
):
    other = ProjectFactory(title="CANARY-AUTRE-PROJET", territory=territory)
    client.force_login(member)
    page = client.get(reverse("desk:create")).content.decode()
    assert PROJECT_CANARY in page and "CANARY-AUTRE-PROJET" not in page
    # Another person's project, by its id: a form error, what was typed kept.
    response = client.post(
        reverse("desk:create"),
        {
            "project": str(other.public_id),
            "title": "Titre tapé-KEEP",
            "question": "Question tapée ?",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Titre tapé-KEEP" in page and "id_project_error" in page
    assert not HowToRequest.objects.exists()
    # A holder with no project: the form describes a new one, as before.
    client.force_login(outsider)
    page = client.get(reverse("desk:create")).content.decode()
    assert 'name="project"' not in page


def test_a_new_project_from_the_request_form(client, project, member, priority, territory):
    client.force_login(member)
    base = {"project": "", "title": "Une autre idée", "question": "Par où commencer ?"}
    response = client.post(reverse("desk:create"), base)
    assert response.status_code == 400
    page = response.content.decode()
    assert "id_project_description_error" in page and "id_territory_error" in page
    response = client.post(
        reverse("desk:create"),
        {
            **base,
            "project_description": "Une épicerie solidaire alimentée au solaire.",
            "priorities": [priority.pk],
            "territory": territory.pk,
            "stage": "idea",
        },
    )
    assert response.status_code == 302
    filed = HowToRequest.objects.get()
    assert filed.project != project
    assert filed.project_description == "Une épicerie solidaire alimentée au solaire."
    assert Membership.objects.get(project=filed.project).user == member
    assert permissions.reads_as_holder(member, filed)


# Staff see the project of the requests they may see, never its evaluation ---------------


@pytest.fixture
def decided(project, project_request, coordinator, staff_roles, make_user):
    """The project evaluated by two evaluators and decided."""
    evaluators = [
        make_user(roles.REVIEWERS, username=f"evaluator{n}", first_name=EVALUATOR_CANARY)
        for n in range(2)
    ]
    grid = EvaluationGrid.objects.current()
    project_steps.submit_for_evaluation(project, coordinator)
    for evaluator in evaluators:
        project_steps.assign_evaluator(project, coordinator, evaluator=evaluator)
    scores = {criterion.pk: (3, SCORE_CANARY) for criterion in grid.criteria.all()}
    for evaluator in evaluators:
        project_steps.score(project, evaluator, scores=scores, notes=NOTES_CANARY)
    project_steps.decide(
        project,
        coordinator,
        decision="conditional",
        opinion="CANARY-AVIS consolidé",
        public_justification="CANARY-JUSTIFICATION publique",
    )
    return project


def test_the_team_reads_the_decision_never_the_scores_notes_or_evaluators(
    client, decided, owner, member
):
    for person in (owner, member):
        client.force_login(person)
        _, page = _page(client, decided.get_absolute_url())
        assert "CANARY-JUSTIFICATION publique" in page and "CANARY-AVIS consolidé" in page
        for canary in (SCORE_CANARY, NOTES_CANARY, EVALUATOR_CANARY):
            assert canary not in page, canary
        _, page = _page(client, reverse("projects:mine"))
        assert EVALUATOR_CANARY not in page and SCORE_CANARY not in page


def test_the_expert_sees_the_project_of_a_routed_request_never_its_evaluation(
    client, decided, project_request, coordinator, expert, other_expert, body, member
):
    desk_steps.route(project_request, coordinator, [body], "")
    client.force_login(expert)
    response, page = _page(client, reverse("desk_admin:inspect", args=[project_request.pk]))
    assert response.status_code == 200
    assert PROJECT_CANARY in page and SUMMARY_CANARY in page
    assert "Commune de Loos-en-Gohelle" in page
    assert "2 people" in page or "2 personnes" in page
    for canary in (SCORE_CANARY, NOTES_CANARY, EVALUATOR_CANARY, "CANARY-AVIS", "CANARY-JUST"):
        assert canary not in page, canary
    # Not a member: the team's page of the project is not theirs.
    assert client.get(decided.get_absolute_url()).status_code == 404
    client.force_login(other_expert)
    response = client.get(reverse("desk_admin:inspect", args=[project_request.pk]))
    assert response.status_code == 404


# Query counts ------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_project_page_asks_as_much_with_one_or_ten_requests(
    client, project, owner, member, request_data, django_assert_max_num_queries
):
    desk_steps.file_request(owner, {**request_data(), "project": project}, [pdf_upload()])
    client.force_login(owner)
    url = project.get_absolute_url()
    client.get(url)  # warm the caches that do not belong to the page
    one = _queries(client, url)
    for n in range(9):
        holder = owner if n % 2 else member
        desk_steps.file_request(
            holder, {**request_data(title=f"Demande {n}"), "project": project}, [pdf_upload()]
        )
    ten = _queries(client, url)
    assert ten == one
    with django_assert_max_num_queries(30):
        client.get(url)
    # My projects, the same with one project or several.
    mine = _queries(client, reverse("projects:mine"))
    for _n in range(4):
        ProjectFactory(owner=owner)
    assert _queries(client, reverse("projects:mine")) == mine


# Who reads the team's addresses (projects.permissions.sees_member_emails) ------------

NAMELESS_EMAIL = "canary.sans-nom@example.org"


@pytest.fixture
def nameless(project, make_user, request_data):
    """A member without a name, who filed a request in the project."""
    user = make_user(username="nameless", first_name="", last_name="", email=NAMELESS_EMAIL)
    Membership.objects.create(project=project, user=user, role=Role.MEMBER)
    desk_steps.file_request(user, {**request_data(title=REQUEST_CANARY), "project": project}, [])
    return user


def test_a_member_reads_no_other_address_of_the_team_the_owner_does(
    client, project, owner, member, nameless
):
    pages = (
        reverse("projects:members", args=[project.public_id]),
        project.get_absolute_url(),
    )
    client.force_login(member)
    for url in pages:
        response, page = _page(client, url)
        assert response.status_code == 200
        assert NAMELESS_EMAIL not in page and owner.email not in page, url
        with translation.override(response.headers["Content-Language"]):
            unnamed = escape(translation.gettext("A member of the team (no name given)"))
            assert unnamed in page, url
    # The request the nameless member filed is listed, under the same unnamed label.
    assert REQUEST_CANARY in page
    client.force_login(owner)
    for url in pages:
        _, page = _page(client, url)
        assert NAMELESS_EMAIL in page, url


# The invitation page: the inviter by name only; a closed link tells nothing -----------


def test_an_invitation_names_its_inviter_never_by_address(client, project, owner, make_user):
    project_steps.invite_member(project, owner, email="invitee@example.org")
    url = reverse("projects:invitation", args=[invitation_token(Invitation.objects.get())])
    _, page = _page(client, url)
    assert PROJECT_CANARY in page and "Camille Porteur" in page
    assert owner.email not in page
    nameless = make_user(username="nameless", first_name="", last_name="", email=NAMELESS_EMAIL)
    Membership.objects.create(project=project, user=nameless, role=Role.OWNER)
    project_steps.invite_member(project, nameless, email="second@example.org")
    second = Invitation.objects.get(email="second@example.org")
    response, page = _page(client, reverse("projects:invitation", args=[invitation_token(second)]))
    assert response.status_code == 200 and PROJECT_CANARY in page
    assert NAMELESS_EMAIL not in page


@pytest.mark.parametrize("case", ["altered", "revoked", "expired", "used"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_a_closed_or_invalid_invitation_shows_nothing_of_the_project(
    case, signed_in, client, project, owner, make_user
):
    project_steps.invite_member(project, owner, email="invitee@example.org")
    invitation = Invitation.objects.get()
    url = reverse("projects:invitation", args=[invitation_token(invitation)])
    if case == "altered":
        url = url[:-3] + "xx/"
    elif case == "revoked":
        project_steps.revoke_invitation(project, owner, invitation=invitation)
    elif case == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at="2000-01-01T00:00Z")
    elif case == "used":
        used_by = make_user(username="used", email="invitee@example.org")
        project_steps.accept_invitation(project, used_by, invitation=invitation)
    if signed_in:
        client.force_login(make_user(username="someone", email="someone@example.org"))
    response, page = _page(client, url)
    assert response.status_code == (404 if case == "altered" else 410)
    assert "notice--warning" in page
    for canary in (PROJECT_CANARY, SUMMARY_CANARY, "Camille", "Porteur", owner.email):
        assert canary not in page, canary
