"""Keep expert bodies' groups and section permissions in step with the admin."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from knowledge.models import (
    ExpertBody,
    GuideSectionPage,
    MasterPlanPage,
    QuestionIndexPage,
    RoadmapIndexPage,
)

from .services import ensure_body_group, link_commission_workflow, open_questions_to_coordinators


@receiver(post_save, sender=ExpertBody)
def give_new_body_a_group(sender, instance, raw=False, **kwargs):
    if not raw:
        ensure_body_group(instance)


@receiver(post_save, sender=GuideSectionPage)
def open_section_to_its_body(sender, instance, raw=False, **kwargs):
    if not raw and instance.expert_body_id:
        ensure_body_group(instance.expert_body)


@receiver(post_save, sender=MasterPlanPage)
@receiver(post_save, sender=RoadmapIndexPage)
def strategic_pages_need_commission_approval(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        link_commission_workflow(instance)


@receiver(post_save, sender=QuestionIndexPage)
def coordinators_edit_question_drafts(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        open_questions_to_coordinators(instance)
