"""Taking a person out of a text: the one anonymiser of the site.

The Q&A draft built from an accepted answer (`desk.publication`) and the erasure of an
account (`privacy.erasure`) both call `redact` with `identifiers_of(holder)`. Words match
whole, so that erasing "Marc" leaves "marché" alone; email addresses and phone numbers
match wherever they are.
"""

import re

from allauth.account.models import EmailAddress

REDACTED = "[…]"

# Any email address, and French phone numbers (+33 or 0, then nine digits in pairs).
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?<!\d)(?:\+33\s?\(?0?\)?\s?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")


def identifiers_of(user):
    """Words that name this person: emails, names, full name, username (3+ characters),
    longest first so that a full name goes before its parts.

    A username that allauth made from the email address ("contact" for
    contact@mairie.fr, maybe with a number) names nobody on its own and may be a
    common word: it is left out, the email address itself is redacted anyway."""
    emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    local_parts = {email.split("@")[0].lower() for email in emails if email}
    username = user.username.rstrip("0123456789").lower()
    from_email = any(username and username in local for local in local_parts)
    words = {
        *emails,
        user.first_name,
        user.last_name,
        user.get_full_name(),
        "" if from_email else user.username,
    }
    return sorted({w.strip() for w in words if w and len(w.strip()) >= 3}, key=len, reverse=True)


def _whole_words(words):
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def redact(text, words, *, contacts=False):
    """`text` without `words`; with `contacts`, without any email or phone number too."""
    if not text:
        return text
    pattern = _whole_words(words)
    if pattern is not None:
        text = pattern.sub(REDACTED, text)
    if contacts:
        text = PHONE.sub(REDACTED, EMAIL.sub(REDACTED, text))
    return text
