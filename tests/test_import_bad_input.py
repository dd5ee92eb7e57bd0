"""Bad input gets a clear message and leaves nothing half-stored."""
from __future__ import annotations

import csv
import io
import json
import tracemalloc
import zipfile

import pytest

from factcheck.importing import import_entry
from factcheck.models import Article
from factcheck.parsers import ImportRejected, parse_file

from .import_support import BRIDGE, QUIET, article_text

pytestmark = pytest.mark.django_db


def entries(data: bytes, name: str):
    return list(parse_file(data, name))


def import_all(data: bytes, name: str):
    return [import_entry(e) for e in parse_file(data, name)]


def test_an_empty_file_is_rejected():
    with pytest.raises(ImportRejected, match="a.txt is empty"):
        entries(b"", "a.txt")
    with pytest.raises(ImportRejected, match="empty"):
        entries(b"  \n\n ", "a.csv")


def test_a_binary_file_renamed_txt_is_rejected_as_binary():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(ImportRejected, match="binary file"):
        entries(png, "photo.txt")
    assert Article.objects.count() == 0


def test_latin_1_text_is_decoded_and_the_encoding_is_named():
    text = "Le ministère a déclaré que le pont était fermé à cause de fissures. Café, naïve, déjà."
    [outcome] = import_all(text.encode("latin-1"), "fr.txt")
    assert outcome.status == "imported"
    assert "déclaré" in outcome.article.text and "fermé" in outcome.article.text
    assert "not UTF-8: decoded as Windows-1252" in outcome.message


def test_invalid_utf8_in_the_middle_of_a_utf8_file_is_still_decoded_or_named():
    data = BRIDGE.encode("utf-8") + b"\n\nThe mayor\xe9s office said nothing."
    [entry] = entries(data, "mixed.txt")
    assert "not UTF-8" in entry.note
    assert "The mayor" in entry.fields["text"]


def test_html_with_scripts_handlers_and_javascript_links_is_stored_sanitised():
    html = (
        "<html><head><title>Bridge closed</title><script>window.__pwned = 1</script></head><body><article>"
        "<h1>Bridge closed</h1><p onclick='steal()'>The transport ministry said on Monday that the harbour bridge "
        "was closed because inspectors had found cracks.</p><img src=x onerror=alert(1)>"
        "<p><a href='javascript:alert(2)'>more</a> The council denied that the bridge had been closed.</p>"
        "<iframe src='https://evil.example'></iframe></article></body></html>"
    )
    [outcome] = import_all(html.encode(), "page.html")
    article = outcome.article
    assert outcome.status == "imported" and article.title == "Bridge closed"
    assert "transport ministry said" in article.text
    for bad in ("<script", "__pwned", "onclick", "onerror", "javascript:", "<iframe", "<img"):
        assert bad not in article.html, bad
    assert "__pwned" not in article.text


def test_a_csv_without_a_text_column_is_rejected_naming_the_expected_columns():
    with pytest.raises(ImportRejected, match="must have a “text” or “html” column.*Expected columns: title, url"):
        entries(b"title,body\nA,b\n", "a.csv")


def test_extra_csv_columns_are_ignored_with_a_note_and_short_rows_are_reported():
    data = io.StringIO()
    w = csv.writer(data)
    w.writerows([["title", "text", "mood"], ["A", BRIDGE, "grim"], ["B only"], ["C", QUIET, "calm", "surplus"]])
    outcomes = import_all(data.getvalue().encode(), "a.csv")
    assert [o.status for o in outcomes] == ["imported", "rejected", "rejected"]
    assert "ignored unknown columns: mood" in outcomes[0].message
    assert outcomes[1].name == "a.csv row 3" and outcomes[1].message == "1 fields where the header has 3"
    assert outcomes[2].message == "4 fields where the header has 3"


def test_a_bad_date_rejects_its_row_and_the_other_rows_import():
    data = io.StringIO()
    csv.writer(data).writerows([["title", "text", "published"], ["A", BRIDGE, "31/31/2020"], ["B", QUIET, "2024-02-29"]])
    outcomes = import_all(data.getvalue().encode(), "a.csv")
    assert [(o.status, o.message) for o in outcomes][0] == ("rejected", "bad date '31/31/2020'")
    assert outcomes[1].status == "imported"
    assert outcomes[1].article.published_at.date().isoformat() == "2024-02-29"


def test_a_100000_row_csv_is_streamed_with_memory_bounded(tmp_path):
    # Written row by row to disk and read back as a stream: the parser's peak memory must stay
    # a small fraction of the file's size. bench/import.py measures importing such files.
    path = tmp_path / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["title", "url", "outlet", "published", "text"])
        for n in range(100_000):
            w.writerow([f"Title {n}", f"https://news.example/{n}", "Gazette", "2024-05-01", article_text(n)])
    size = path.stat().st_size
    tracemalloc.start()
    count = 0
    with path.open("rb") as stream:
        for entry in parse_file(stream, "big.csv"):
            assert not entry.error
            count += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 100_000
    assert peak < size / 20, f"peak {peak:,} bytes for a {size:,}-byte file"


