"""Requests generated from the API's own OpenAPI schema, valid and invalid, never get a 500,
and every answer's status is one the schema documents."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import status_code_conformance

from urbact_portal.api import api
from urbact_portal.wsgi import application

pytestmark = pytest.mark.django_db

SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
SCHEMA.app = application
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
# Invalid requests for every operation that takes parameters, valid ones for all.
CASES = [
    pytest.param(operation, mode, id=f"{operation.label} {mode.value}")
    for operation in OPERATIONS
    for mode in GenerationMode
    if mode == GenerationMode.POSITIVE or operation.definition.raw.get("parameters")
]


@pytest.fixture
def wsgi_inside_the_test_transaction():
    """Like Django's test client: the WSGI handler must not close the connection that holds the
    test's transaction at the end of each request."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.parametrize(("operation", "mode"), CASES)
def test_no_request_built_from_the_schema_gets_a_500_or_an_undocumented_status(
    demo, wsgi_inside_the_test_transaction, operation, mode
):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        response = case.call()
        assert response.status_code < 500, (case.as_curl_command(), response.text[:500])
        case.validate_response(response, checks=[status_code_conformance])

    check()


def test_the_schema_documents_the_error_answers():
    paths = api.get_openapi_schema()["paths"]
    documented = {path: set(operation["get"]["responses"]) for path, operation in paths.items()}
    for path in ["/api/v1/networks", "/api/v1/cities", "/api/v1/events", "/api/v1/figures"]:
        assert {"200", "400", "422"} <= {str(code) for code in documented[path]}, path
    assert {"200", "404", "422"} <= {str(code) for code in documented["/api/v1/networks/{slug}"]}
    csv = paths["/api/v1/networks.csv"]["get"]["responses"]
    assert "text/csv" in csv[200 if 200 in csv else "200"]["content"]


def test_the_error_answers_match_their_schema(client, db):
    unknown = client.get("/api/v1/networks?programme=urbact-ix")
    assert unknown.status_code == 400
    assert unknown.json() == {"detail": "Unknown programme: urbact-ix"}
    missing = client.get("/api/v1/networks/nowhere")
    assert missing.status_code == 404 and isinstance(missing.json()["detail"], str)
    malformed = client.get("/api/v1/figures?phase=zero")
    assert malformed.status_code == 422
    assert malformed.json()["detail"][0]["loc"]
