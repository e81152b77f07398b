"""`manage.py load_content`: the programme's content, for production as for development."""

from .load_demo import CONTENT_STEPS
from .load_demo import Command as LoadDemo


class Command(LoadDemo):
    help = (
        "Crée le contenu manquant du programme : pages du plan directeur, de la feuille de "
        "route, des priorités, référentiels, rôles et circuits de validation, index de "
        "recherche. Creates the programme's missing content (the seed's pages and "
        "reference data, staff roles and workflows, the search index); no account, "
        "project or request. Safe to run again, in production too."
    )
    steps = CONTENT_STEPS

    def check_allowed(self):
        pass  # nothing personal, nothing made up: allowed everywhere
