"""Review dates (knowledge/models/review.py): the pages' owner field, the review state
kept outside revisions, and the reminders sent. The published guides and Q&A pages get
their default owner (in their row and their revisions, so the editor keeps it) and a
review row due one interval after their last publication."""

import datetime

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def _default_owners(apps):
    """{page id: body id or None} for every guide and Q&A page, as the models' rule."""
    GuidePage = apps.get_model("knowledge", "GuidePage")
    GuideSectionPage = apps.get_model("knowledge", "GuideSectionPage")
    QuestionAnswerPage = apps.get_model("knowledge", "QuestionAnswerPage")
    sections = dict(GuideSectionPage.objects.values_list("path", "expert_body_id"))
    owners = {}
    for pk, path in GuidePage.objects.values_list("pk", "path"):
        owners[pk] = sections.get(path[:-4])
    for page in QuestionAnswerPage.objects.prefetch_related("expert_bodies"):
        bodies = sorted(page.expert_bodies.all(), key=lambda body: body.name)
        owners[page.pk] = bodies[0].pk if bodies else None
    return owners


def give_owners_and_review_dates(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentReview = apps.get_model("knowledge", "ContentReview")
    # 365 days: the default of settings.KNOWLEDGE_REVIEW_INTERVAL_DAYS when this migration
    # was written. Hard-coded: a migration must not depend on a setting that may be renamed
    # or change (the pages reviewed since follow the setting, knowledge.review.service).
    interval = datetime.timedelta(days=365)
    now = timezone.now()
    owners = _default_owners(apps)
    for model_name in ("GuidePage", "QuestionAnswerPage"):
        model = apps.get_model("knowledge", model_name)
        content_type = ContentType.objects.filter(
            app_label="knowledge", model=model_name.lower()
        ).first()
        for page in model.objects.all():
            owner_id = owners.get(page.pk)
            if owner_id is not None:
                model.objects.filter(pk=page.pk).update(owner_body_id=owner_id)
                if content_type is not None:
                    revisions = Revision.objects.filter(
                        content_type=content_type, object_id=str(page.pk)
                    )
                    for revision in revisions:
                        if "owner_body" not in revision.content:
                            revision.content["owner_body"] = owner_id
                            revision.save(update_fields=["content"])
            if page.live:
                published = page.last_published_at or page.first_published_at or now
                ContentReview.objects.get_or_create(
                    page_id=page.pk,
                    defaults={
                        "owner_id": owner_id,
                        "reviewed_at": published,
                        "review_by": timezone.localtime(published + interval).date(),
                    },
                )


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0004_showcase_and_roadmap_actions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="guidepage",
            name="owner_body",
            field=models.ForeignKey(
                blank=True,
                help_text="Who reviews this page and is reminded to. Empty: the editors.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="knowledge.expertbody",
                verbose_name="owner",
            ),
        ),
        migrations.AddField(
            model_name="questionanswerpage",
            name="owner_body",
            field=models.ForeignKey(
                blank=True,
                help_text="Who reviews this page and is reminded to. Empty: the editors.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="knowledge.expertbody",
                verbose_name="owner",
            ),
        ),
        migrations.CreateModel(
            name="ContentReview",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="content_review",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="page",
                    ),
                ),
                ("reviewed_at", models.DateTimeField(verbose_name="last reviewed")),
                ("review_by", models.DateField(db_index=True, verbose_name="review by")),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="content_reviews",
                        to="knowledge.expertbody",
                        verbose_name="owner",
                    ),
                ),
            ],
            options={
                "verbose_name": "content review",
                "verbose_name_plural": "content reviews",
                "permissions": [("review_editors_pages", "Can review the pages the editors own")],
            },
        ),
        migrations.CreateModel(
            name="ReviewReminder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("review_by", models.DateField(verbose_name="review by")),
                (
                    "kind",
                    models.CharField(
                        choices=[("due_soon", "Due soon"), ("overdue", "Overdue")],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("claim", models.UUIDField(db_index=True, verbose_name="claim")),
                ("claimed_at", models.DateTimeField(verbose_name="claimed at")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent at")),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="page",
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recipient",
                    ),
                ),
            ],
            options={
                "verbose_name": "review reminder",
                "verbose_name_plural": "review reminders",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("recipient", "page", "review_by", "kind"),
                        name="knowledge_one_review_reminder",
                    )
                ],
            },
        ),
        migrations.RunPython(give_owners_and_review_dates, migrations.RunPython.noop),
    ]
