"""Who may read a council's open data: anyone, for a public council; nobody, for any other.

The API and the feeds serve no more to a signed-in person than to the public: a council that is not
public does not exist for them (404), whoever asks.
"""

from councilportal.councils.models import Council


def can_read_open_data(council: Council | None) -> bool:
    return council is not None and council.is_public

