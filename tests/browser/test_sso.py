"""Single sign-on in a real browser, against a real OpenID Connect provider (django-oauth-
toolkit, tools/oidc-provider, started by conftest.py): the whole authorization-code flow
with PKCE, as ProConnect would run it. An agent whose email is the coordinator's signs in
from the sign-in page, types the coordinator's authenticator code (the provider is not
trusted for the second factor: OIDC_TRUSTED_FOR_MFA is off) and lands in the admin; an
agent whose email is a holder's is refused.
"""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from .conftest import (
    DEMO_TOTP_SECRET,
    OIDC_AGENT_PASSWORD,
    OIDC_HOLDER_AGENT,
    OIDC_PROVIDER_ID,
    OIDC_STAFF_AGENT,
    enter_second_factor,
    totp_code,
)


def sign_in_through_the_provider(page, agent, authorization_requests):
    page.goto("/compte/login/")
    page.locator("main").get_by_role("link", name="ProConnect").click()
    # allauth asks for a click, so that no other site can start a sign-in by a link.
    expect(page).to_have_url(re.compile(rf"/compte/oidc/{OIDC_PROVIDER_ID}/login/"))
    page.locator("main").get_by_role("button", name="Continuer").click()
    # The provider's own sign-in page.
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/login/\?next=/o/authorize/"))
    page.get_by_label("Identifiant").fill(agent[0])
    page.get_by_label("Mot de passe de l'agent").fill(OIDC_AGENT_PASSWORD)
    page.get_by_role("button", name="Se connecter au fournisseur").click()
    # The authorization request: a code, with PKCE's challenge.
    assert authorization_requests
    for authorization in authorization_requests:
        query = parse_qs(urlsplit(authorization).query)
        assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
        assert query["response_type"] == ["code"]


def watch_authorization_requests(page):
    requests = []
    page.on(
        "request",
        lambda request: (
            requests.append(request.url) if urlsplit(request.url).path == "/o/authorize/" else None
        ),
    )
    return requests


def test_staff_sign_in_by_sso_then_their_second_factor(site, new_context, screenshots):
    shot = screenshots("single-sign-on")
    page = new_context().new_page()
    authorization_requests = watch_authorization_requests(page)
    page.goto("/compte/login/")
    shot(page, "sign-in-page")
    sign_in_through_the_provider(page, OIDC_STAFF_AGENT, authorization_requests)

    # Back on the site, as the coordinator: their code first, then the admin.
    shot(page, "second-factor")
    enter_second_factor(page, totp_code(DEMO_TOTP_SECRET, account="coordination"))
    expect(page).to_have_url(re.compile(r"/admin/$"))
    shot(page, "admin")


def test_an_identity_with_a_holders_email_is_refused(site, browser, screenshots):
    """A context of its own: the refusal's 403 is logged by Chromium as a console error,
    which the shared watcher would count as a failure."""
    shot = screenshots("single-sign-on-refused")
    context = browser.new_context(base_url=site.url, locale="fr-FR")
    errors = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "console",
            lambda message: (
                errors.append(message.text)
                if message.type == "error" and "status of 403" not in message.text
                else None
            ),
        )
        authorization_requests = watch_authorization_requests(page)
        sign_in_through_the_provider(page, OIDC_HOLDER_AGENT, authorization_requests)

        expect(page).to_have_url(re.compile(rf"/compte/oidc/{OIDC_PROVIDER_ID}/login/callback/\?"))
        expect(page.get_by_role("heading", name="Connexion refusée")).to_be_visible()
        expect(page.locator("#single-sign-on-refusal")).to_have_attribute(
            "data-reason", "holder_account"
        )
        shot(page, "refused")
        # Not signed in: "My requests" asks for the sign-in.
        page.goto("/demandes/")
        expect(page).to_have_url(re.compile(r"/compte/login/"))
    finally:
        context.close()
    assert not errors, errors
