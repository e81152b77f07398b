"""Every path that deletes a holder's account erases it: the admin's bulk delete,
`User.delete()` and queryset deletes, as well as the pages that call the erasure."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from desk import steps
from desk.models import RequestLogEntry
from desk.models.events import Action
from privacy import erasure
from tests.desk.files import pdf_upload
from tests.privacy.story import EMAIL, NAME, PHONE

pytestmark = pytest.mark.django_db

OTHER_PHONE = "+33 7 98 76 54 32"


@pytest.fixture
def two_holders(story, zephyrine, other_holder, request_data):
    """Zéphyrine with her published story, and a second holder with a file of her own."""
    other_holder.first_name, other_holder.email = "Anatole", "anatole.vermeer@example.org"
    other_holder.save()
    second = steps.file_request(
        other_holder,
        request_data(
            title="Chaufferie d'Anatole",
            question=f"Anatole Vermeer, {OTHER_PHONE}, anatole.vermeer@example.org",
        ),
        [pdf_upload("anatole.pdf")],
    )
    return [(zephyrine, story[0]), (other_holder, second)]


def _assert_erased(pairs, private_media, reason):
    User = get_user_model()
    for user, request_obj in pairs:
        assert not User.objects.filter(pk=user.pk).exists()
        request_obj.refresh_from_db()
        assert request_obj.holder_id is None
        for word in (user.email, user.first_name, PHONE, OTHER_PHONE):
            assert word not in request_obj.question and word not in request_obj.title
        trace = request_obj.events.get(action=Action.ANONYMISED)
        assert trace.internal and trace.details["reason"] == reason
        assert not request_obj.attachments.exists()
    assert not any(p.is_file() for p in Path(private_media).rglob("*"))


def test_bulk_delete_in_the_admin_erases_every_holder(
    client, two_holders, make_user, private_media, django_capture_on_commit_callbacks
):
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    ids = "&".join(f"id={user.pk}" for user, _request in two_holders)
    url = f"{reverse('wagtail_bulk_action', args=['auth', 'user', 'delete'])}?{ids}"
    assert client.get(url).status_code == 200  # Wagtail's confirmation page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    _assert_erased(two_holders, private_media, "administrator")
    # The audit log names the administrator, once per request (the story's other one too).
    entries = RequestLogEntry.objects.filter(action=f"desk.{Action.ANONYMISED.value}")
    assert entries.count() == 3 and {e.user_id for e in entries} == {admin.pk}


@pytest.mark.parametrize("how", ["instance", "queryset"])
def test_deleting_a_holder_in_code_erases_them(
    how, two_holders, private_media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        if how == "instance":
            for user, _request in two_holders:
                get_user_model().objects.get(pk=user.pk).delete()
        else:
            pks = [user.pk for user, _request in two_holders]
            get_user_model().objects.filter(pk__in=pks).delete()
    _assert_erased(two_holders, private_media, "deletion")


def test_a_staff_account_deleted_in_code_keeps_todays_rule(coordinator, monkeypatch):
    """Staff are deleted as an administrator chose, not scrubbed: their names sign work."""
    scrubbed = []
    monkeypatch.setattr(erasure, "scrub", lambda user, **kwargs: scrubbed.append(user.pk))
    coordinator.delete()
    assert scrubbed == []


def test_erasing_through_erase_scrubs_once(story, zephyrine, django_capture_on_commit_callbacks):
    request_obj = story[0]
    with django_capture_on_commit_callbacks(execute=True):
        erasure.erase(zephyrine, reason="retention")
    assert request_obj.events.filter(action=Action.ANONYMISED).count() == 1


def test_the_admin_names_the_erased_account_by_its_number(
    client, zephyrine, make_user, django_capture_on_commit_callbacks
):
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    number = zephyrine.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailusers_users:delete", args=[number]))
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert f"#{number}" in message and "#None" not in message
    assert NAME not in message and EMAIL not in message
