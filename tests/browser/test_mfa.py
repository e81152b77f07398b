"""The second factor in a real browser, in French: a new staff account, without an
authenticator, asks for an admin page; it is sent to enrolment, reads the secret off the
page as a person without a camera would, activates it with a code, sees its recovery
codes and goes on to the admin page it asked for. Signing in again asks for a code, and
a recovery code stands in for one.

The demo's staff accounts are enrolled already (demo/accounts.py): this one is made here.
"""

import re

from playwright.sync_api import expect

from .conftest import DEMO_PASSWORD, enter_second_factor, totp_code

NEW_STAFF = "nouvelle-editrice"
CREATE_NEW_STAFF = f"""
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from workflows import roles

user = get_user_model().objects.create_user(
    "{NEW_STAFF}", "{NEW_STAFF}@example.org", "{DEMO_PASSWORD}", first_name="Nina"
)
user.groups.add(Group.objects.get(name=roles.EDITORS))
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
"""


def sign_in_with_password(page):
    page.get_by_label("E-mail").fill(f"{NEW_STAFF}@example.org")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Connexion").click()


def test_staff_enrol_on_their_first_visit_to_the_admin(site, new_context, screenshots):
    shot = screenshots("second-factor")
    site.manage("shell", "-c", CREATE_NEW_STAFF)
    page = new_context().new_page()

    page.goto("/admin/pages/")
    expect(page).to_have_url(re.compile(r"/compte/login/\?next=/admin/pages/$"))
    sign_in_with_password(page)
    # allauth asks for the password again before any change to the second factor.
    expect(page).to_have_url(re.compile(r"/compte/reauthenticate/"))
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Confirmer").click()

    expect(page).to_have_url(re.compile(r"/compte/2fa/totp/activate/$"))
    expect(page.locator("#second-factor-required")).to_be_visible()
    expect(page.get_by_role("img", name="QR code à scanner")).to_be_visible()
    shot(page, "enrolment")
    secret = page.get_by_label("Secret d'authentification").input_value()
    page.get_by_label("Code de l'authentificateur").fill(totp_code(secret, account=NEW_STAFF))
    page.locator("main").get_by_role("button", name="Activer").click()

    expect(page).to_have_url(re.compile(r"/compte/2fa/recovery-codes/$"))
    expect(page.get_by_text("Application d'authentification activée.")).to_be_visible()
    recovery_codes = page.get_by_label("Codes inutilisés").input_value().split()
    assert len(recovery_codes) == 10
    shot(page, "recovery-codes")
    page.get_by_role("link", name="Continuer vers l'administration").click()
    # The page explorer (Wagtail opens an editor's at the home page).
    expect(page).to_have_url(re.compile(r"/admin/pages/(\d+/)?$"))
    expect(page.get_by_role("link", name="Feuille de route").first).to_be_visible()
    shot(page, "admin")

    # From now on the sign-in asks for a code; a recovery code stands in for one.
    page.goto("/compte/logout/")
    page.locator("main").get_by_role("button", name="Se déconnecter").click()
    page.goto("/admin/")
    sign_in_with_password(page)
    shot(page, "code-asked")
    enter_second_factor(page, recovery_codes[0])
    expect(page).to_have_url(re.compile(r"/admin/$"))
