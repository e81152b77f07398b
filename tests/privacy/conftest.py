"""The request desk's fixtures (holders, staff, bodies, request data) serve here too."""

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
