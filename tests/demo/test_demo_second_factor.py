"""Staff demo accounts come with a second factor from a documented secret (README)."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET, ensure_demo_accounts
from tests.factories import ExpertBodyFactory
from tests.second_factor import current_code

pytestmark = pytest.mark.django_db

STAFF = (
    "admin",
    "editeur",
    "commission15",
    "evaluatrice-enr",
    "coordination",
    "expert-ademe",
)


def _authenticators(username):
    return sorted(
        Authenticator.objects.filter(user__username=username).values_list("type", flat=True)
    )


def test_staff_demo_accounts_have_the_documented_authenticator(staff_roles):
    ExpertBodyFactory(slug="ademe", name="ADEME", acronym="ADEME")
    ensure_demo_accounts()
    ensure_demo_accounts()  # a second run adds nothing
    for username in STAFF:
        assert _authenticators(username) == ["recovery_codes", "totp"], username
        totp = Authenticator.objects.get(user__username=username, type="totp")
        assert totp.wrap().validate_code(current_code(DEMO_TOTP_SECRET)), username
    for username in ("porteur", "porteur-bailleur"):
        assert _authenticators(username) == []  # holders choose for themselves


def test_a_demo_staff_account_signs_in_with_a_code_from_the_secret(client, home, staff_roles):
    ensure_demo_accounts()
    response = client.post(
        reverse("account_login"), {"login": "coordination@example.org", "password": DEMO_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(DEMO_TOTP_SECRET)})
    assert response["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
