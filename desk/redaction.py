"""Taking a person out of a text: the one anonymiser of the site.

The Q&A draft built from an accepted answer (`desk.publication`) and the erasure of an
account (`privacy.erasure`) both call `redact` with `identifiers_of(holder)`, which are:

- the account's names, full name and username, and every email address allauth knows;
- when the account has no name, the names in an email address of the form first.last,
  first-last or first_last (sign-up asks no name, yet holders sign with it), unless a
  part is a role word (`ROLE_WORDS`: contact@, mairie.lille@ name nobody);
- the email addresses and phone numbers the holder gave in their own text (requests,
  replies, follow-ups, the projects they created, their comments on a project's
  steps), so that staff's and their team's copies of them go too, wherever they are.

Names match whole words, in any case and with or without accents: erasing "Marc"
leaves "marché" alone, erasing "Bérénice" takes "BERENICE" too. A phone number matches
in any French or international form (`06 12 34 56 78`, `06.12.34.56.78`, `0612345678`,
`+33 6 12 34 56 78`, `+33 (0)6…`, `0033 6…`): it is compared by its digits. With
`contacts`, every email address and phone number goes, not only the holder's: for the
holder's own text and the Q&A draft, never for staff's (an agency's number stays).
"""

import re
import unicodedata
from functools import lru_cache

from allauth.account.models import EmailAddress

REDACTED = "[…]"

# Any email address, and French phone numbers (+33, 0033 or 0, then nine digits in pairs).
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)33[\s.-]?(?:\(0\)|0)?[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)"
)

# Fields of a request the holder typed (the rest of a request is staff's or choices).
HOLDER_TEXT_FIELDS = ("title", "question", "project_description", "partners", "funding_sought")

# Fields of a project its team typed (`projects.Project`; the rest are choices and figures).
PROJECT_TEXT_FIELDS = (
    "title",
    "summary",
    "organisations",
    "partners",
    "expected_effects",
    "funding_details",
)

# Parts of an email's local part that name a role, not a person (compared without
# accents): such an address gives no names.
ROLE_WORDS = frozenset(
    {
        "accueil",
        "admin",
        "administration",
        "agglo",
        "association",
        "cabinet",
        "commune",
        "communication",
        "compta",
        "comptabilite",
        "contact",
        "direction",
        "dgs",
        "energie",
        "environnement",
        "info",
        "infos",
        "mairie",
        "noreply",
        "president",
        "projet",
        "projets",
        "secretariat",
        "service",
        "services",
        "support",
        "technique",
        "urbanisme",
        "ville",
    }
)

MIN_LENGTH = 3  # shorter words ("Li", initials) would take parts of other words' places

# What may follow a letter written decomposed (e + U+0301), and join a name's parts.
_COMBINING = "[\u0300-\u036f]*"
_NAME_SEPARATOR = r"[\s\-'’]+"


def _base_letter(char):
    return unicodedata.normalize("NFD", char)[0].lower()


def fold(text):
    """Lower case without accents: "Bérénice" -> "berenice"."""
    return "".join(_base_letter(char) for char in text)


def _accented_forms():
    forms = {}
    for code in [*range(ord("a"), ord("z") + 1), *range(0xC0, 0x250)]:
        char = chr(code).lower()
        base = _base_letter(char)
        if char.isalpha() and "a" <= base <= "z":
            forms.setdefault(base, set()).add(char)
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in forms.items()}


_LETTER_FORMS = _accented_forms()


def _word_pattern(word):
    """A regular expression for `word` with or without its accents."""
    parts = []
    for char in word:
        if char in " -'’":
            parts.append(_NAME_SEPARATOR)
        elif (forms := _LETTER_FORMS.get(_base_letter(char))) is not None:
            parts.append(forms + _COMBINING)
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def phone_key(phone):
    """A phone number's nine significant digits, whatever its form."""
    digits = re.sub(r"\D", "", phone)
    for prefix in ("0033", "33"):
        if digits.startswith(prefix) and len(digits) > 10:
            digits = digits[len(prefix) :]
    return digits[-9:]


def names_in_email(email):
    """["jean", "dupont", "jean dupont"] for jean.dupont@…, jean-dupont@… or
    jean_dupont@…; nothing for contact@…, mairie.lille@… or jdupont@…"""
    local = email.split("@")[0].rstrip("0123456789")
    parts = re.split(r"[._-]", local)
    if not 2 <= len(parts) <= 3 or not all(part.isalpha() for part in parts):
        return []
    if any(fold(part) in ROLE_WORDS for part in parts):
        return []
    return [*parts, " ".join(parts)]


def contacts_in(text):
    """The email addresses and phone numbers written in `text`."""
    if not text:
        return set()
    return {*EMAIL.findall(text), *(match.group() for match in PHONE.finditer(text))}


def contacts_given_by(user):
    """The email addresses and phone numbers `user` wrote in their requests, in the
    projects they created, and in their own steps on any request (replies, follow-ups,
    acceptance) or project."""
    from projects.models import Project, ProjectEvent

    from .models import HowToRequest, RequestEvent  # models import this module's users

    texts = [
        *HowToRequest.objects.filter(holder=user).values_list(*HOLDER_TEXT_FIELDS),
        *Project.objects.filter(created_by=user).values_list(*PROJECT_TEXT_FIELDS),
        RequestEvent.objects.filter(actor=user).values_list("comment", flat=True),
        ProjectEvent.objects.filter(actor=user).values_list("comment", flat=True),
    ]
    found = set()
    for values in texts:
        for text in values:
            found |= contacts_in(text)
    return found


def identifiers_of(user):
    """Words that name this person or reach them: emails, names, full name, username,
    names in their email address when the account has none, and the emails and phone
    numbers they gave (3+ characters), longest first so that a full name goes before
    its parts.

    A username that allauth made from the email address ("contact" for
    contact@mairie.fr, maybe with a number) names nobody on its own and may be a
    common word: it is left out, the email address itself is redacted anyway."""
    emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    emails.discard("")
    local_parts = {email.split("@")[0].lower() for email in emails}
    username = user.username.rstrip("0123456789").lower()
    from_email = any(username and username in local for local in local_parts)
    names = {user.first_name, user.last_name, user.get_full_name()}
    if not (user.first_name.strip() or user.last_name.strip()):
        names |= {name for email in emails for name in names_in_email(email)}
    words = {
        *emails,
        *names,
        "" if from_email else user.username,
        *(contacts_given_by(user) if user.pk else ()),
    }
    words = {word.strip() for word in words if word and len(word.strip()) >= MIN_LENGTH}
    return sorted(words, key=lambda word: (-len(word), word))


@lru_cache(maxsize=64)
def _whole_words(words):
    if not words:
        return None
    alternatives = "|".join(_word_pattern(word) for word in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def redact(text, words, *, contacts=False):
    """`text` without `words` (names, emails, phone numbers in any form); with
    `contacts`, without any email or phone number too."""
    if not text:
        return text
    phones = {phone_key(word) for word in words if PHONE.fullmatch(word.strip())}
    others = tuple(word for word in words if not PHONE.fullmatch(word.strip()))
    if contacts:
        text = EMAIL.sub(REDACTED, text)
    pattern = _whole_words(others)
    if pattern is not None:
        text = pattern.sub(REDACTED, text)
    if contacts or phones:

        def phone_or_kept(match):
            return REDACTED if contacts or phone_key(match.group()) in phones else match.group()

        text = PHONE.sub(phone_or_kept, text)
    return text
