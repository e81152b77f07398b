"""The request desk's fixtures (holders, staff, bodies, request data) serve here too, with
the story of a holder's request (`story.py`)."""

from tests.desk.conftest import (  # noqa: F401
    body,
    coordinator,
    expert,
    filed,
    holder,
    other_body,
    other_expert,
    other_holder,
    priority,
    request_data,
    rule,
    territory,
)
from tests.privacy.story import commission, private_media, story, teams, zephyrine  # noqa: F401
