"""django-allauth adaptations: remember the holder's language; send staff to the admin;
accept only email addresses at a domain name; our second-factor step at sign-in; a
record of the emails sent to an account, for its export; emails that name the site and
greet people by their name."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.users.models import UserProfile

from web.second_factor import ADMIN_ACCESS, SecondFactorStage

from .models import AccountEmail


def is_at_a_domain_name(email):
    """Whether the address is at a domain name, such as example.org.

    Django's EmailValidator also accepts address literals (`a@[127.0.0.1]`, `a@[::1]`) and
    `localhost`: the site would then send its emails to a server address or to itself.
    Every public domain name has a dot."""
    domain = email.rpartition("@")[2]
    return not domain.startswith("[") and "." in domain


def display_name(user):
    """How the site names a person (allauth's `user_display`, the admin): their name
    when they gave one, else their address."""
    return user.get_full_name() or user.email


@dataclass(frozen=True)
class SiteIdentity:
    """What allauth's emails call the site (`current_site`). Without the Sites framework
    allauth names it by the request's host ("127.0.0.1:8101"); the site has a name."""

    name: str
    domain: str


def site_identity():
    return SiteIdentity(
        name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc
    )


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        """Every form where someone gives allauth an address (sign-up, adding one on the
        email page, password reset) passes here."""
        email = super().clean_email(email)
        if not is_at_a_domain_name(email):
            raise forms.ValidationError(
                _(
                    "Enter an email address at a domain name, such as name@example.org, "
                    "not at a server address or a local name."
                ),
                code="email_not_at_a_domain_name",
            )
        return email

    def send_mail(self, template_prefix, email, context):
        context = {**context, "current_site": site_identity()}
        super().send_mail(template_prefix, email, context)
        # Once sent, for "My data": which email, to whom, when (never the body: its links
        # sign in). An email to an address with no account (allauth's "unknown account"
        # notice) is tied to nobody and not kept.
        user = context.get("user")
        if getattr(user, "pk", None) is not None:
            AccountEmail.objects.create(recipient=user, email=email, template=template_prefix)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            # Emails about their requests go out in the language they signed up in.
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = get_language() or ""
            profile.save(update_fields=["preferred_language"])
        return user

    def is_safe_url(self, url):
        """Never send a signed-in holder back to the admin: it sends them here (its one
        sign-in), and this would send them there again."""
        if not super().is_safe_url(url):
            return False
        user = getattr(getattr(self, "request", None), "user", None)
        if user is None or not user.is_authenticated or user.has_perm(ADMIN_ACCESS):
            return True
        return not urlsplit(url).path.startswith(reverse("wagtailadmin_home"))

    def get_login_stages(self):
        """allauth's stages, with its second-factor step replaced by ours, which knows when
        a single sign-on provider is trusted for it (web/second_factor.py)."""
        return [
            SecondFactorStage.__module__ + "." + SecondFactorStage.__qualname__
            if path == "allauth.mfa.stages.AuthenticateStage"
            else path
            for path in super().get_login_stages()
        ]

    def get_login_redirect_url(self, request):
        if request.user.has_perm(ADMIN_ACCESS):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
