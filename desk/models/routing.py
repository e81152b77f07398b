from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoutingRuleQuerySet(models.QuerySet):
    def bodies_for(self, priorities, territory):
        """Bodies proposed for a request: rules matching one of its priorities and its
        territory, an empty priority or territory on a rule matching any."""
        from knowledge.models import ExpertBody

        rules = self.filter(active=True).filter(
            models.Q(priority__isnull=True) | models.Q(priority__in=priorities),
            models.Q(territory__isnull=True) | models.Q(territory=territory),
        )
        return ExpertBody.objects.filter(routing_rules__in=rules).distinct()


class RoutingRule(models.Model):
    """Priority x territory -> expert body, edited by coordinators in the admin."""

    priority = models.ForeignKey(
        "knowledge.Priority",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="routing_rules",
        verbose_name=_("priority"),
        help_text=_("Leave empty to match every priority."),
    )
    territory = models.ForeignKey(
        "knowledge.Territory",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="routing_rules",
        verbose_name=_("territory"),
        help_text=_("Leave empty to match every territory."),
    )
    body = models.ForeignKey(
        "knowledge.ExpertBody",
        on_delete=models.CASCADE,
        related_name="routing_rules",
        verbose_name=_("expert body"),
    )
    active = models.BooleanField(_("active"), default=True)

    objects = RoutingRuleQuerySet.as_manager()

    class Meta:
        ordering = ["priority__sort_order", "territory__name", "body__name"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self):
        priority = self.priority or _("any priority")
        territory = self.territory or _("any territory")
        return f"{priority} × {territory} → {self.body}"

    def clean(self):
        # Empty priority or territory means "any", and SQLite cannot make NULLs equal
        # in a unique constraint, so the same rule twice is refused here.
        twins = RoutingRule.objects.filter(
            priority=self.priority, territory=self.territory, body=self.body
        ).exclude(pk=self.pk)
        if twins.exists():
            raise ValidationError(_("This routing rule already exists."))
