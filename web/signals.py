"""Signals of the site's own machinery, for the apps above `web` to hook into."""

from django.dispatch import Signal

# Sent by the task worker (`web/worker.py`) when it starts and every
# `WORKER_HOUSEKEEPING_SECONDS` after: receivers queue what is due and was not queued
# (a notification left half-sent by a killed worker, the next daily run, updates an engine
# missed). Each receiver runs on its own (`send_robust`) and must be quick: queue tasks,
# do not do the work.
worker_housekeeping = Signal()

# Sent by `manage.py after_restore`, once a database backup is back in place: receivers
# make what lives outside the database agree with it again (the search engine's index)
# and return a line saying what they did.
database_restored = Signal()
