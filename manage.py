#!/usr/bin/env python
"""Django's command-line utility for the TRI knowledge base."""

import os
import sys
from pathlib import Path

# The configuration package lives in site/ (see README: "Why site/trihub").
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trihub.settings.dev")
    import django
    from django.core.management import execute_from_command_line

    try:
        django.setup()
    except Exception:  # bad settings: Django's own command line reports them
        pass
    else:
        # The development settings on a production database: refused (web/deployment.py).
        from web.deployment import refuse_other_settings_on_production_database

        refuse_other_settings_on_production_database()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
