"""The data migration that gives every existing request a project (desk 0008) loses
nothing: run on requests filed before projects existed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Only the desk goes back (to before the data migration); every app comes forward to
# its latest migration at the end, for the tests that follow.
BEFORE = [("desk", "0007_requests_belong_to_projects")]
AFTER = [("desk", "0009_every_request_has_a_project")]

LONG_DESCRIPTION = (
    "Nous voulons créer une boucle d'autoconsommation collective entre la mairie, l'école "
    "et les logements sociaux du quartier de la gare, avec des panneaux sur les toits. "
    "Le bailleur est partant."
)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_the_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


# Migrating needs real transactions; the flush after them must restore what the data
# migrations made (the home page, the seeded grid) for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_requests_join_one_project_per_holder_and_description(back_to_the_latest):
    old = _migrate(BEFORE)
    User = old.get_model("auth", "User")
    Territory = old.get_model("knowledge", "Territory")
    Priority = old.get_model("knowledge", "Priority")
    HowToRequest = old.get_model("desk", "HowToRequest")
    camille = User.objects.create(username="camille", email="camille@example.org")
    dominique = User.objects.create(username="dominique", email="dominique@example.org")
    lens = Territory.objects.create(name="Lens", slug="lens-m")
    arras = Territory.objects.create(name="Arras", slug="arras-m")
    sobriety = Priority.objects.create(name="Sobriété", slug="sobriete-m")
    mobility = Priority.objects.create(name="Mobilité", slug="mobilite-m")

    def filed(holder, description, territory, priority, **fields):
        how_to_request = HowToRequest.objects.create(
            holder=holder,
            title=fields.pop("title", "Comment financer ?"),
            question="Quelle aide ?",
            project_description=description,
            territory=territory,
            stage=fields.pop("stage", "idea"),
            **fields,
        )
        how_to_request.priorities.set([priority])
        return how_to_request

    first = filed(camille, LONG_DESCRIPTION, lens, sobriety, partners="Bailleur")
    # The same project, written with other spaces and case, later and further on.
    second = filed(
        camille,
        "  " + LONG_DESCRIPTION.upper().replace(" ", "  ") + " ",
        arras,
        mobility,
        stage="financing",
        funding_sought="FEDER, 40 000 €",
    )
    other = filed(camille, "Un garage solidaire de vélos.", lens, mobility)
    someone_else = filed(dominique, LONG_DESCRIPTION, lens, sobriety)
    erased = filed(None, "Une ressourcerie.", arras, sobriety)
    # Another erased holder's request, with the same (redacted) text: not the same project.
    other_erased = filed(None, "Une ressourcerie.", arras, sobriety)
    snapshot = {
        r.pk: (r.title, r.project_description, r.stage, r.partners, r.funding_sought)
        for r in HowToRequest.objects.all()
    }

    new = _migrate(AFTER)
    HowToRequest = new.get_model("desk", "HowToRequest")
    Project = new.get_model("projects", "Project")
    Membership = new.get_model("projects", "Membership")

    assert not HowToRequest.objects.filter(project__isnull=True).exists()
    assert Project.objects.count() == 5
    same = HowToRequest.objects.get(pk=first.pk).project
    assert HowToRequest.objects.get(pk=second.pk).project_id == same.pk
    assert HowToRequest.objects.get(pk=other.pk).project_id != same.pk
    assert HowToRequest.objects.get(pk=someone_else.pk).project_id != same.pk
    # The project is built from its requests, the latest winning; the title is the
    # description's first sentence cut at a word.
    assert same.summary == HowToRequest.objects.get(pk=second.pk).project_description
    assert same.stage == "financing" and same.territory_id == arras.pk
    assert same.partners == "Bailleur" and same.funding_details == "FEDER, 40 000 €"
    assert set(same.priorities.values_list("pk", flat=True)) == {sobriety.pk, mobility.pk}
    assert same.title.endswith("…") and len(same.title) <= 91
    assert " " not in same.title[-2:]
    owners = Membership.objects.filter(project=same)
    assert [(m.user_id, m.role) for m in owners] == [(camille.pk, "owner")]
    # An erased holder's request keeps a project, with nobody in its team.
    orphan = HowToRequest.objects.get(pk=erased.pk).project
    assert orphan.title == "Une ressourcerie" and not orphan.memberships.exists()
    assert HowToRequest.objects.get(pk=other_erased.pk).project_id != orphan.pk
    # Nothing of the requests changed.
    assert {
        r.pk: (r.title, r.project_description, r.stage, r.partners, r.funding_sought)
        for r in HowToRequest.objects.all()
    } == snapshot
