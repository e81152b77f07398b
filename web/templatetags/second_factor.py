"""The second factor in the account pages' templates (see web/second_factor.py)."""

from django import template

from web import second_factor

register = template.Library()


@register.simple_tag(takes_context=True)
def second_factor_required(context):
    """True for an account the admin asks a second factor of (staff)."""
    return second_factor.requires_second_factor(context["request"].user)


@register.simple_tag(takes_context=True)
def second_factor_continue_url(context):
    """Where enrolment leads on to: the admin address asked for, or "" for holders."""
    return second_factor.continue_url(context["request"])
