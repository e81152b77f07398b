"""A project's title when only its description is known (a request filed before the
holder named a project)."""

import re

TITLE_LENGTH = 90


def title_from_description(description, fallback):
    """The description's first sentence, cut at a word under TITLE_LENGTH characters."""
    text = re.sub(r"\s+", " ", description or "").strip()
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(".!?") or fallback
    if len(first) <= TITLE_LENGTH:
        return first
    cut = first[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"
