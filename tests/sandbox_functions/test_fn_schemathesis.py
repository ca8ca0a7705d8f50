"""Property-based check of the sandbox against openapi/nango.yaml with schemathesis.

Every operation of the spec gets a bounded number of generated requests (valid and invalid), sent
over real HTTP to a sandbox that has an integration, a connection, records and functions. The
sandbox must never answer 5xx, and every answer must be documented: status code, content type
and body schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from fn_helpers import SAMPLE_FUNCTIONS
from hypothesis import HealthCheck, settings
from nango_toolbox.sandbox import Sandbox
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "nango.yaml"
MAX_EXAMPLES = 6
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# The sandbox cannot run TypeScript: these answer Nango's 503 execution_environment_unavailable
# (documented in docs/sandbox.md and in the spec) once the request is valid, so only the other
# checks apply to them.
TYPESCRIPT_ONLY = {"/functions/compile", "/functions/dryruns", "/functions/deployments"}

schema = schemathesis.openapi.from_path(str(SPEC))
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])


@pytest.fixture(scope="module")
def spec_sandbox() -> Iterator[Sandbox]:
    """A sandbox with a sendgrid integration and connection, records and the sample functions."""
    with Sandbox(functions=SAMPLE_FUNCTIONS, time_scale=0.01) as sb:
        headers = {"Authorization": f"Bearer {sb.secret_key}"}
        with httpx.Client(base_url=sb.base_url, headers=headers) as http:
            http.post("/integrations", json={"unique_key": "sendgrid", "provider": "sendgrid"})
            http.post(
                "/connections",
                json={
                    "provider_config_key": "sendgrid",
                    "connection_id": "conn-1",
                    "credentials": {"type": "API_KEY", "apiKey": "sk_test"},
                },
            )
            http.post(
                "/_sandbox/records",
                json={
                    "provider_config_key": "sendgrid",
                    "connection_id": "conn-1",
                    "model": "Customer",
                    "records": [{"id": str(i)} for i in range(20)],
                },
            )
        yield sb


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_sandbox_conforms_to_the_spec(case: schemathesis.Case, spec_sandbox: Sandbox) -> None:
    """No generated request gets a 5xx or an answer the spec does not describe."""
    case.call_and_validate(
        base_url=spec_sandbox.base_url,
        headers={"Authorization": f"Bearer {spec_sandbox.secret_key}"},
        checks=[c for c in CHECKS if c is not not_a_server_error]
        if case.operation.path in TYPESCRIPT_ONLY
        else CHECKS,
        timeout=30,
    )
