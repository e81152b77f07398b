"""django-allauth's public forms with the site's honeypot (settings.ACCOUNT_FORMS).

A filled honeypot is refused quietly, each form the way it answers a person without
telling anything away: sign-up shows "check your email" but creates no account, password
reset shows "email sent" but sends nothing, sign-in says the email or password is wrong.
"""

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from web.honeypot import HoneypotFormMixin
from web.visible_text import VisibleTextFormMixin, strip_invisible

from .models import HolderProfile


class LoginForm(HoneypotFormMixin, allauth_forms.LoginForm):
    def clean(self):
        if not self._errors and self.caught_by_honeypot():
            # Sign-in is by email (ACCOUNT_LOGIN_METHODS); no password is even checked.
            raise get_adapter(self.request).validation_error("email_password_mismatch")
        return super().clean()


def _user_field_length(name):
    return get_user_model()._meta.get_field(name).max_length


def _name_fields():
    """A holder's name and organisation, asked at sign-up and on their account page: the
    name on the User (where allauth, the admin and the privacy rules read it), the
    organisation on their `HolderProfile`."""
    return {
        "first_name": forms.CharField(
            label=_("First name"),
            max_length=_user_field_length("first_name"),
            widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        ),
        "last_name": forms.CharField(
            label=_("Last name"),
            max_length=_user_field_length("last_name"),
            widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        ),
        "organisation": forms.CharField(
            label=_("Organisation"),
            max_length=HolderProfile._meta.get_field("organisation").max_length,
            widget=forms.TextInput(attrs={"autocomplete": "organization"}),
            help_text=_(
                "The town, company, association or farm you act for; your own name if you "
                "act for yourself."
            ),
        ),
    }


def save_organisation(user, organisation):
    HolderProfile.objects.update_or_create(user=user, defaults={"organisation": organisation})


class SignupForm(HoneypotFormMixin, allauth_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_name_fields())
        # Who they are first, then the address and password allauth asks for.
        self.order_fields(["first_name", "last_name", "organisation"])

    def clean(self):
        # Only the names are stripped of invisible characters (VisibleTextFormMixin's
        # rule): stripping the password would change it.
        cleaned_data = super().clean()
        for name in _name_fields():
            value = cleaned_data.get(name)
            if isinstance(value, str):
                if strip_invisible(value):
                    cleaned_data[name] = strip_invisible(value)
                else:
                    self.add_error(name, VisibleTextFormMixin.invisible_message)
        return cleaned_data

    def custom_signup(self, request, user):
        """allauth's hook once `save_user` has saved the account (and its names)."""
        save_organisation(user, self.cleaned_data["organisation"])

    def try_save(self, request):
        if self.caught_by_honeypot():
            return None, get_adapter(request).respond_email_verification_sent(request, None)
        return super().try_save(request)


class ResetPasswordForm(HoneypotFormMixin, allauth_forms.ResetPasswordForm):
    def save(self, request, **kwargs):
        if self.caught_by_honeypot():
            return self.cleaned_data["email"]
        return super().save(request, **kwargs)


class ProfileForm(VisibleTextFormMixin, forms.Form):
    """The holder's name and organisation, on their account page."""

    def __init__(self, *args, user, **kwargs):
        profile = HolderProfile.objects.filter(user=user).first()
        kwargs.setdefault(
            "initial",
            {
                "first_name": user.first_name,
                "last_name": user.last_name,
                "organisation": profile.organisation if profile else "",
            },
        )
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields.update(_name_fields())
        if user.is_staff or user.has_perm("wagtailadmin.access_admin"):
            # Staff act for the programme or their body: nothing to name here.
            self.fields["organisation"].required = False

    def save(self):
        self.user.first_name = self.cleaned_data["first_name"]
        self.user.last_name = self.cleaned_data["last_name"]
        self.user.save(update_fields=["first_name", "last_name"])
        save_organisation(self.user, self.cleaned_data["organisation"])
