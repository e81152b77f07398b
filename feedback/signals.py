"""Signals of the feedback app, for the apps above it (the guidance-gap queue)."""

from django.dispatch import Signal

# Sent inside the transaction that stores a vote or adds its comment, with `vote`.
page_vote_recorded = Signal()
