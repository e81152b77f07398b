"""The words search forgives with: the index's own vocabulary (for "did you mean" and
the retry of a search that found nothing) and the synonym groups editors keep.

Both are small tables read on the way to a search, never scanned whole: the vocabulary
by length and first letter (`search.vocabulary`), the synonyms once per process and
edit (`search.synonyms`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .text import normalise

MAX_SYNONYMS = 12
MAX_SYNONYM_LENGTH = 60
MAX_SYNONYM_WORDS = 5


class VocabularyWord(models.Model):
    """One word of the indexed pages (titles and text), with how many documents hold it.

    Kept in step with every indexed page (`search.indexing`) and rebuilt with the index.
    `word` is the readable form shown in "did you mean" ("énergie"); `folded` is what
    typos are measured against ("energie"); `stem` is the index term ("energ")."""

    folded = models.CharField(max_length=60, unique=True)
    word = models.CharField(max_length=60)
    stem = models.CharField(max_length=60, db_index=True)
    length = models.PositiveSmallIntegerField()
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["length", "folded"], name="search_vocabulary_bucket")]
        verbose_name = _("indexed word")
        verbose_name_plural = _("indexed words")

    def __str__(self):
        return self.word


def synonym_members(line):
    """The distinct terms of a line, in order: split on commas, spaces tidied, two terms
    that normalise alike ("IRVE", "irve") counted once."""
    members, seen = [], set()
    for part in line.split(","):
        member = " ".join(part.split())
        key = normalise(member)
        if member and key and key not in seen:
            seen.add(key)
            members.append(member)
    return members


class SynonymGroup(models.Model):
    """Terms a search takes for one another, written on one line, comma-separated:
    "borne de recharge, point de charge, IRVE, charging station". A search for any of
    them finds the pages on all of them, on both backends."""

    terms = models.CharField(
        _("terms"),
        max_length=500,
        help_text=_(
            "Comma-separated terms a search takes for one another; a term may have "
            "several words, e.g. “borne de recharge, point de charge, IRVE”."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self):
        return ", ".join(self.members)

    @property
    def members(self):
        return synonym_members(self.terms)

    def clean(self):
        super().clean()
        members = synonym_members(self.terms or "")
        if len(members) < 2:
            raise ValidationError(
                {"terms": _("Write at least two different terms, separated by commas.")}
            )
        if len(members) > MAX_SYNONYMS:
            raise ValidationError(
                {
                    "terms": ngettext_lazy(
                        "A group holds at most %(count)d term.",
                        "A group holds at most %(count)d terms.",
                        MAX_SYNONYMS,
                    )
                    % {"count": MAX_SYNONYMS}
                }
            )
        for member in members:
            if len(member) > MAX_SYNONYM_LENGTH or len(member.split()) > MAX_SYNONYM_WORDS:
                raise ValidationError(
                    {
                        "terms": _(
                            "“%(term)s” is too long: a term has at most %(words)d words "
                            "and %(length)d characters."
                        )
                        % {
                            "term": member[:80],
                            "words": MAX_SYNONYM_WORDS,
                            "length": MAX_SYNONYM_LENGTH,
                        }
                    }
                )
        self.terms = ", ".join(members)
