"""A second factor before the admin: every account that may use the Wagtail admin (the
`wagtailadmin.access_admin` permission, superusers included) enrols an authenticator
before any admin URL answers it. Holders may enrol too, from their account pages; nothing
asks them to.

Invariants:
- A signed-in account with admin access and no authenticator reaches no view under the
  admin's prefix: every such request, the admin's JSON endpoints and choosers included,
  is redirected to allauth's TOTP activation. The admin address it asked for (on GET) is
  kept in the session; the recovery codes page that follows the activation leads back to
  it (`continue_url`), and reaching the admin forgets it.
- Anonymous visitors and holders pass through untouched: the admin itself sends them to
  the sign-in page.
- Having an authenticator is enough: allauth's sign-in asks for its code every time (its
  MFA login stage), so a session of an enrolled account has passed the second factor.
  Deactivating it is allowed (a lost phone is replaced that way); the next admin URL asks
  for a new one.

- After a single sign-on, the provider's own second factor stands in for ours only if
  the settings trust it (OIDC_TRUSTED_FOR_MFA): then neither the code at sign-in
  (`SecondFactorStage`) nor the enrolment here is asked of that session. Otherwise an SSO
  sign-in is like a password's: the code, or the enrolment.

A middleware rather than a Wagtail hook: Wagtail has no hook that runs before every admin
view (each view is wrapped in its own `require_admin_access`), and a rule that must hold
for all admin URLs, those added later included, belongs where no URL can bypass it.
"""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.stages import AuthenticateStage
from django.conf import settings
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse

ADMIN_ACCESS = "wagtailadmin.access_admin"
# What allauth asks a code from at sign-in; recovery codes only stand in for those.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
DESTINATION_SESSION_KEY = "second_factor_destination"


def requires_second_factor(user):
    return user.is_authenticated and user.has_perm(ADMIN_ACCESS)


def has_second_factor(user):
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTOR_TYPES).exists()


def signed_in_by_trusted_provider(request, user):
    """Whether this session's sign-in went through the single sign-on provider and the
    settings trust that provider's own second factor. allauth records each way a session
    authenticated (its own passkey check reads the same records)."""
    if not getattr(settings, "OIDC_TRUSTED_FOR_MFA", False) or user is None:
        return False
    return any(
        record.get("method") == "socialaccount"
        and record.get("provider") == settings.OIDC_PROVIDER_ID
        for record in get_authentication_records(request, user)
    )


class SecondFactorStage(AuthenticateStage):
    """allauth's code step at sign-in (desk.accounts puts it in allauth's place), skipped
    after a sign-in through a provider trusted for the second factor."""

    def handle(self):
        if signed_in_by_trusted_provider(self.request, self.login.user):
            return None, True
        return super().handle()


def continue_url(request):
    """Where to go once enrolled: the admin address that sent the person to enrolment,
    else the admin's home for staff; holders have nowhere to be sent back to ("")."""
    destination = request.session.get(DESTINATION_SESSION_KEY)
    if destination:
        return destination  # stored by the middleware below: always a path of the admin
    if requires_second_factor(request.user):
        return reverse("wagtailadmin_home")
    return ""


class AdminSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            in_admin = request.path.startswith(reverse("wagtailadmin_home"))
        except NoReverseMatch:  # a URL configuration without the admin (some tests')
            in_admin = False
        if in_admin and requires_second_factor(request.user):
            if not has_second_factor(request.user) and not signed_in_by_trusted_provider(
                request, request.user
            ):
                if request.method == "GET":
                    request.session[DESTINATION_SESSION_KEY] = request.get_full_path()
                return redirect("mfa_activate_totp")
            request.session.pop(DESTINATION_SESSION_KEY, None)
        return self.get_response(request)
