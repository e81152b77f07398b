"""Slugs from titles (web/slugs.py), shared by the showcase's and the desk's pages."""

import pytest

from web.slugs import slug_from_title


@pytest.mark.parametrize(
    "title, taken, expected",
    [
        ("L'énergie d'Opale", (), "l-energie-d-opale"),
        ("Jusqu’à l’hydrogène", (), "jusqu-a-l-hydrogene"),
        ("Qu‘il soit ʼici´ ou `là", (), "qu-il-soit-ici-ou-la"),
        ("Réseau", ("reseau",), "reseau-2"),
        ("Réseau", ("reseau", "reseau-2"), "reseau-3"),
        ("!!!", (), "projet"),
        ("mot " * 40, (), ("mot-" * 20)[:-1]),
        ("a" * 100, (), "a" * 80),
    ],
)
def test_slugs_keep_elisions_apart_and_whole_words(title, taken, expected):
    slug = slug_from_title(title, taken, fallback="projet")
    assert slug == expected
    assert len(slug) <= 80 and not slug.endswith("-")


def test_a_slug_is_cut_at_the_last_whole_word_under_its_length():
    title = "Rénovation d'un lycée avec des logements de fonction"
    assert slug_from_title(title, fallback="question", length=36) == (
        "renovation-d-un-lycee-avec-des"
    )


def test_a_suffix_still_leaves_whole_words():
    title = "Rénovation d'un lycée avec des logements"
    taken = {"renovation-d-un-lycee-avec-des-logements"}
    slug = slug_from_title(title, taken, fallback="question", length=40)
    assert slug == "renovation-d-un-lycee-avec-des-2"
