"""A version of the evaluation grid is in force from `in_force_since` on; a new version
is a draft until a coordinator puts it in force. Every version that exists already was
the one new evaluations used when it was the latest (the seed's version 1 included), so
each is put in force at its creation: the latest stays the one in force."""

from django.db import migrations, models


def put_existing_grids_in_force(apps, schema_editor):
    EvaluationGrid = apps.get_model("projects", "EvaluationGrid")
    EvaluationGrid.objects.filter(in_force_since__isnull=True).update(
        in_force_since=models.F("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_validated_amounts_and_links")]

    operations = [
        migrations.AddField(
            model_name="evaluationgrid",
            name="in_force_since",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="in force since"
            ),
        ),
        migrations.RunPython(put_existing_grids_in_force, migrations.RunPython.noop),
    ]
