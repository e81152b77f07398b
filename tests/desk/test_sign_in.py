"""One sign-in for everyone: allauth's, with its attempt limits and email check.

Wagtail's admin login used to be a side door: usernames, no attempt limit, no email
verification, and a holder's session from it worked on the public site.
"""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.second_factor import current_code

pytestmark = pytest.mark.django_db

PASSWORD = "une-phrase-de-passe-solide"


@pytest.fixture
def unverified(make_user):
    user = make_user(username="pas-confirme", email="pas-confirme@example.org")
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return user


@pytest.fixture
def staff_member(coordinator):
    coordinator.set_password(PASSWORD)
    coordinator.save()
    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    return coordinator


def _signed_in(client):
    return "_auth_user_id" in client.session


def test_the_admin_login_hands_over_to_the_one_sign_in(client, home, staff_member):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/pages/"
    # Posting the old form with a username signs nobody in.
    response = client.post(
        "/admin/login/", {"username": staff_member.username, "password": PASSWORD}
    )
    assert response.status_code == 302 and not _signed_in(client)
    # The admin sends visitors to the same sign-in.
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_sign_in_by_email_and_land_in_the_admin(client, home, staff_member):
    response = client.post(
        reverse("account_login"), {"login": staff_member.email, "password": PASSWORD}
    )
    # Then their second factor (tests/desk/test_mfa.py), then the admin.
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": current_code()})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": staff_member.username, "password": PASSWORD}
    )
    assert not _signed_in(client)  # usernames are not a way in


def test_an_unconfirmed_address_signs_in_nowhere(client, home, unverified):
    for url in ("/admin/login/", reverse("account_login")):
        client.post(
            url, {"login": unverified.email, "username": unverified.username, "password": PASSWORD}
        )
        assert not _signed_in(client), url
    assert client.get(reverse("desk:create")).status_code == 302


def test_wrong_passwords_meet_the_limit_whatever_the_door(client, home, staff_member):
    # The old door: forty wrong passwords, then the right one, signed in.
    for _ in range(40):
        client.post("/admin/login/", {"username": staff_member.username, "password": "faux"})
    client.post("/admin/login/", {"username": staff_member.username, "password": PASSWORD})
    assert not _signed_in(client)
    # The one door, with the production limits (settings.ACCOUNT_RATE_LIMITS): after
    # five wrong passwords for an address, even the right one waits.
    for _ in range(5):
        client.post(reverse("account_login"), {"login": staff_member.email, "password": "faux"})
    right = client.post(
        reverse("account_login"), {"login": staff_member.email, "password": PASSWORD}
    )
    assert right.status_code == 200 and not _signed_in(client)


def test_a_holder_never_reaches_the_admin(client, home, holder):
    client.force_login(holder)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    final = client.get(response["Location"], follow=True)
    assert final.request["PATH_INFO"] == reverse("desk:my_requests")


def test_wagtails_own_password_reset_is_off(client):
    assert client.get("/admin/password_reset/").status_code == 404
