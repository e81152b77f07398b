"""django-allauth's public forms with the site's honeypot (settings.ACCOUNT_FORMS).

A filled honeypot is refused quietly, each form the way it answers a person without
telling anything away: sign-up shows "check your email" but creates no account, password
reset shows "email sent" but sends nothing, sign-in says the email or password is wrong.
"""

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter

from web.honeypot import HoneypotFormMixin


class LoginForm(HoneypotFormMixin, allauth_forms.LoginForm):
    def clean(self):
        if not self._errors and self.caught_by_honeypot():
            # Sign-in is by email (ACCOUNT_LOGIN_METHODS); no password is even checked.
            raise get_adapter(self.request).validation_error("email_password_mismatch")
        return super().clean()


class SignupForm(HoneypotFormMixin, allauth_forms.SignupForm):
    def try_save(self, request):
        if self.caught_by_honeypot():
            return None, get_adapter(request).respond_email_verification_sent(request, None)
        return super().try_save(request)


class ResetPasswordForm(HoneypotFormMixin, allauth_forms.ResetPasswordForm):
    def save(self, request, **kwargs):
        if self.caught_by_honeypot():
            return self.cleaned_data["email"]
        return super().save(request, **kwargs)
