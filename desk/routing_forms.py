"""The routing rules' admin form and filters: an empty priority or territory is a rule's
"any", and the selects say so instead of "---------"."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm

from knowledge.models import ExpertBody, Priority, Territory
from web.empty_choices import EmptyChoiceLabelsMixin

from .models import RoutingRule


class RoutingRuleForm(EmptyChoiceLabelsMixin, WagtailAdminModelForm):
    empty_choice_labels = {
        "priority": _("Any priority"),
        "territory": _("Any territory"),
        "body": _("Choose a body"),
    }

    class Meta:
        model = RoutingRule
        fields = ["priority", "territory", "body", "active"]


class RoutingRuleFilterSet(WagtailFilterSet):
    priority = django_filters.ModelChoiceFilter(
        label=_("Priority"), queryset=Priority.objects.all(), empty_label=_("All priorities")
    )
    territory = django_filters.ModelChoiceFilter(
        label=_("Territory"), queryset=Territory.objects.all(), empty_label=_("All territories")
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Expert body"),
        queryset=ExpertBody.objects.all(),
        empty_label=_("All expert bodies"),
    )
    active = django_filters.ChoiceFilter(
        label=_("Active"),
        choices=[(True, _("Active")), (False, _("Inactive"))],
        empty_label=_("All rules"),
    )

    class Meta:
        model = RoutingRule
        fields = ["priority", "territory", "body", "active"]
