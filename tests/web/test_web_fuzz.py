"""Schema-based fuzzing: schemathesis generates requests from the app's own OpenAPI schema, valid and not;
no request may make the server fail (5xx), and every answer — 422s included — has a status and a body the
schema declares. The write routes are fuzzed too: without the token they refuse."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

EXAMPLES_PER_ROUTE = 40


def test_no_request_makes_a_server_error(web_app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", web_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_ROUTE, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def fuzz(case) -> None:
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance, status_code_conformance])

        try:
            fuzz()
        except Exception as e:
            raise AssertionError(f"{operation.label}: {e}") from e
