"""The request desk's fixtures (holders, staff, bodies, request data) serve here too, with
the story of a holder's request (`story.py`)."""

from tests.desk.conftest import filed, priority, request_data, rule, territory  # noqa: F401
from tests.privacy.story import commission, private_media, story, teams, zephyrine  # noqa: F401
