"""Page addresses made from titles, in French: elisions kept apart, words kept whole.

`slugify` alone glues an elided letter to its word ("l'énergie" -> "lenergie") and a
plain slice cuts a word in two ("…-des-logements-v"). The showcase's project pages and
the desk's Q&A pages both make their slugs here.
"""

import re

from django.utils.text import slugify

SLUG_LENGTH = 80
# The letters French elides before a vowel (l'énergie, d'opale, qu'il, jusqu'à): the
# apostrophe joins two words, so it becomes a hyphen ("l-energie"), as in the demo's
# slugs ("cote-d-opale").
APOSTROPHES = re.compile(r"['’ʼ‘`´]")


def slug_from_title(title, taken=(), *, fallback, length=SLUG_LENGTH):
    """A slug from `title`: elisions kept apart, cut between words under `length`, not
    one of `taken` (the slugs already used beside it: "-2", "-3" are added);
    `fallback` when the title has no letter or digit to keep."""
    slug = cut_between_words(slugify(APOSTROPHES.sub(" ", title)) or fallback, length)
    taken = set(taken)
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = cut_between_words(slug, length - len(suffix)) + suffix
    return candidate


def cut_between_words(slug, length):
    """`slug` at most `length` long, cut at a hyphen (a single long word is cut)."""
    if len(slug) <= length:
        return slug
    head = slug[: length + 1]
    cut = head.rfind("-")
    return (head[:cut] if cut > 0 else slug[:length]).strip("-")
