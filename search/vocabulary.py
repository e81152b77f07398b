"""The index's own vocabulary, and the corrections a misspelt search gets from it.

Why a table of words, not FTS5's `fts5vocab` or PostgreSQL's `ts_stat`: those hold
stems ("energ"), and "did you mean" must propose a readable word ("énergie"); one table
also makes SQLite and PostgreSQL correct alike. Why edit distance on both, not
`pg_trgm` on PostgreSQL: trigram similarity misses the commonest typos of short words
(a swap, "ivre" for "irve", shares one trigram of nine), so the two databases would
correct differently; the rule here is the engine's (`fuzziness: AUTO`, `prefix_length`
1): the first letter kept, one edit up to five letters, two beyond. Candidates are read
by length and first letter (an index), a bucket of a few hundred words at most, never
the whole table.

Kept in step: every page indexed or removed moves its words' document counts
(`record_change`); `rebuild` recounts everything with the index.
"""

import unicodedata
from collections import Counter

from django.db.models import F

from .models_words import VocabularyWord
from .text import STOPWORDS, WORD, fold, stem

MIN_LENGTH, MAX_LENGTH = 3, 40
# A search with more unknown words than this is not a typo to correct.
MAX_CORRECTED_WORDS = 6
CHUNK = 500


def _readable(candidate, current):
    """Of two spellings of a folded word, the one with accents ("énergie", not "energie")."""
    if current is None:
        return candidate
    marks = sum(unicodedata.combining(c) > 0 for c in unicodedata.normalize("NFD", candidate))
    held = sum(unicodedata.combining(c) > 0 for c in unicodedata.normalize("NFD", current))
    return candidate if marks > held else current


def document_words(*texts):
    """{folded word: readable word} of a document's texts, stop words and numbers left out."""
    found = {}
    for text in texts:
        for written in WORD.findall((text or "").lower()):
            folded = fold(written)
            if not MIN_LENGTH <= len(folded) <= MAX_LENGTH or folded in STOPWORDS:
                continue
            if folded.isdigit():
                continue
            found[folded] = _readable(written, found.get(folded))
    return found


def _rows(words):
    return [
        VocabularyWord(folded=folded, word=word, stem=stem(folded), length=len(folded), documents=0)
        for folded, word in words.items()
    ]


def _chunks(items):
    items = list(items)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def record_change(before, after):
    """A document's words went from `before` to `after` ({folded: word}, empty when the
    document is new or gone): move the document counts of the words that changed."""
    removed = before.keys() - after.keys()
    added = {folded: after[folded] for folded in after.keys() - before.keys()}
    for chunk in _chunks(removed):
        words = VocabularyWord.objects.filter(folded__in=chunk)
        words.filter(documents__gt=0).update(documents=F("documents") - 1)
        words.filter(documents=0).delete()
    for chunk in _chunks(added):
        rows = _rows({folded: added[folded] for folded in chunk})
        VocabularyWord.objects.bulk_create(rows, ignore_conflicts=True)
        VocabularyWord.objects.filter(folded__in=chunk).update(documents=F("documents") + 1)


def rebuild(documents):
    """Count every word of `documents` ((title, text) pairs) afresh. Returns the count."""
    counts, readable = Counter(), {}
    for title, text in documents:
        words = document_words(title, text)
        counts.update(words.keys())
        for folded, word in words.items():
            readable[folded] = _readable(word, readable.get(folded))
    VocabularyWord.objects.all().delete()
    rows = _rows(readable)
    for row in rows:
        row.documents = counts[row.folded]
    VocabularyWord.objects.bulk_create(rows, batch_size=CHUNK)
    return len(rows)


# Correcting ---------------------------------------------------------------------


def allowed_edits(length):
    """The engine's AUTO fuzziness: none up to 2 letters, 1 up to 5, 2 beyond."""
    if length <= 2:
        return 0
    return 1 if length <= 5 else 2


def distance(source, target, limit):
    """Damerau-Levenshtein distance (adjacent swaps count one, as the engine's fuzzy
    queries do), or `limit + 1` as soon as it is sure to exceed `limit`."""
    if abs(len(source) - len(target)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(target) + 1))
    for i, char in enumerate(source, start=1):
        current = [i] + [0] * len(target)
        for j, other in enumerate(target, start=1):
            cost = 0 if char == other else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                previous2 is not None
                and i > 1
                and j > 1
                and char == target[j - 2]
                and source[i - 2] == other
            ):
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def best_word(folded):
    """The readable indexed word closest to a folded word not in the index, or None:
    fewest edits, then the most documents, then alphabetical."""
    limit = allowed_edits(len(folded))
    if not limit:
        return None
    candidates = VocabularyWord.objects.filter(
        length__range=(len(folded) - limit, len(folded) + limit),
        folded__startswith=folded[0],
    ).values_list("folded", "word", "documents")
    best = None
    for other, word, documents in candidates:
        edits = distance(folded, other, limit)
        if edits <= limit:
            key = (edits, -documents, word)
            if best is None or key < best[0]:
                best = (key, word)
    return best[1] if best else None


def correct(text):
    """`text` with each word the index does not hold replaced by the closest one it
    holds, or "" when nothing was replaced."""
    spans = [
        (match, fold(match.group()))
        for match in WORD.finditer(text)
        if fold(match.group()) not in STOPWORDS
    ]
    stems = {stem(folded) for _, folded in spans}
    known = set(VocabularyWord.objects.filter(stem__in=stems).values_list("stem", flat=True))
    unknown = [(match, folded) for match, folded in spans if stem(folded) not in known]
    if not unknown or len(unknown) > MAX_CORRECTED_WORDS:
        return ""
    corrected, cursor, changed = [], 0, False
    for match, folded in unknown:
        word = best_word(folded) if not folded.isdigit() else None
        if word is None:
            continue
        corrected.append(text[cursor : match.start()])
        corrected.append(word)
        cursor, changed = match.end(), True
    corrected.append(text[cursor:])
    return "".join(corrected) if changed else ""
