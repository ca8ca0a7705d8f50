"""What a workflow may not see or show: the Nango secret key is out of its reach, and secret
environment variables are masked whatever their length."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import CliRun, Control, unique
from recording_provider import RecordingProvider

RunCli = Callable[..., CliRun]
Write = Callable[[str], Path]


@pytest.mark.parametrize(
    ("reference", "variable", "key"),
    [
        ("env.NANGO_SECRET_KEY", "NANGO_SECRET_KEY", "secret key"),
        ("env['NANGO_TOOLBOX_SECRET_KEY']", "NANGO_TOOLBOX_SECRET_KEY", "secret key"),
        ("env.nango_secret_key", "nango_secret_key", "secret key"),
        ("env.Nango_Toolbox_Secret_Key", "Nango_Toolbox_Secret_Key", "secret key"),
        ("env.NANGO_WEBHOOK_SIGNING_KEY", "NANGO_WEBHOOK_SIGNING_KEY", "webhook signing key"),
        (
            "env.nango_toolbox_webhook_signing_key",
            "nango_toolbox_webhook_signing_key",
            "webhook signing key",
        ),
    ],
)
def test_a_reference_to_the_secret_key_is_a_located_validation_error(
    nango_run: RunCli, write_workflow: Write, reference: str, variable: str, key: str
) -> None:
    """${{ env.NANGO_SECRET_KEY }} (either name, any case), or the webhook signing key's
    variables, are refused before any request."""
    flow = write_workflow(
        f"""
        version: 1
        name: leak
        steps:
          - id: send
            proxy:
              connection: {{integration: github, connection_id: c}}
              method: GET
              path: /user
              headers: {{X-Key: "${{{{ {reference} }}}}"}}
        """
    )
    result = nango_run(flow, "--output", "json")
    assert result.code == 2, result.text
    assert result.json()["problems"] == [
        {
            "file": str(flow),
            "line": 10,
            "column": 24,
            "pointer": "/steps/0/proxy/headers/X-Key",
            "message": f"env.{variable}: a workflow cannot read the Nango {key} ({variable}): "
            "nango-run authenticates to Nango itself, and a shared workflow file could send the "
            "key to a provider; remove the reference",
        }
    ]


def test_short_secret_variables_are_masked_and_one_character_ones_as_whole_values(
    nango_run: RunCli, write_workflow: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DB_PASSWORD=hunter2 is masked everywhere it shows; a 2-character PIN_TOKEN is masked
    where a whole value is it, not inside other text."""
    monkeypatch.setenv("DB_PASSWORD", "hunter2")
    monkeypatch.setenv("PIN_TOKEN", "zq")
    flow = write_workflow(
        """
        version: 1
        name: masks
        steps:
          - id: all
            discover: {what: integrations}
        outputs:
          password: ${{ env.DB_PASSWORD }}
          sentence: "the password is ${{ env.DB_PASSWORD }}"
          pin: ${{ env.PIN_TOKEN }}
          pin_in_text: "pin=${{ env.PIN_TOKEN }}"
        """
    )
    human = nango_run(flow)
    assert human.code == 0, human.text
    assert human.out.splitlines() == [
        "password: ***",
        "sentence: the password is ***",
        "pin: ***",
        "pin_in_text: pin=zq",
    ]
    document = nango_run(flow, "--output", "json")
    assert document.json()["outputs"] == {
        "password": "***",
        "sentence": "the password is ***",
        "pin": "***",
        "pin_in_text": "pin=zq",
    }


def test_a_key_the_provider_repeats_in_free_text_is_masked(
    nango_run: RunCli, control: Control, write_workflow: Write, fake_provider: RecordingProvider
) -> None:
    """A workflow that reads its connection (the connection step) and then calls the provider:
    an answer quoting the connection's API key, under no credential name and without a Bearer
    prefix, is shown with the key masked, in the outputs and in the step lines."""
    api_key = unique("SG.repeated-key")
    key, _ = control.api_key_connection(api_key, end_user="ann")
    flow = write_workflow(
        f"""
        version: 1
        name: echo
        steps:
          - id: c
            connection: {{integration: {key}, end_user: {{id: ann}}}}
          - id: p
            proxy: {{connection: c, path: /v3/user}}
        outputs:
          body: ${{{{ steps.p.outputs.body }}}}
        """
    )
    for output in ("json", "human"):
        fake_provider.respond(200, {"note": f"signed in with {api_key}", "items": [api_key]})
        result = nango_run(flow, "--output", output, "--verbose")
        assert result.code == 0, result.text
        assert api_key not in result.out + result.err
        assert "signed in with ***" in result.out
