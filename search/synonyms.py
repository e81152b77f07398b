"""Synonyms at query time: what a search asks, as units each matched by any of their
alternatives ("subvention" -> subvention | aide financière | financement).

Applied when searching, never when indexing, so that an editor's change holds from the
next search without reindexing a page: on the database backend each synonym found in
the query becomes an OR group of its members (phrases for several words); on the engine
the same groups are the rules of a `synonym_graph` filter of the search analyzer
(`backends.engine`), reloaded when a group changes (`tasks.reload_engine_synonyms_task`).

The groups are read once per process and edit: a version in the shared cache changes
with every save or delete (`receivers.py`), and each process reloads when it differs.
A search then costs a cache read, not a query. Without the cache, the table is read.
"""

from dataclasses import dataclass
from uuid import uuid4

from django.core.cache import cache

from .breaker import guarded
from .models_words import SynonymGroup, synonym_members
from .text import STOPWORDS, WORD, stem, terms, words

VERSION = "search:synonyms-version"
# The most units a search is made of (a pasted paragraph is not a question of 50 terms).
MAX_UNITS = 12

_loaded = {"version": None, "groups": ()}


@dataclass(frozen=True)
class Alternative:
    """One way of saying a unit: its folded words as written (PostgreSQL's phrases, whose
    stop words keep their place) and its index terms (SQLite's phrases, and matching)."""

    words: tuple
    stems: tuple


def _alternative(text):
    return Alternative(tuple(w for w in words(text) if len(w) > 1), tuple(terms(text)))


def _group_alternatives(group):
    alternatives = [_alternative(member) for member in synonym_members(group.terms)]
    return tuple(dict.fromkeys(a for a in alternatives if a.stems and a.words))


def _version():
    version = guarded(lambda: cache.get(VERSION))
    if version is None:
        fresh = uuid4().hex
        if guarded(lambda: cache.add(VERSION, fresh, timeout=None), False):
            return fresh
        version = guarded(lambda: cache.get(VERSION))
    return version


def groups():
    """Every group's alternatives (tuples of `Alternative`), longest phrases first."""
    version = _version()
    if version is not None and version == _loaded["version"]:
        return _loaded["groups"]
    loaded = tuple(
        alternatives
        for group in SynonymGroup.objects.all()
        if len(alternatives := _group_alternatives(group)) > 1
    )
    if version is not None:
        _loaded.update(version=version, groups=loaded)
    return loaded


def changed():
    """A group was saved or deleted: every process reads the groups again."""
    _loaded.update(version=None, groups=())
    guarded(lambda: cache.set(VERSION, uuid4().hex, timeout=None))


def units(text):
    """What `text` asks, in order: one tuple of alternatives per distinct word, or per
    synonym found (the longest first: "borne de recharge" before "recharge")."""
    tokens = [folded for folded in words(text) if folded not in STOPWORDS]
    stems = [stem(folded) for folded in tokens]
    by_first = {}
    for alternatives in groups():
        for alternative in alternatives:
            by_first.setdefault(alternative.stems[0], []).append((alternative, alternatives))
    for matches in by_first.values():
        matches.sort(key=lambda match: -len(match[0].stems))
    found, position = [], 0
    while position < len(stems):
        for alternative, alternatives in by_first.get(stems[position], ()):
            length = len(alternative.stems)
            if tuple(stems[position : position + length]) == alternative.stems:
                found.append(alternatives)
                position += length
                break
        else:
            found.append((Alternative((tokens[position],), (stems[position],)),))
            position += 1
    return list(dict.fromkeys(found))[:MAX_UNITS]


def rules():
    """The engine's synonym rules: one line of comma-separated members per group, each
    member reduced to its words (nothing of the rule syntax: "=>", "#")."""
    lines = []
    for group in SynonymGroup.objects.all():
        members = [" ".join(WORD.findall(member)) for member in synonym_members(group.terms)]
        members = list(dict.fromkeys(member for member in members if member))
        if len(members) > 1:
            lines.append(", ".join(members))
    return lines
