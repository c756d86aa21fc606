"""The API against its own description: Schemathesis generates requests from /api/v1/openapi.json (valid and
invalid ones) and checks every answer: no 500, status, content type, headers and body as documented."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.opendata.factories import add_open_data

EXAMPLES_PER_OPERATION = 12


@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode))
def test_every_answer_conforms_to_the_description(app, session, world, mode):
    add_open_data(session, world)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 5

    for operation in operations:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def answers_as_described(case):
            # Any string is a cursor by the description, but only one the list gave out is accepted: the
            # rest are a documented 400, not valid data refused.
            case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])

        answers_as_described()
