"""A second factor for staff: required before any admin page, optional for holders.

The rule is web/second_factor.py (a middleware); the sign-in step, the codes and their
attempt limits are allauth's (allauth.mfa), with the limits of settings.ACCOUNT_RATE_LIMITS.
Each admin response is searched for canaries, strings that only the admin shows: the
title of a draft page (the explorer, the admin API) and of a request (the desk's queue).
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from desk import steps
from knowledge.models import StandardPage
from tests.factories import PASSWORD, TOTP_SECRET, add_page
from tests.second_factor import current_code, wrong_code
from web.second_factor import DESTINATION_SESSION_KEY
from workflows import roles

pytestmark = pytest.mark.django_db

PAGE_CANARY = "Canari-page-7f3e"
REQUEST_CANARY = "Canari-demande-91ab"


def sign_in(client, user, next_url=""):
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": user.email, "password": PASSWORD})


def confirm_password(client, url=None):
    """allauth asks for the password again before any change to the second factor, even
    just after signing in (MFA_REAUTHENTICATION_REQUIRED); `url` is where it asked."""
    return client.post(url or reverse("account_reauthenticate"), {"password": PASSWORD})


def enter_code(client, code):
    return client.post(reverse("mfa_authenticate"), {"code": code})


def signed_in(client):
    return "_auth_user_id" in client.session


def confirmed(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def canaries(home, holder, request_data, coordinator):
    page = add_page(home, StandardPage, publish=False, title=PAGE_CANARY)
    steps.file_request(holder, request_data(title=REQUEST_CANARY))
    return page


@pytest.fixture
def unenrolled_coordinator(staff_roles, make_user):
    return confirmed(
        make_user(roles.COORDINATORS, username="sans-code", is_staff=True, second_factor=False)
    )


@pytest.fixture
def unenrolled_superuser(make_user):
    return confirmed(
        make_user(username="racine", is_staff=True, is_superuser=True, second_factor=False)
    )


@pytest.fixture
def enrolled_coordinator(coordinator):
    return confirmed(coordinator)  # tests.factories enrols staff with TOTP_SECRET


def admin_urls(home):
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[home.pk]),
        reverse("desk_admin:index"),
        reverse("wagtailadmin_choose_page"),
        # The admin's JSON API, which the page chooser and the explorer menu call.
        reverse("wagtailadmin_api:pages:listing") + f"?child_of={home.pk}&fields=title",
    ]


@pytest.mark.parametrize("account", ["unenrolled_coordinator", "unenrolled_superuser"])
def test_staff_without_a_second_factor_get_enrolment_for_every_admin_url(
    client, request, canaries, home, account
):
    client.force_login(request.getfixturevalue(account))
    for url in admin_urls(home):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp"), url
        final = client.get(url, follow=True)
        html = final.content.decode()
        assert PAGE_CANARY not in html and REQUEST_CANARY not in html, url
        assert final.request["PATH_INFO"].startswith("/compte/"), url
    # Writes are turned back too, and nothing was created.
    response = client.post(reverse("wagtailadmin_pages:add_subpage", args=[home.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_the_same_admin_urls_serve_enrolled_staff(client, canaries, home, coordinator, make_user):
    client.force_login(make_user(username="racine", is_staff=True, is_superuser=True))
    for url in admin_urls(home):
        assert client.get(url).status_code == 200, url
    pages = client.get(reverse("wagtailadmin_explore", args=[home.pk]))
    assert PAGE_CANARY in pages.content.decode()
    assert PAGE_CANARY in client.get(admin_urls(home)[-1]).content.decode()
    client.force_login(coordinator)
    queue = client.get(reverse("desk_admin:index"))
    assert queue.status_code == 200 and REQUEST_CANARY in queue.content.decode()


def test_enrolment_then_back_to_the_admin_page_asked_for(
    client, canaries, home, unenrolled_superuser
):
    pages_url = reverse("wagtailadmin_explore", args=[home.pk])
    # Signing in needs no code yet; the admin page asked for sends to enrolment.
    response = sign_in(client, unenrolled_superuser, next_url=pages_url)
    assert response["Location"] == pages_url
    assert client.get(pages_url)["Location"] == reverse("mfa_activate_totp")
    asked_at = client.get(reverse("mfa_activate_totp"))["Location"]
    assert asked_at.startswith(reverse("account_reauthenticate"))
    assert confirm_password(client, asked_at)["Location"] == reverse("mfa_activate_totp")

    activation = client.get(reverse("mfa_activate_totp"))
    assert activation.status_code == 200
    html = activation.content.decode()
    assert 'id="second-factor-required"' in html and PAGE_CANARY not in html
    secret = activation.context["form"].secret
    assert secret in html  # typed into an app without a camera

    refused = client.post(reverse("mfa_activate_totp"), {"code": wrong_code(secret)})
    assert refused.status_code == 200 and "Code incorrect." in refused.content.decode()
    assert not Authenticator.objects.filter(user=unenrolled_superuser).exists()

    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(reverse("mfa_view_recovery_codes"))
    codes = RecoveryCodes(
        Authenticator.objects.get(user=unenrolled_superuser, type=Authenticator.Type.RECOVERY_CODES)
    ).generate_codes()
    html = codes_page.content.decode()
    assert len(codes) == 10 and all(code in html for code in codes)
    assert f'href="{pages_url}" class="button" id="second-factor-continue"' in html

    pages = client.get(pages_url)
    assert pages.status_code == 200 and PAGE_CANARY in pages.content.decode()
    assert DESTINATION_SESSION_KEY not in client.session


def test_sign_in_asks_for_the_code_and_refuses_a_wrong_one(client, home, enrolled_coordinator):
    response = sign_in(client, enrolled_coordinator)
    assert response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)
    # The admin does not let a half-signed-in session through.
    assert client.get(reverse("wagtailadmin_home"))["Location"].startswith(reverse("account_login"))

    refused = enter_code(client, wrong_code(TOTP_SECRET))
    assert refused.status_code == 200 and "Code incorrect." in refused.content.decode()
    assert not signed_in(client)

    response = enter_code(client, current_code(TOTP_SECRET))
    assert response["Location"] == reverse("wagtailadmin_home")
    assert signed_in(client)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_wrong_codes_meet_the_limit(client, home, enrolled_coordinator):
    # settings.ACCOUNT_RATE_LIMITS["login_failed"]: five wrong codes per account in five
    # minutes; then even the right code waits.
    sign_in(client, enrolled_coordinator)
    for _ in range(5):
        assert "Code incorrect." in enter_code(client, wrong_code(TOTP_SECRET)).content.decode()
    limited = enter_code(client, current_code(TOTP_SECRET))
    assert limited.status_code == 200 and not signed_in(client)
    assert "Trop de tentatives" in limited.content.decode()

    # The limit is the account's, not the browser's: a fresh sign-in waits as well.
    client.logout()
    sign_in(client, enrolled_coordinator)
    assert not signed_in(client)
    assert "Trop de tentatives" in enter_code(client, current_code(TOTP_SECRET)).content.decode()


def test_a_recovery_code_works_once(client, home, enrolled_coordinator):
    first, second = RecoveryCodes.activate(enrolled_coordinator).generate_codes()[:2]
    sign_in(client, enrolled_coordinator)
    assert enter_code(client, first)["Location"] == reverse("wagtailadmin_home")
    assert signed_in(client)

    client.logout()
    sign_in(client, enrolled_coordinator)
    refused = enter_code(client, first)
    assert refused.status_code == 200 and "Code incorrect." in refused.content.decode()
    assert not signed_in(client)
    assert enter_code(client, second)["Location"] == reverse("wagtailadmin_home")


def test_a_holder_need_not_enrol_and_can(client, home, holder):
    confirmed(holder)
    assert sign_in(client, holder)["Location"] == reverse("desk:my_requests")
    assert client.get(reverse("desk:my_requests")).status_code == 200
    # The account pages lead to it.
    account_page = client.get(reverse("account_email")).content.decode()
    assert f'href="{reverse("mfa_index")}"' in account_page

    confirm_password(client)
    activation = client.get(reverse("mfa_activate_totp"))
    assert 'id="second-factor-required"' not in activation.content.decode()
    secret = activation.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert 'id="second-factor-continue"' not in codes_page  # no admin to go on to

    client.logout()
    assert sign_in(client, holder)["Location"] == reverse("mfa_authenticate")


def test_deactivating_sends_staff_back_to_enrolment(client, home, enrolled_coordinator):
    sign_in(client, enrolled_coordinator)
    enter_code(client, current_code(TOTP_SECRET))
    confirm_password(client)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response["Location"] == reverse("mfa_index")
    assert not Authenticator.objects.filter(user=enrolled_coordinator).exists()
    assert client.get(reverse("wagtailadmin_home"))["Location"] == reverse("mfa_activate_totp")
