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

A middleware rather than a Wagtail hook: Wagtail has no hook that runs before every admin
view (each view is wrapped in its own `require_admin_access`), and a rule that must hold
for all admin URLs, those added later included, belongs where no URL can bypass it.
"""

from allauth.mfa.models import Authenticator
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
            if not has_second_factor(request.user):
                if request.method == "GET":
                    request.session[DESTINATION_SESSION_KEY] = request.get_full_path()
                return redirect("mfa_activate_totp")
            request.session.pop(DESTINATION_SESSION_KEY, None)
        return self.get_response(request)
