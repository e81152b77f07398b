#!/usr/bin/env python
"""Django's command-line utility for the TRI knowledge base."""

import os
import sys
from pathlib import Path

# The configuration package lives in site/ (see README: "Why site/trihub").
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trihub.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
