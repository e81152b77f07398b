import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("knowledge", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="GapItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("search", "Search without results"),
                            ("unhelpful", "Page rated unhelpful"),
                            ("requests", "Requests without a guide"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("key", models.CharField(max_length=255)),
                ("title", models.CharField(max_length=255, verbose_name="title")),
                ("evidence", models.JSONField(blank=True, default=dict, verbose_name="evidence")),
                ("weight", models.PositiveIntegerField(default=0, verbose_name="weight")),
                (
                    "evidence_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="latest evidence"),
                ),
                ("page_fingerprint", models.CharField(blank=True, max_length=64)),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("open", "Open"),
                            ("closed", "Closed"),
                            ("dismissed", "Dismissed"),
                        ],
                        db_index=True,
                        default="open",
                        max_length=20,
                        verbose_name="state",
                    ),
                ),
                (
                    "state_changed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="state changed at"),
                ),
                (
                    "dismissal_reason",
                    models.TextField(
                        blank=True, max_length=1000, verbose_name="reason for dismissal"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="found at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "body",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="knowledge.expertbody",
                        verbose_name="expert body",
                    ),
                ),
                (
                    "closed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="closed by the page",
                    ),
                ),
                (
                    "draft",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="guide started",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="page",
                    ),
                ),
                (
                    "state_changed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="state changed by",
                    ),
                ),
            ],
            options={
                "verbose_name": "guidance gap",
                "verbose_name_plural": "guidance gaps",
                "indexes": [models.Index(fields=["state", "-weight"], name="gaps_backlog")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "key"), name="gaps_one_item_per_evidence"
                    )
                ],
            },
        ),
    ]
