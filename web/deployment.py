"""Which settings may use a database: a production database refuses the others.

`manage.py` defaults to the development settings (debug, emails written to files, demo
accounts with public passwords), and a production site is configured by environment
variables (`DATABASE_URL`, ...). An operator who forgets `DJANGO_SETTINGS_MODULE` on one
command would then run it on the production database with the development settings: a
worker whose emails all land in files, or `load_demo` creating the demo administrator.
The database's address cannot say which it is (a production PostgreSQL may be on
loopback, as the test databases are), so the database says it itself:

- the production settings (`TRIHUB_PRODUCTION`) mark their database at every `migrate`
  (`make serve` runs it first), with a `web.DatabaseRole` row;
- `manage.py` under any other settings refuses to run a command on a marked database,
  and says which settings to use;
- demo accounts are refused on a marked database whatever the settings
  (`demo_accounts_allowed`), besides being refused by the production settings.
"""

import sys

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REFUSAL = (
    "This database belongs to a production site: run the command with the production "
    "settings (DJANGO_SETTINGS_MODULE=trihub.settings.production), as the README's "
    "operating section does. Nothing was done."
)


def database_is_production(using=DEFAULT_DB_ALIAS):
    """Whether the database carries the production mark. A database not migrated yet,
    or out of reach, carries none (the command then fails, or succeeds, on its own)."""
    from .models import DatabaseRole

    connection = connections[using]
    try:
        if DatabaseRole._meta.db_table not in connection.introspection.table_names():
            return False
        return DatabaseRole.objects.using(using).filter(role=DatabaseRole.PRODUCTION).exists()
    except DatabaseError:
        return False


def mark_production_database(sender=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """`post_migrate`: the production settings mark the database they migrate."""
    from .models import DatabaseRole

    if settings.TRIHUB_PRODUCTION:
        DatabaseRole.objects.using(using).get_or_create(role=DatabaseRole.PRODUCTION)


def demo_accounts_allowed():
    """Demo accounts have public passwords: only where the settings allow them, and
    never on a production database."""
    return settings.TRIHUB_DEMO_ACCOUNTS_ALLOWED and not database_is_production()


def refuse_other_settings_on_production_database():
    """Called by `manage.py` before any command: exits when settings other than the
    production ones would run on a production database."""
    if not settings.TRIHUB_PRODUCTION and database_is_production():
        sys.stderr.write(REFUSAL + "\n")
        sys.exit(2)
