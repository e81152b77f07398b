"""Which searched words may be kept and shown: the one rule for the statistics, the
searches without results and the guidance-gap queue.

People type into a search box what they have in hand: an email address, a phone number,
a SIRET, a colleague's name. The counts are "linked to nobody" only if those words are not
kept either. Two rules, because no list of names can be checked:

- at recording, a query holding an email address or a long number (nine digits or more,
  grouped by a few spaces, dots, dashes, slashes or brackets or not: a SIREN, a SIRET, a
  phone number, a social security or bank account number) is not kept as typed. It is
  still counted, under WITHHELD (the empty key), so the totals per month stay true;
- at reading, a query is shown (in the reports and the gap queue) only once it was
  searched SEARCH_STATISTICS_MIN_SEARCHES times (3), on two different days at least
  (SEARCH_STATISTICS_TWO_DAYS): words one person typed once, or again and again in one
  sitting, a name among them, stay out of sight. The counts are linked to nobody, so this
  is the most they can tell of "by more than one person"; a name still shows if one person
  searches it on purpose on several days, to the staff who read the reports. Rows of
  queries that never got there are folded into WITHHELD after SEARCH_STATISTICS_RARE_DAYS
  (`statistics.fold_rare_queries`, run by the retention timer), so they are not kept for
  ever either.

Years and postcodes stay, alone or side by side ("2025 2030 2050", "59000 62000 lille"),
and so do département numbers.
"""

import re

from django.conf import settings

WITHHELD = ""  # the key a withheld query is counted under

# An address, glued ("a@b") or spaced around its @ ("marie.dupont @ example.org").
_EMAIL = re.compile(r"\S@\S|\w\s?@\s?[\w-]+\.\w{2,}")
# Digits with a few separators at most between them: "06 12 34 56 78", "(06) 12-34",
# "06 - 12 - 34", "06/12/34", "123.456.789", "+33 6 12".
_NUMBER = re.compile(r"\+?\(?\d(?:[\s./\-_()]{0,3}\d)*")
_YEAR_OR_POSTCODE = re.compile(r"(?:19|20)\d\d|\d{5}")
LONG_NUMBER_DIGITS = 9  # a SIREN; a phone number has 10, a SIRET 14


def _long_number(text):
    for match in _NUMBER.finditer(text):
        groups = re.findall(r"\d+", match.group())
        if sum(len(group) for group in groups) < LONG_NUMBER_DIGITS:
            continue
        if len(groups) > 1 and all(_YEAR_OR_POSTCODE.fullmatch(group) for group in groups):
            continue  # "2025 2030 2050", "59000 62000": years and postcodes side by side
        return True
    return False


def may_keep(text):
    """Whether a typed query may be kept as typed (see the module's first rule)."""
    return not (_EMAIL.search(text) or _long_number(text))


def min_searches():
    """How many searches make a query shown (the second rule)."""
    return max(1, getattr(settings, "SEARCH_STATISTICS_MIN_SEARCHES", 3))


def two_days():
    """Whether a query shows only once searched on two different days (the second rule)."""
    return getattr(settings, "SEARCH_STATISTICS_TWO_DAYS", True)


def min_days():
    return 2 if two_days() else 1


def rare_days():
    return getattr(settings, "SEARCH_STATISTICS_RARE_DAYS", 90)
