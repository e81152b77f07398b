"""The gap queue's own signal, for whatever comes to hang on it (a digest, a count)."""

from django.dispatch import Signal

# Sent inside the transaction of each of `gaps.actions` with `item` and `action`
# ("close", "reopen", "dismiss", "start_guide").
gap_item_changed = Signal()
