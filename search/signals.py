"""The search app's own signals."""

from django.dispatch import Signal

# The engine's alias was missing and has been made on a new, empty index
# (`EngineBackend.ensure_index`); `receivers.py` has it filled from the database.
engine_index_created = Signal()
