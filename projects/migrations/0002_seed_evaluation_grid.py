"""The first version of the evaluation grid: the four criteria the seed gives for the
Region's funding (number and articulation of the pillars; sustainable-development
targets and common goods; territorial anchoring; involvement and cooperation of the
actors). Coordinators edit it in the admin, or copy it into a new version."""

from django.db import migrations

SCALE = "Absent\nFaible\nMoyen\nFort\nExemplaire"

CRITERIA = (
    (
        "Nombre et articulation des piliers",
        "Combien de piliers du master plan le projet mobilise-t-il ?\n"
        "Les piliers sont-ils articulés entre eux (production, stockage, réseaux, "
        "bâtiments, mobilité) ou juxtaposés ?",
    ),
    (
        "Développement durable et biens communs",
        "Quels effets sur l'environnement, l'économie, le social et l'efficacité "
        "énergétique ?\nLe projet produit-il des biens communs (données, infrastructures, "
        "savoir-faire partagés) ?",
    ),
    (
        "Ancrage territorial",
        "Le projet s'articule-t-il au territoire et à ses ressources ?\n"
        "Les retombées restent-elles sur le territoire ?",
    ),
    (
        "Implication et coopération des acteurs",
        "Quels acteurs sont impliqués (collectivités, entreprises, associations, "
        "habitants) ?\nCoopèrent-ils réellement, avec une gouvernance partagée ?",
    ),
)


def seed_grid(apps, schema_editor):
    EvaluationGrid = apps.get_model("projects", "EvaluationGrid")
    Criterion = apps.get_model("projects", "Criterion")
    if EvaluationGrid.objects.exists():
        return
    grid = EvaluationGrid.objects.create(
        version=1,
        title="Critères de qualification et d'évaluation de la TRI",
        introduction=(
            "Les critères que la Région introduit sur les financements qu'elle mobilise "
            "pour la démarche de la Troisième Révolution Industrielle."
        ),
    )
    for order, (name, questions) in enumerate(CRITERIA):
        Criterion.objects.create(
            grid=grid, sort_order=order, name=name, guiding_questions=questions, scale=SCALE
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(seed_grid, migrations.RunPython.noop)]
