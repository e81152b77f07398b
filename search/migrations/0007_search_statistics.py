from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0006_vocabulary_and_synonyms")]

    operations = [
        migrations.CreateModel(
            name="SearchStatistic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(verbose_name="day")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("search", "searches"),
                            ("results", "results found"),
                            ("zero", "searches without results"),
                            ("click", "results opened"),
                            ("rank_sum", "sum of the ranks opened"),
                            ("rank", "results opened at this rank"),
                            ("header_suggestion", "header suggestions opened"),
                            ("form_shown", "request forms showing suggestions"),
                            ("form_opened", "request forms where a suggestion was opened"),
                            ("filed", "requests filed"),
                            ("filed_shown", "requests filed after suggestions were shown"),
                            ("filed_opened", "requests filed after a suggestion was opened"),
                        ],
                        max_length=20,
                        verbose_name="figure",
                    ),
                ),
                (
                    "key",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="search term or rank"
                    ),
                ),
                ("count", models.PositiveBigIntegerField(default=0, verbose_name="count")),
            ],
            options={
                "verbose_name": "search statistic",
                "verbose_name_plural": "search statistics",
                "indexes": [models.Index(fields=["kind", "day"], name="search_statistic_kind_day")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("day", "kind", "key"), name="search_statistic_one_row_per_day"
                    )
                ],
            },
        ),
    ]