def test_malformed_json_is_rejected_with_the_line_and_column():
    with pytest.raises(ImportRejected, match=r"not valid JSON \(line 2, column \d+\)"):
        entries(b'[{"title": "a",\n "text": "b" oops}]', "a.json")


def test_json_items_that_are_not_articles_are_reported_one_by_one():
    data = json.dumps([{"title": "A", "text": BRIDGE}, "just a string", {"title": "no text"}]).encode()
    outcomes = import_all(data, "a.json")
    assert [o.status for o in outcomes] == ["imported", "rejected", "rejected"]
    assert outcomes[1].message == "expected an article object, found str"
    assert "no text" in outcomes[2].message


def test_a_zip_bomb_is_refused_before_inflating():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("bomb.txt", b"0" * (8 * 1024 * 1024))
    assert len(buf.getvalue()) < 100_000
    with pytest.raises(ImportRejected, match="zip bomb"):
        entries(buf.getvalue(), "bomb.zip")


def test_a_zip_with_too_many_entries_is_refused(monkeypatch):
    from factcheck import parsers

    monkeypatch.setattr(parsers, "ZIP_MAX_ENTRIES", 3)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in range(4):
            z.writestr(f"{n}.txt", article_text(n))
    with pytest.raises(ImportRejected, match="4 entries; the limit is 3"):
        entries(buf.getvalue(), "many.zip")


def test_a_zip_with_a_path_climbing_out_is_refused_and_nothing_is_written(tmp_path, settings, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.chdir(tmp_path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("ok.txt", BRIDGE)
        z.writestr("../x.txt", QUIET)
    with pytest.raises(ImportRejected, match="unsafe path “../x.txt”"):
        entries(buf.getvalue(), "evil.zip")
    assert not (tmp_path / "x.txt").exists()
    assert Article.objects.count() == 0


def test_a_zip_of_mixed_files_imports_each_and_reports_the_bad_one():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", BRIDGE)
        z.writestr("b.json", json.dumps({"title": "Quiet", "text": QUIET}))
        z.writestr("c.pdf", b"%PDF-1.4")
        z.writestr("__MACOSX/._a.txt", b"\x00\x05")
    outcomes = import_all(buf.getvalue(), "bundle.zip")
    assert [(o.name, o.status) for o in outcomes] == [
        ("bundle.zip/a.txt", "imported"), ("bundle.zip/b.json item 1", "imported"), ("bundle.zip/c.pdf", "rejected")]
    assert "cannot be imported" in outcomes[2].message


def test_an_article_with_no_attributed_assertions_is_imported_with_a_note():
    [outcome] = import_all(QUIET.encode(), "quiet.txt")
    assert outcome.status == "imported"
    assert "No attributed assertions were found" in outcome.message


def test_an_unknown_extension_is_refused_with_the_accepted_list():
    with pytest.raises(ImportRejected, match=r"“\.pdf” cannot be imported; use \.txt, \.html"):
        entries(b"%PDF-1.4", "doc.pdf")


def test_a_zip_member_that_inflates_past_its_declared_size_is_refused():
    import struct

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", BRIDGE * 200)
    data = bytearray(buf.getvalue())
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, 100)  # both headers claim 100 bytes
    struct.pack_into("<I", data, central + 24, 100)
    outcomes = import_all(bytes(data), "liar.zip")
    assert [o.status for o in outcomes] == ["rejected"]
    assert Article.objects.count() == 0


# URLs: the same local server as tests/test_fetching.py, through the import service.
from .test_fetching import server  # noqa: E402,F401  (a fixture)


@pytest.mark.parametrize(("path", "message"), [
    ("/slow", "did not answer within 0.5 seconds"),
    ("/missing", "answered 404"),
    ("/doc.pdf", "is a PDF, not a web page"),
    ("/photo", "is an image, not a web page"),
    ("/big-undeclared", "larger than the limit of 20,000 bytes"),
])
def test_a_url_that_cannot_be_imported_is_rejected_with_the_reason(server, settings, path, message):  # noqa: F811
    from factcheck.importing import import_url

    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["127.0.0.1"]
    settings.FACTCHECK_FETCH_TIMEOUT = 0.5
    settings.FACTCHECK_FETCH_MAX_BYTES = 20_000
    outcome = import_url(url=f"{server}{path}")
    assert outcome.status == "rejected" and message in outcome.message
    assert Article.objects.count() == 0
