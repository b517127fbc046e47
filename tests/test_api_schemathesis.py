"""The API against its own OpenAPI document, by schemathesis: every operation with generated
inputs (valid and invalid), once with a read token and once with a write token. Bounded:
EXAMPLES inputs per operation and token. Checked: no server error, every status declared,
every body and content type as documented.

Stateless: the operations are few and keyed by 職員番号 and 団体コード, which the generated
inputs rarely hit; the valid paths are pinned to the cast's records for a share of the
cases so that successful answers are checked too, not only the 404s.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from dxjinzai.core.api import api
from dxjinzai.core.services import api_token_create

EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _schema() -> schemathesis.schemas.BaseSchema:
    document = api.get_openapi_schema(path_prefix="/api/v1")
    return schemathesis.openapi.from_dict(document)


def _operations() -> list[str]:
    return [
        f"{result.ok().method.upper()} {result.ok().path}"
        for result in _schema().get_all_operations()
    ]


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler, as the test client runs it: without closing the database
    connection at each request's end (which would end the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("scope", ["read", "write"])
@pytest.mark.parametrize("label", _operations())
def test_every_operation_keeps_its_contract(label, scope, cast, wsgi_app):
    _, raw = api_token_create(
        actor=cast.users["A.admin"], body=cast.bodies["A"], name="契約試験", scope=scope
    )
    method, path = label.split(" ", 1)
    operation = _schema()[path][method]
    known = {"code": cast.bodies["A"].code, "number": cast.staff["A.member"].number}
    calls = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), pin=st.booleans())
    def exercise(case, pin):
        if pin and case.path_parameters:
            case.path_parameters = {
                name: known.get(name, value) for name, value in case.path_parameters.items()
            }
        response = case.call_and_validate(
            app=wsgi_app,
            # The WSGI client does not decompress: ask for the body as it is (the server
            # compresses only for clients that accept gzip).
            headers={"Authorization": f"Bearer {raw}", "Accept-Encoding": "identity"},
            checks=CHECKS,
        )
        calls.append(response.status_code)

    exercise()
    assert calls, "no case was sent"
    # Pinned to real records, some cases get past authentication and lookup.
    assert any(code not in (401, 404) for code in calls), calls
