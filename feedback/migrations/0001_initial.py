import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import feedback.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PageVote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("helpful", models.BooleanField(verbose_name="helpful")),
                (
                    "comment",
                    models.TextField(blank=True, max_length=2000, verbose_name="comment"),
                ),
                (
                    "created_on",
                    models.DateField(default=feedback.models.today, verbose_name="day"),
                ),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="page",
                    ),
                ),
            ],
            options={
                "verbose_name": "page vote",
                "verbose_name_plural": "page votes",
                "ordering": ["-created_on", "-pk"],
                "indexes": [
                    models.Index(fields=["page", "created_on"], name="feedback_vote_page_day"),
                    models.Index(fields=["created_on"], name="feedback_vote_day"),
                ],
            },
        ),
    ]
