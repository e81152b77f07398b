import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0013_notification_interrupted_at"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="requestevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("submit", "Request filed"),
                    ("common_law", "Answered by ordinary policies"),
                    ("duplicate", "Merged into an earlier request"),
                    ("duplicate_received", "A duplicate was merged here"),
                    ("ask_clarification", "Clarification asked"),
                    ("route", "Routed to expert bodies"),
                    ("claim", "Taken in charge"),
                    ("ask_holder", "Question asked of the holder"),
                    ("holder_reply", "Holder replied"),
                    ("hand_over", "Handed over"),
                    ("note", "Internal note"),
                    ("answer", "Answer sent"),
                    ("approve_answer", "Answer approved"),
                    ("return_answer", "Answer sent back to the expert"),
                    ("accept", "Answer accepted"),
                    ("follow_up", "Follow-up question"),
                    ("publish", "Q&A page drafted for publication"),
                    ("anonymised", "Holder's personal data erased"),
                    ("link_roadmap_actions", "Linked to roadmap actions"),
                    ("qa_drafted", "Q&A page drafted, waiting for review"),
                    ("qa_draft_failed", "Q&A page could not be drafted: draft it by hand"),
                    ("qa_published", "Q&A page published"),
                    ("edit", "Request edited by the holder"),
                    ("withdraw", "Request withdrawn by the holder"),
                    ("remind", "Deadline reminder"),
                    ("escalate", "Overdue: escalated to the coordinators"),
                    ("cited_page_changed", "A page the answer cites has changed"),
                ],
                max_length=30,
                verbose_name="action",
            ),
        ),
        migrations.CreateModel(
            name="AnswerCitation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="citations",
                        to="desk.requestevent",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="page cited",
                    ),
                ),
                (
                    "request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="citations",
                        to="desk.howtorequest",
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.revision",
                        verbose_name="revision cited",
                    ),
                ),
                (
                    "told_revision",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.revision",
                        verbose_name="revision last told of",
                    ),
                ),
            ],
            options={
                "verbose_name": "answer citation",
                "verbose_name_plural": "answer citations",
                "ordering": ["event_id", "position", "pk"],
                "indexes": [
                    models.Index(fields=["page", "request"], name="desk_answer_page_id_cbeead_idx")
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("event", "page"), name="desk_cite_a_page_once")
                ],
            },
        ),
    ]
