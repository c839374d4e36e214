"""Arrow helpers of the Parquet writer."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from karabakh_news.parquet import with_item_field

ITEM = pa.struct([("name", pa.string()), ("person_id", pa.string())])


def test_with_item_field_sets_one_field_of_every_item_and_keeps_the_lists() -> None:
    rows = [
        [{"name": "A", "person_id": None}, {"name": "B", "person_id": None}],
        [],
        None,
        [None, {"name": None, "person_id": "x"}],
        [{"name": "C", "person_id": None}],
    ]
    whole = pa.array(rows, pa.list_(ITEM))
    lists = pa.chunked_array([whole.slice(0, 2), whole.slice(2)])  # chunks that start inside the values

    result = with_item_field(lists, "person_id", lambda items: pc.utf8_lower(pc.struct_field(items, "name")))

    assert result.type == lists.type
    assert result.to_pylist() == [
        [{"name": "A", "person_id": "a"}, {"name": "B", "person_id": "b"}],
        [],
        None,
        [None, {"name": None, "person_id": None}],
        [{"name": "C", "person_id": "c"}],
    ]
