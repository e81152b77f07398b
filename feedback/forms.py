"""The vote's form, and the comment's the thanks page offers.

Neither has a CSRF token (see feedback/views.py for why and what stands in for it);
both have the honeypot field of web/honeypot.py.
"""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from web.honeypot import HoneypotFormMixin
from web.visible_text import VisibleTextFormMixin

from .models import COMMENT_MAX_LENGTH

YES, NO = "yes", "no"

# A token that offers to comment a vote cast without one; it holds the vote's id and is
# good for a day (time enough to write a comment, not to collect tokens).
TOKEN_SALT = "feedback.vote-comment"
TOKEN_MAX_AGE = 24 * 3600


def vote_token(vote):
    return signing.dumps(vote.pk, salt=TOKEN_SALT)


def vote_id_from_token(token):
    try:
        return int(signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def comment_field(label):
    return forms.CharField(
        label=label,
        help_text=_(
            "Do not write your name or contact details: this comment is not answered. "
            "To ask a question, use the request desk."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
    )


class VoteForm(HoneypotFormMixin, VisibleTextFormMixin, forms.Form):
    helpful = forms.ChoiceField(
        label=_("Did this page help you?"),
        choices=[(YES, _("Yes")), (NO, _("No"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = comment_field(_("What was missing or unclear? (optional)"))

    def vote_arguments(self):
        return {
            "helpful": self.cleaned_data["helpful"] == YES,
            "comment": self.cleaned_data["comment"],
        }


class CommentForm(HoneypotFormMixin, VisibleTextFormMixin, forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    comment = comment_field(_("Your comment"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = True
