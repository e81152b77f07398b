"""French text for search: fold accents, split words, stem, and mark matches.

The database backend indexes and queries the same normalised form, so that
"energie" finds "énergie" and "énergies renouvelables" finds "énergie renouvelable".
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape

WORD = re.compile(r"\w+", re.UNICODE)
# Short function words that match everything and say nothing.
STOPWORDS = frozenset(
    (
        "a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais "
        "me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son "
        "sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y est sont"
    ).split()
)

_stemmer = snowballstemmer.stemmer("french")


def fold(text):
    """Lower case without accents: "Énergie" -> "energie"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=50_000)
def _term_of(token):
    """The index term of one word as written (words recur: cached)."""
    return stem(fold(token))


def words(text):
    return WORD.findall(fold(text))


@lru_cache(maxsize=50_000)
def stem(word):
    # Stem the folded word: the stemmer then sees "energie" and "energies" alike.
    return _stemmer.stemWord(word)


def terms(text, keep_stopwords=False):
    """The index terms of a text, in order."""
    return [stem(word) for word in words(text) if keep_stopwords or word not in STOPWORDS]


def normalise(text):
    return " ".join(terms(text))


def highlight(text, query, length=240):
    """An HTML-escaped excerpt of `text` around the first match, matches in <mark>.

    Everything but the <mark> tags is escaped, whatever the text contains. Only the
    words up to the first match and those of the excerpt are looked at, however long
    the text."""
    wanted = set(terms(query))
    if not text:
        return ""
    first = next((m for m in WORD.finditer(text) if _term_of(m.group()) in wanted), None)
    start = 0
    if first:
        start = max(0, first.start() - length // 3)
        # Start on a word boundary.
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    end = min(len(text), start + length)
    while end < len(text) and text[end - 1].isalnum():
        end += 1
    parts, cursor = [], start
    for match in WORD.finditer(text, start):
        if match.end() > end:
            break
        if _term_of(match.group()) not in wanted:
            continue
        parts.append(escape(text[cursor : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        cursor = match.end()
    parts.append(escape(text[cursor:end]))
    excerpt = "".join(parts).strip()
    return ("… " if start > 0 else "") + excerpt + (" …" if end < len(text) else "")
