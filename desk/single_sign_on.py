"""Single sign-on for staff (OpenID Connect, ProConnect first): who an identity may be.

Invariants:
- An identity signs in to one existing account with admin access, whose address is
  verified on the site (allauth's EmailAddress) and equals the email the provider says it
  verified (`email_verified` true, nothing else counts as true). Anything else is refused
  with a page of ours (403): an email the provider did not verify, no such staff account,
  a holder's account, an inactive account, an identity already linked to another account.
- It never creates an account (no sign-up through the provider) and never changes one:
  no field, group, flag or permission is written; only allauth's link between the
  identity and the account (SocialAccount) is saved, the first time.
- The checks run on every sign-in, the identity's link notwithstanding: an account that
  lost its admin access, was deactivated or changed its address is refused at once.

Hand-written rather than allauth's email authentication: that one matches any account,
holders' included, trusts the provider's address without the site's own verification, and
wipes the account's password when it connects.
"""

import logging

from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthProcess
from django.shortcuts import render

from web.second_factor import ADMIN_ACCESS

logger = logging.getLogger(__name__)

REFUSAL_TEMPLATE = "socialaccount/single_sign_on_refused.html"


class Refusal(Exception):
    """Why an identity may not sign in; `reason` picks the page's explanation."""

    EMAIL_NOT_VERIFIED = "email_not_verified"
    NO_STAFF_ACCOUNT = "no_staff_account"
    HOLDER_ACCOUNT = "holder_account"
    INACTIVE_ACCOUNT = "inactive_account"
    OTHER_ACCOUNT = "other_account"

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def verified_provider_email(sociallogin):
    """The address the provider says it verified, or None. allauth reads the claim
    loosely (any truthy value); only JSON's true counts here."""
    for address in sociallogin.email_addresses:
        if address.verified is True and address.email:
            return address.email
    return None


def staff_account_for(sociallogin):
    """The one staff account this identity may sign in to; raises Refusal otherwise."""
    email = verified_provider_email(sociallogin)
    if email is None:
        raise Refusal(Refusal.EMAIL_NOT_VERIFIED)
    users = {
        address.user
        for address in EmailAddress.objects.filter(
            email__iexact=email, verified=True
        ).select_related("user")
    }
    if len(users) != 1:  # none, or (without ACCOUNT_UNIQUE_EMAIL) no single one
        raise Refusal(Refusal.NO_STAFF_ACCOUNT)
    (user,) = users
    if not user.is_active:
        raise Refusal(Refusal.INACTIVE_ACCOUNT)
    if not user.has_perm(ADMIN_ACCESS):
        raise Refusal(Refusal.HOLDER_ACCOUNT)
    return user


class StaffSingleSignOnAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return False

    def is_auto_signup_allowed(self, request, sociallogin):
        return False

    def pre_social_login(self, request, sociallogin):
        """Runs after allauth looked the identity up (`sociallogin.is_existing` when it is
        linked already), before any sign-in: the whole rule is here."""
        connecting = sociallogin.state.get("process") == AuthProcess.CONNECT
        try:
            user = staff_account_for(sociallogin)
            if sociallogin.is_existing and sociallogin.user.pk != user.pk:
                raise Refusal(Refusal.OTHER_ACCOUNT)
            if connecting and request.user.pk != user.pk:
                raise Refusal(Refusal.OTHER_ACCOUNT)
        except Refusal as refusal:
            logger.warning(
                "Single sign-on refused (%s) for %s identity %s",
                refusal.reason,
                sociallogin.account.provider,
                sociallogin.account.uid,
            )
            response = self.refusal_response(request, sociallogin, refusal)
            raise ImmediateHttpResponse(response) from refusal
        if not sociallogin.is_existing and not connecting:
            # The first sign-in links the identity to the account; allauth then signs in
            # an existing account, its second factor included.
            sociallogin.connect(request, user)

    def refusal_response(self, request, sociallogin, refusal):
        context = {"reason": refusal.reason, "provider_name": sociallogin.provider.name}
        return render(request, REFUSAL_TEMPLATE, context, status=403)
