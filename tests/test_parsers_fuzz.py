"""Arbitrary bytes never make a parser raise anything but ImportRejected."""
from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from factcheck.parsers import Entry, ImportRejected, parse_file

pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")

NAMES = ["a.txt", "a.html", "a.json", "a.jsonl", "a.csv", "a.zip"]
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def consume(data: bytes, name: str) -> list[Entry]:
    try:
        entries = list(parse_file(data, name))
    except ImportRejected as exc:
        assert str(exc)  # always a message for the editor
        return []
    for entry in entries:
        assert isinstance(entry, Entry)
        assert entry.error or entry.fields.get("text", "").strip()
    return entries


@FUZZ
@given(data=st.binary(max_size=2000), name=st.sampled_from(NAMES))
def test_arbitrary_bytes_only_ever_raise_import_rejected(data, name):
    consume(data, name)


@FUZZ
@given(text=st.text(max_size=1500), name=st.sampled_from(NAMES[:5]))
def test_arbitrary_text_only_ever_raises_import_rejected(text, name):
    consume(text.encode("utf-8"), name)


csv_cell = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)


@FUZZ
@given(header=st.lists(st.sampled_from(["title", "text", "html", "url", "published", "x", ""]), min_size=1, max_size=6),
       rows=st.lists(st.lists(csv_cell, max_size=7), max_size=8))
def test_csv_shaped_input_only_ever_raises_import_rejected(header, rows):
    import csv

    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    w.writerows(rows)
    consume(out.getvalue().encode(), "a.csv")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["title", "text", "html", "url", "published", "date", "outlet", "z"]), children, max_size=5),
    max_leaves=20,
)


@FUZZ
@given(value=json_values)
def test_json_shaped_input_only_ever_raises_import_rejected(value):
    import json

    consume(json.dumps(value).encode(), "a.json")
    consume(json.dumps(value).encode() + b"\n" + json.dumps(value).encode(), "a.jsonl")


@FUZZ
@given(members=st.lists(st.tuples(st.sampled_from(NAMES + ["../up.txt", "/abs.txt", "d/", "x.bin"]),
                                  st.binary(max_size=300)), max_size=5),
       corrupt=st.integers(min_value=0, max_value=400))
def test_zip_shaped_input_only_ever_raises_import_rejected(members, corrupt):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    data = bytearray(buf.getvalue())
    if corrupt and corrupt < len(data):
        data[corrupt] ^= 0xFF  # one flipped byte: a broken header or stream
    consume(bytes(data), "a.zip")
