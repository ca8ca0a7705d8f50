"""Records pages are checked without building a model per record, and still rejected when malformed."""

from __future__ import annotations

import pytest
from nango_toolbox import Nango, NangoError
from sdk_support import Conn, Control


@pytest.mark.parametrize(
    "records",
    [[{"id": "1"}], ["not an object"], [{"id": "1", "_nango_metadata": "x"}], {"id": "1"}],
    ids=["no-metadata", "not-an-object", "metadata-not-an-object", "not-an-array"],
)
def test_malformed_records_page_is_a_clear_error(
    nango: Nango, conn: Conn, control: Control, records: object
) -> None:
    """A /records page whose records lack a _nango_metadata object raises NangoError naming it."""
    control.fault(route="GET /records", status=200, body={"records": records})
    with pytest.raises(NangoError, match=r"GET /records returned a response the SDK could not"):
        list(
            nango.iter_records(
                provider_config_key=conn.integration, connection_id=conn.connection_id, model="M"
            )
        )


def test_records_stay_the_decoded_dicts(nango: Nango, conn: Conn, control: Control) -> None:
    """Each record is the JSON object as sent, extra fields and metadata included."""
    record = {"id": "1", "x": [1, 2], "_nango_metadata": {"last_action": "ADDED", "extra": 1}}
    control.fault(route="GET /records", status=200, body={"records": [record]})
    page = nango.list_records(
        provider_config_key=conn.integration, connection_id=conn.connection_id, model="M"
    )
    assert page.records == [record] and page.next_cursor is None
