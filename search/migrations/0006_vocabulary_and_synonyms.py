"""The index's vocabulary (typo tolerance) and the editors' synonym groups."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0005_postgres_gin_without_pending_list")]

    operations = [
        migrations.CreateModel(
            name="SynonymGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "terms",
                    models.CharField(
                        help_text=(
                            "Comma-separated terms a search takes for one another; a term "
                            "may have several words, e.g. “borne de recharge, point de "
                            "charge, IRVE”."
                        ),
                        max_length=500,
                        verbose_name="terms",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "synonym group",
                "verbose_name_plural": "synonym groups",
                "ordering": ["terms"],
            },
        ),
        migrations.CreateModel(
            name="VocabularyWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("folded", models.CharField(max_length=60, unique=True)),
                ("word", models.CharField(max_length=60)),
                ("stem", models.CharField(db_index=True, max_length=60)),
                ("length", models.PositiveSmallIntegerField()),
                ("documents", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name": "indexed word",
                "verbose_name_plural": "indexed words",
                "indexes": [
                    models.Index(fields=["length", "folded"], name="search_vocabulary_bucket")
                ],
            },
        ),
    ]
