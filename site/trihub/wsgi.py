"""WSGI entry point. Puts site/ on the import path like manage.py does."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trihub.settings.production")
application = get_wsgi_application()
