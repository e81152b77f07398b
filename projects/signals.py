"""Signals of the projects app; receivers live in `receivers.py` (and the desk's outbox
listens to `project_event_recorded` to tell the people concerned)."""

from django.dispatch import Signal

# Sent inside the transaction of every project step, with `event` (a ProjectEvent).
project_event_recorded = Signal()
