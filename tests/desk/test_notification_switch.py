"""DESK_NOTIFICATIONS=false (bulk imports, the benchmark) leaves steps without emails."""

import pytest

from desk import steps
from desk.models import Notification, RequestEvent

pytestmark = pytest.mark.django_db


def test_steps_queue_emails_by_default(holder, request_data, coordinator):
    request = steps.file_request(holder, request_data())
    assert Notification.objects.filter(event__request=request).exists()


def test_switched_off_the_step_stands_and_no_email_is_queued(
    settings, holder, request_data, coordinator
):
    settings.DESK_NOTIFICATIONS_ENABLED = False
    request = steps.file_request(holder, request_data())
    assert RequestEvent.objects.filter(request=request, action="submit").exists()
    assert not Notification.objects.exists()
