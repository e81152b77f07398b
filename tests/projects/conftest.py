import pytest

from projects.models import EvaluationGrid
from tests.factories import ProjectFactory
from workflows import roles


@pytest.fixture
def grid(db):
    """The seed's grid (projects/migrations/0002_seed_evaluation_grid.py)."""
    return EvaluationGrid.objects.current()


@pytest.fixture
def owner(make_user):
    return make_user(username="owner", first_name="Camille", last_name="Porteur")


@pytest.fixture
def member(make_user):
    return make_user(username="member")


@pytest.fixture
def outsider(make_user):
    """A holder who is not in the project's team."""
    return make_user(username="outsider")


@pytest.fixture
def project(owner, member, db):
    from projects.models import Membership

    made = ProjectFactory(owner=owner, title="Réseau de chaleur de la Gohelle")
    Membership.objects.create(project=made, user=member)
    return made


@pytest.fixture
def coordinator(staff_roles, make_user):
    return make_user(roles.COORDINATORS, username="coordinator")


@pytest.fixture
def evaluators(staff_roles, make_user):
    return [make_user(roles.REVIEWERS, username=f"evaluator{n}") for n in range(3)]


@pytest.fixture
def commission_member(staff_roles, make_user):
    """A member of Commission 15 not assigned to the evaluation."""
    return make_user(roles.REVIEWERS, username="commission")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what steps leave for after their commit (emails, the showcase), as a real
    commit would: `with committed(): steps.decide(...)`."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def full_scores(grid, level=3):
    return {
        criterion.pk: (level, f"Justification pour {criterion.name}")
        for criterion in grid.criteria.all()
    }
