"""Signals of the request desk; receivers live in `receivers.py`."""

from django.dispatch import Signal

# Sent inside the transaction of every step, with `event` (a RequestEvent).
request_event_recorded = Signal()
