"""Starts the throw-away OpenID Connect provider of the browser tests on 127.0.0.1:PORT.

    python tools/oidc-provider/serve.py --port 9000 --redirect-uri URI \
        --client-id ID --client-secret SECRET --user NAME,EMAIL,PASSWORD,LAST_NAME ...

The database is a temporary SQLite file: each start migrates it and makes the client (one
confidential client, authorization code with PKCE, no consent screen) and the users. Its
issuer is http://127.0.0.1:PORT/o. Stops on SIGTERM, like runserver.
"""

import argparse
import os
import signal
import sys
import tempfile
from pathlib import Path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--redirect-uri", required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--user", action="append", default=[])
    options = parser.parse_args()

    # SIGTERM leaves through the `with` below, which removes the database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with tempfile.TemporaryDirectory(prefix="oidc-provider-") as folder:
        os.environ["OIDC_PROVIDER_DATABASE"] = str(Path(folder) / "db.sqlite3")
        serve(options)


def serve(options):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ["DJANGO_SETTINGS_MODULE"] = "oidc_provider.settings"

    import django
    from django.core.management import call_command

    django.setup()
    from django.contrib.auth import get_user_model
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for spec in options.user:
        username, email, password, last_name = spec.split(",")
        get_user_model().objects.create_user(
            username, email, password, first_name="Agent", last_name=last_name
        )
    Application.objects.create(
        name="TRI",
        client_id=options.client_id,
        client_secret=options.client_secret,  # hashed on save
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=options.redirect_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    call_command("runserver", f"127.0.0.1:{options.port}", use_reloader=False)


if __name__ == "__main__":
    main()
