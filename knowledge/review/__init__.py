"""Review dates of the guides and Q&A pages: the rules and changes (`service`) and the
owners' reminders (`reminders`). The state itself is in `knowledge/models/review.py`,
which says why it is kept outside the pages' revisions."""
