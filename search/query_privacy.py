"""Which searched words may be kept and shown: the one rule for the statistics, the
searches without results and the guidance-gap queue.

People type into a search box what they have in hand: an email address, a phone number,
a SIRET, a colleague's name. The counts are "linked to nobody" only if those words are not
kept either. Two rules, because no list of names can be checked:

- at recording, a query holding an email address or a long number (nine digits or more,
  grouped by spaces, dots or dashes or not: a SIREN, a SIRET, a phone number, a social
  security or bank account number) is not kept as typed. It is still counted, under
  WITHHELD (the empty key), so the totals per month stay true;
- at reading, a query is shown (in the reports and the gap queue) only once it was
  searched SEARCH_STATISTICS_MIN_SEARCHES times (3): words one person typed once, a name
  among them, stay out of sight. Rows of queries that never got there are folded into
  WITHHELD after SEARCH_STATISTICS_RARE_DAYS (`statistics.fold_rare_queries`, run by the
  retention timer), so they are not kept for ever either.

Years ("2025 2030"), postcodes and département numbers stay: they are short.
"""

import re

from django.conf import settings

WITHHELD = ""  # the key a withheld query is counted under

_EMAIL = re.compile(r"\S@\S")
_LONG_NUMBER = re.compile(r"\d(?:[\s.\-]?\d){8,}")


def may_keep(text):
    """Whether a typed query may be kept as typed (see the module's first rule)."""
    return not (_EMAIL.search(text) or _LONG_NUMBER.search(text))


def min_searches():
    """How many searches make a query shown (the second rule)."""
    return max(1, getattr(settings, "SEARCH_STATISTICS_MIN_SEARCHES", 3))


def rare_days():
    return getattr(settings, "SEARCH_STATISTICS_RARE_DAYS", 90)
