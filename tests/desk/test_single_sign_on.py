"""Single sign-on for staff: an identity maps to an existing staff account by verified
email, or is refused; it never creates or changes an account (desk/single_sign_on.py).

Each test builds the identity allauth would build from the provider's answer
(`sociallogin_from_response` with the claims) and completes the login through allauth's
own flow, in a request whose session the test client then carries on: the second factor
(allauth's stage, web/second_factor.py) and the admin. The whole exchange with a real
provider, PKCE included, is tests/browser/test_sso.py's.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory
from django.urls import reverse

from desk.single_sign_on import Refusal
from tests.second_factor import current_code

pytestmark = pytest.mark.django_db

ROOT_DIR = Path(__file__).resolve().parents[2]

PROVIDER_ID = "proconnect"
ISSUER = "https://idp.example.org/api/v2"
PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": PROVIDER_ID,
                "name": "ProConnect",
                "client_id": "tri-client",
                "secret": "tri-secret",
                "settings": {"server_url": ISSUER, "scope": ["openid", "email"]},
            }
        ],
    }
}
OPENID_CONFIGURATION = {
    "issuer": ISSUER,
    "authorization_endpoint": ISSUER + "/authorize",
    "token_endpoint": ISSUER + "/token",
    "userinfo_endpoint": ISSUER + "/userinfo",
    "jwks_uri": ISSUER + "/jwks",
}


@pytest.fixture(autouse=True)
def provider_configured(settings):
    settings.SOCIALACCOUNT_PROVIDERS = PROVIDERS
    settings.OIDC_PROVIDER_ID = PROVIDER_ID
    settings.OIDC_TRUSTED_FOR_MFA = False


def confirmed(user, verified=True):
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


@pytest.fixture
def staff_member(coordinator):
    return confirmed(coordinator)  # enrolled with TOTP_SECRET by tests.factories


@pytest.fixture
def unenrolled_staff_member(staff_roles, make_user):
    from workflows import roles

    return confirmed(
        make_user(roles.EDITORS, username="sans-code", is_staff=True, second_factor=False)
    )


def claims_for(email, email_verified=True, sub="agent-0001"):
    claims = {"sub": sub, "email": email, "given_name": "Agent", "usual_name": "Public"}
    if email_verified is not None:
        claims["email_verified"] = email_verified
    return claims


def sso_login(client, claims, process="login"):
    """Completes an SSO login with these claims as allauth's callback view would, then
    hands its session to `client`. Returns the response."""
    request = RequestFactory().get(f"/compte/oidc/{PROVIDER_ID}/login/callback/")
    SessionMiddleware(lambda request: None).process_request(request)
    if "sessionid" in client.cookies:
        request.session = client.session
    request.user = AnonymousUser()
    request._messages = default_storage(request)
    with request_context(request):
        provider = get_social_adapter().get_provider(request, PROVIDER_ID)
        sociallogin = provider.sociallogin_from_response(request, {"userinfo": claims})
        sociallogin.state = {"process": process}
        response = complete_social_login(request, sociallogin)
    request.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key
    return response


def accounts():
    """Everything about every account that signing in must not change."""
    return [
        (
            user.pk,
            user.username,
            user.email,
            user.password,
            user.is_active,
            user.is_staff,
            user.is_superuser,
            sorted(user.groups.values_list("name", flat=True)),
            sorted(user.user_permissions.values_list("codename", flat=True)),
            sorted(user.emailaddress_set.values_list("email", "verified", "primary")),
        )
        for user in get_user_model().objects.order_by("pk")
    ]


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_an_identity_maps_to_the_staff_account_with_its_verified_email(
    client, home, staff_member, holder
):
    before = accounts()
    response = sso_login(client, claims_for(staff_member.email.upper()))
    # An existing staff account: allauth's sign-in goes on, to the second factor.
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    link = SocialAccount.objects.get()
    assert (link.user, link.provider, link.uid) == (staff_member, PROVIDER_ID, "agent-0001")
    response = client.post(reverse("mfa_authenticate"), {"code": current_code()})
    assert response["Location"] == reverse("wagtailadmin_home")
    assert signed_in_user_id(client) == str(staff_member.pk)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert accounts() == before  # no account made, none changed, the password kept

    # Next time the link is used, and the same checks hold.
    client.logout()
    response = sso_login(client, claims_for(staff_member.email))
    assert response["Location"] == reverse("mfa_authenticate")
    assert SocialAccount.objects.count() == 1
    assert accounts() == before


REFUSALS = {
    "email not verified": ({"email_verified": False}, Refusal.EMAIL_NOT_VERIFIED),
    "no email_verified claim": ({"email_verified": None}, Refusal.EMAIL_NOT_VERIFIED),
    "a string, not true": ({"email_verified": "true"}, Refusal.EMAIL_NOT_VERIFIED),
    "no account": ({"email": "inconnu@example.org"}, Refusal.NO_STAFF_ACCOUNT),
    "an unverified address": ({"email": "non-verifie@example.org"}, Refusal.NO_STAFF_ACCOUNT),
    "a holder's account": ({"email": "holder_a@example.org"}, Refusal.HOLDER_ACCOUNT),
    "an inactive account": ({"email": "inactif@example.org"}, Refusal.INACTIVE_ACCOUNT),
}


@pytest.mark.parametrize("case", REFUSALS.values(), ids=REFUSALS.keys())
def test_refused_identities(client, home, staff_member, holder, staff_roles, make_user, case):
    from workflows import roles

    confirmed(holder)
    confirmed(make_user(roles.COORDINATORS, username="non-verifie", is_staff=True), False)
    confirmed(make_user(roles.COORDINATORS, username="inactif", is_staff=True, is_active=False))
    overrides, reason = case
    before = accounts()

    response = sso_login(client, claims_for(**{"email": staff_member.email, **overrides}))

    assert response.status_code == 403
    page = response.content.decode()
    assert f'data-reason="{reason}"' in page and "Connexion refusée" in page
    assert "<main" in page  # the site's layout
    assert signed_in_user_id(client) is None
    assert not SocialAccount.objects.exists()
    assert accounts() == before


def test_an_identity_linked_to_another_account_is_refused(client, home, staff_member, editor):
    confirmed(editor)
    SocialAccount.objects.create(user=editor, provider=PROVIDER_ID, uid="agent-0001")
    before = accounts()
    response = sso_login(client, claims_for(staff_member.email))
    assert (
        response.status_code == 403 and 'data-reason="other_account"' in response.content.decode()
    )
    assert signed_in_user_id(client) is None and accounts() == before


def test_a_staff_account_that_lost_its_admin_access_is_refused_despite_its_link(
    client, home, staff_member
):
    SocialAccount.objects.create(user=staff_member, provider=PROVIDER_ID, uid="agent-0001")
    staff_member.groups.clear()
    response = sso_login(client, claims_for(staff_member.email))
    assert response.status_code == 403
    assert 'data-reason="holder_account"' in response.content.decode()


def test_no_sign_up_through_single_sign_on(rf):
    assert get_social_adapter().is_open_for_signup(rf.get("/"), sociallogin=None) is False


def test_a_holder_cannot_connect_the_identity_of_a_staff_member(client, home, staff_member, holder):
    confirmed(holder)
    client.force_login(holder)
    response = sso_login(client, claims_for(staff_member.email), process="connect")
    assert response.status_code == 403 and not SocialAccount.objects.exists()


def test_the_second_factor_is_asked_unless_the_provider_is_trusted_for_it(
    client, home, staff_member, settings
):
    settings.OIDC_TRUSTED_FOR_MFA = True
    response = sso_login(client, claims_for(staff_member.email))
    assert response["Location"] == reverse("wagtailadmin_home")
    assert signed_in_user_id(client) == str(staff_member.pk)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_untrusted_sso_sends_unenrolled_staff_to_enrolment(client, home, unenrolled_staff_member):
    response = sso_login(client, claims_for(unenrolled_staff_member.email))
    assert response["Location"] == reverse("wagtailadmin_home")  # nothing to ask yet
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_trusted_sso_lets_unenrolled_staff_in_but_not_a_password_session(
    client, home, unenrolled_staff_member, settings
):
    settings.OIDC_TRUSTED_FOR_MFA = True
    sso_login(client, claims_for(unenrolled_staff_member.email))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    # The same account signed in by password still enrols.
    client.logout()
    client.force_login(unenrolled_staff_member)
    assert client.get(reverse("wagtailadmin_home"))["Location"] == reverse("mfa_activate_totp")


def test_the_sign_in_page_offers_the_provider_only_when_configured(client, home, settings):
    page = client.get(reverse("account_login")).content.decode()
    assert "ProConnect" in page and f"/compte/oidc/{PROVIDER_ID}/login/" in page
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    page = client.get(reverse("account_login")).content.decode()
    assert "ProConnect" not in page and "/compte/oidc/" not in page


def test_the_authorization_request_uses_pkce(client, home, monkeypatch):
    monkeypatch.setattr(OpenIDConnectOAuth2Adapter, "openid_config", OPENID_CONFIGURATION)
    # A GET shows a button (so that no other site can start a sign-in); the POST leaves.
    response = client.post(f"/compte/oidc/{PROVIDER_ID}/login/?process=login")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == ISSUER + "/authorize"
    query = parse_qs(location.query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["redirect_uri"] == [f"http://testserver/compte/oidc/{PROVIDER_ID}/login/callback/"]
    assert set(query["scope"][0].split()) == {"openid", "email"}


def read_settings(env):
    """SOCIALACCOUNT_PROVIDERS, OIDC_TRUSTED_FOR_MFA and the CSP's form-action as the
    settings read `env`."""
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps([settings.SOCIALACCOUNT_PROVIDERS, settings.OIDC_TRUSTED_FOR_MFA,"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']]))"
    )
    clean = {name: value for name, value in os.environ.items() if not name.startswith("OIDC_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "trihub.settings.test", **env},
        cwd=ROOT_DIR,
        capture_output=True,
        text=True,
    )
    return result


def test_the_provider_is_read_from_the_environment():
    nothing = read_settings({"PYTHONPATH": "site"})
    assert json.loads(nothing.stdout) == [
        {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": []}},
        False,
        ["'self'"],
    ]

    configured = read_settings(
        {
            "PYTHONPATH": "site",
            "OIDC_SERVER_URL": "https://fca.integ01.dev-agentconnect.fr/api/v2",
            "OIDC_CLIENT_ID": "id",
            "OIDC_CLIENT_SECRET": "secret",
            "OIDC_TRUSTED_FOR_MFA": "true",
        }
    )
    providers, trusted, form_action = json.loads(configured.stdout)
    assert trusted is True
    # The sign-in button's POST is redirected to the provider.
    assert form_action == ["'self'", "https://fca.integ01.dev-agentconnect.fr"]
    assert providers["openid_connect"]["OAUTH_PKCE_ENABLED"] is True
    (app,) = providers["openid_connect"]["APPS"]
    assert app == {
        "provider_id": "proconnect",
        "name": "ProConnect",
        "client_id": "id",
        "secret": "secret",
        "settings": {
            "server_url": "https://fca.integ01.dev-agentconnect.fr/api/v2",
            "scope": ["openid", "email", "given_name", "usual_name"],
        },
    }

    half = read_settings({"PYTHONPATH": "site", "OIDC_SERVER_URL": "https://idp.example.org"})
    assert half.returncode != 0 and "OIDC_CLIENT_ID" in half.stderr
