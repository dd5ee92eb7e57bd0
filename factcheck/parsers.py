"""File formats → article entries.

parse_file() turns one uploaded file (.txt, .html, .json, .jsonl, .csv or a .zip of these) into
Entry objects: the fields import_text() takes, or a per-item error ("row 3: bad date"). A problem
with the file as a whole (empty, binary, malformed JSON, a zip bomb) raises ImportRejected with a
message an editor can act on. Nothing here touches the database.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time
from datetime import timezone as dt_timezone
from typing import BinaryIO

import charset_normalizer
import nh3


FORMATS = ("txt", "html", "json", "jsonl", "csv", "zip")
EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".zip": "zip",
}
CSV_COLUMNS = ("title", "url", "outlet", "author", "published", "text", "html")
JSON_KEYS = set(CSV_COLUMNS) | {"canonical_url", "published_at", "date"}

# Zip limits: a zip bomb is refused before anything is inflated (declared sizes and ratio),
# and again while inflating (actual sizes), so a lying header does not help.
ZIP_MAX_ENTRIES = 5_000
ZIP_MAX_TOTAL_BYTES = 200 * 1024 * 1024
ZIP_MAX_ENTRY_BYTES = 20 * 1024 * 1024
ZIP_MAX_RATIO = 100
MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024  # a single .txt/.html/.json file, read whole
SNIFF_BYTES = 64 * 1024

csv.field_size_limit(10 * 1024 * 1024)


class ImportRejected(ValueError):
    """An input that cannot become an article; the message is shown to the user as is."""


@dataclass
class Entry:
    """One article to import, or the reason one item of a file could not be."""

    name: str  # "file.csv row 3", "bundle.zip/a.html"
    fields: dict = field(default_factory=dict)  # keyword arguments for import_text()
    error: str = ""
    note: str = ""  # e.g. "decoded as Windows-1252"


def format_for(name: str, declared: str = "") -> str:
    if declared:
        if declared not in FORMATS:
            raise ImportRejected(f"Unknown format “{declared}”; choose one of {', '.join(FORMATS)}.")
        return declared
    ext = posixpath.splitext(name.lower())[1]
    if ext not in EXTENSIONS:
        raise ImportRejected(
            f"{name}: files ending in “{ext or '(no extension)'}” cannot be imported; "
            "use .txt, .html, .json, .jsonl, .csv or .zip."
        )
    return EXTENSIONS[ext]


# --- text decoding ---------------------------------------------------------------------------

def looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 BOMs carry NUL bytes legitimately
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) > 0.05


def detect_encoding(sample: bytes, name: str) -> tuple[str, str]:
    """(codec, note). UTF-8 first; otherwise charset-normalizer, preferring Windows-1252 among
    near-equal guesses because that is what Western newsroom tools write."""
    if looks_binary(sample[:SNIFF_BYTES]):
        raise ImportRejected(f"{name} looks like a binary file, not text (control bytes in it).")
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", ""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "decoded as UTF-16"
    try:
        sample.decode("utf-8")
        return "utf-8", ""
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the sample's end is still UTF-8.
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return "utf-8", ""
    results = charset_normalizer.from_bytes(sample[:SNIFF_BYTES])
    best = results.best()
    if best is None:
        raise ImportRejected(f"{name} is not UTF-8 and its encoding could not be recognised; is it a binary file?")
    codec = best.encoding
    for candidate in results:
        if candidate.encoding == "cp1252" and candidate.chaos <= best.chaos + 0.1:
            codec = "cp1252"
    label = {"cp1252": "Windows-1252 (Latin-1)", "latin_1": "Latin-1"}.get(codec, codec)
    return codec, f"not UTF-8: decoded as {label}"


def decode(data: bytes, name: str) -> tuple[str, str]:
    if not data.strip():
        raise ImportRejected(f"{name} is empty.")
    codec, note = detect_encoding(data, name)
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        raise ImportRejected(f"{name} could not be decoded as {codec}.") from None
    return text, note


# --- field helpers ---------------------------------------------------------------------------

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y")


def parse_date(value) -> datetime | None:
    """ISO dates and date-times, and a few common written forms; raises ValueError otherwise."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"bad date {value!r}")
    value = value.strip()
    if not value:
        return None
    parsed = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if len(value) <= 10:
            parsed = datetime.combine(parsed.date(), time(12, 0))
    except ValueError:
        for fmt in DATE_FORMATS:
            try:
                parsed = datetime.combine(datetime.strptime(value, fmt).date(), time(12, 0))
                break
            except ValueError:
                continue
    if parsed is None or not (1800 <= parsed.year <= 2200):
        raise ValueError(f"bad date {value!r}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt_timezone.utc)
    return parsed


def sanitise_html(html: str) -> str:
    """The stored HTML snapshot: no scripts, handlers, javascript: links or remote images."""
    tags = set(nh3.ALLOWED_TAGS) - {"img"}
    return nh3.clean(html, tags=tags, url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")


def from_html(html: str, *, url: str = "") -> dict:
    """Main text and metadata through trafilatura, plus the sanitised snapshot."""
    import trafilatura

    doc = None
    try:
        doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False)
    except Exception:  # trafilatura raises a variety of parser errors on broken markup
        doc = None
    meta = doc.as_dict() if doc is not None else {}
    text = (meta.get("text") or "").strip()
    if not text:
        # Pages too short for trafilatura's heuristics: fall back to the tag-free text.
        text = _plain_text(html)
    published = None
    try:
        published = parse_date(meta.get("date") or "")
    except ValueError:
        published = None
    canonical = meta.get("url") or ""
    return {
        "text": text,
        "title": (meta.get("title") or "").strip(),
        "author": (meta.get("author") or "").strip(),
        "outlet": (meta.get("sitename") or "").strip(),
        "published_at": published,
        "canonical_url": canonical if canonical.startswith(("http://", "https://")) else "",
        "html": sanitise_html(html),
    }


def _plain_text(html: str) -> str:
    cleaned = nh3.clean(html, tags={"p", "br", "div", "li", "h1", "h2", "h3"}, attributes={})
    for tag in ("</p>", "<br>", "</div>", "</li>", "</h1>", "</h2>", "</h3>"):
        cleaned = cleaned.replace(tag, "\n")
    import html as html_lib

    text = nh3.clean(cleaned, tags=set())
    return "\n".join(line.strip() for line in html_lib.unescape(text).splitlines() if line.strip())


def fields_from_mapping(item, name: str) -> dict:
    """An article object (JSON, JSONL or a CSV row as a dict) → import_text() keywords."""
    if not isinstance(item, dict):
        raise ValueError(f"expected an article object, found {type(item).__name__}")
    text = item.get("text") or ""
    html = item.get("html") or ""
    for key in ("title", "url", "outlet", "author", "text", "html", "canonical_url"):
        if item.get(key) is not None and not isinstance(item.get(key), str):
            raise ValueError(f"“{key}” must be a string")
    if not (text.strip() or html.strip()):
        raise ValueError("no text (give a “text” or “html” value)")
    published = parse_date(item.get("published") or item.get("published_at") or item.get("date") or "")
    fields = {}
    if html.strip():
        fields = from_html(html, url=item.get("url") or "")
        if text.strip():
            fields["text"] = text
    else:
        fields = {"text": text}
    for key in ("title", "url", "outlet", "author", "canonical_url"):
        if (item.get(key) or "").strip():
            fields[key] = item[key].strip()
    if published is not None:
        fields["published_at"] = published
    return fields


# --- formats ---------------------------------------------------------------------------------

def _read_limited(stream: BinaryIO, limit: int, name: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ImportRejected(f"{name} is larger than {limit // (1024 * 1024)} MB; "
                             "split it, or use JSON Lines or CSV, which are read row by row.")
    return data


def parse_txt(stream: BinaryIO, name: str) -> Iterator[Entry]:
    text, note = decode(_read_limited(stream, MAX_TEXT_FILE_BYTES, name), name)
    if not text.strip():
        raise ImportRejected(f"{name} is empty.")
    title = posixpath.splitext(posixpath.basename(name))[0].replace("_", " ").replace("-", " ").strip()
    first = text.strip().split("\n", 1)[0].strip()
    # A short first line standing alone reads as a headline.
    if 0 < len(first) <= 200 and "\n\n" in text.strip()[: len(first) + 3]:
        title = first
    yield Entry(name, {"text": text, "title": title}, note=note)


def parse_html(stream: BinaryIO, name: str) -> Iterator[Entry]:
    data = _read_limited(stream, MAX_TEXT_FILE_BYTES, name)
    html, note = decode(data, name)
    fields = from_html(html)
    if not fields["text"].strip():
        raise ImportRejected(f"{name}: no article text found in the HTML.")
    fields["title"] = fields["title"] or posixpath.splitext(posixpath.basename(name))[0]
    yield Entry(name, fields, note=note)


def _mapping_entries(items, name: str, label: str) -> Iterator[Entry]:
    for index, item in items:
        item_name = f"{name} {label} {index}"
        try:
            yield Entry(item_name, fields_from_mapping(item, item_name))
        except ValueError as exc:
            yield Entry(item_name, error=str(exc))


def parse_json(stream: BinaryIO, name: str) -> Iterator[Entry]:
    text, note = decode(_read_limited(stream, MAX_TEXT_FILE_BYTES, name), name)
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise ImportRejected(f"{name} is not valid JSON{where}: {getattr(exc, 'msg', 'nested too deeply')}.") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ImportRejected(f"{name}: expected an article object or a list of them.")
    if not data:
        raise ImportRejected(f"{name} holds an empty list: no articles.")
    yield from _mapping_entries(enumerate(data, 1), name, "item")


def _text_lines(stream: BinaryIO, name: str) -> tuple[io.TextIOWrapper, str]:
    """Wrap a binary stream for streaming text reads, the encoding sniffed from its start."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
    sample = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    if not sample.strip():
        raise ImportRejected(f"{name} is empty.")
    codec, note = detect_encoding(sample, name)
    return io.TextIOWrapper(buffered, encoding=codec, errors="strict", newline=""), note


def parse_jsonl(stream: BinaryIO, name: str) -> Iterator[Entry]:
    lines, note = _text_lines(stream, name)

    def items():
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except (json.JSONDecodeError, RecursionError):
                yield number, ValueError("not valid JSON")

    seen = False
    try:
        for number, item in items():
            seen = True
            if isinstance(item, ValueError):
                yield Entry(f"{name} line {number}", error=str(item))
                continue
            yield from _mapping_entries([(number, item)], name, "line")
    except UnicodeDecodeError as exc:
        raise ImportRejected(f"{name}: invalid text further into the file ({exc.reason}).") from None
    if not seen:
        raise ImportRejected(f"{name} is empty.")


def parse_csv(stream: BinaryIO, name: str) -> Iterator[Entry]:
    """Streamed row by row: memory stays bounded however long the file."""
    lines, note = _text_lines(stream, name)
    reader = csv.reader(lines)
    try:
        try:
            header = next(reader)
        except StopIteration:
            raise ImportRejected(f"{name} is empty.") from None
        columns = [c.strip().lower().lstrip("\ufeff") for c in header]
        if "text" not in columns and "html" not in columns:
            raise ImportRejected(
                f"{name}: the header must have a “text” or “html” column; found {', '.join(header) or 'nothing'}. "
                f"Expected columns: {', '.join(CSV_COLUMNS)}."
            )
        extra = [c for c in columns if c not in CSV_COLUMNS and c != "canonical_url"]
        if extra:
            note = "; ".join(filter(None, [note, f"ignored unknown columns: {', '.join(extra)}"]))
        # Rows numbered as a spreadsheet shows them (the header is row 1), not by physical line.
        for number, row in enumerate(reader, 2):
            row_name = f"{name} row {number}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                yield Entry(row_name, error=f"{len(row)} fields where the header has {len(columns)}", note=note)
                continue
            item = {k: v for k, v in zip(columns, row) if k not in extra}
            try:
                yield Entry(row_name, fields_from_mapping(item, row_name), note=note)
            except ValueError as exc:
                yield Entry(row_name, error=str(exc), note=note)
    except csv.Error as exc:
        raise ImportRejected(f"{name}: malformed CSV near line {reader.line_num}: {exc}.") from None
    except UnicodeDecodeError as exc:
        raise ImportRejected(f"{name}: invalid text near line {reader.line_num} ({exc.reason}).") from None


def check_zip(archive: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    """The members worth reading, after refusing bombs and paths that climb out."""
    infos = archive.infolist()
    if len(infos) > ZIP_MAX_ENTRIES:
        raise ImportRejected(f"{name} has {len(infos):,} entries; the limit is {ZIP_MAX_ENTRIES:,}.")
    total = 0
    members = []
    for info in infos:
        path = info.filename.replace("\\", "/")
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if path.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
            raise ImportRejected(f"{name}: refused, it holds an unsafe path “{info.filename}”.")
        if info.is_dir():
            continue
        total += info.file_size
        if info.file_size > ZIP_MAX_ENTRY_BYTES or total > ZIP_MAX_TOTAL_BYTES:
            raise ImportRejected(f"{name}: refused, it inflates to more than the limit (possible zip bomb).")
        if info.compress_size and info.file_size / info.compress_size > ZIP_MAX_RATIO and info.file_size > 1024 * 1024:
            raise ImportRejected(
                f"{name}: refused, “{info.filename}” compresses {info.file_size // info.compress_size}:1 (possible zip bomb)."
            )
        base = posixpath.basename(path)
        if base.startswith(".") or parts[0] == "__MACOSX":
            continue
        members.append(info)
    return members


class _CappedReader(io.RawIOBase):
    """Reads a zip member, failing once more than `limit` bytes come out (a lying header)."""

    def __init__(self, raw, limit: int, name: str):
        self.raw, self.left, self.name = raw, limit, name

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.raw.read(min(len(buffer), self.left + 1))
        if len(data) > self.left:
            raise ImportRejected(f"{self.name} inflates to more than its declared size (possible zip bomb).")
        self.left -= len(data)
        buffer[: len(data)] = data
        return len(data)


def parse_zip(stream: BinaryIO, name: str) -> Iterator[Entry]:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportRejected(f"{name} is not a valid zip file.") from None
    with archive:
        members = check_zip(archive, name)
        if not members:
            raise ImportRejected(f"{name} holds no files.")
        for info in members:
            member = f"{name}/{info.filename}"
            try:
                fmt = format_for(info.filename)
                if fmt == "zip":
                    raise ImportRejected(f"{member}: zips inside zips are not imported.")
                with archive.open(info) as raw:
                    capped = io.BufferedReader(_CappedReader(raw, info.file_size, member))
                    yield from PARSERS[fmt](capped, member)
            except ImportRejected as exc:
                yield Entry(member, error=str(exc))
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError,
                    ValueError) as exc:
                yield Entry(member, error=f"could not be read from the zip ({exc.__class__.__name__}).")


PARSERS = {
    "txt": parse_txt,
    "html": parse_html,
    "json": parse_json,
    "jsonl": parse_jsonl,
    "csv": parse_csv,
    "zip": parse_zip,
}


def parse_file(stream: BinaryIO | bytes, name: str, *, fmt: str = "") -> Iterator[Entry]:
    """Entries for every article in the file. Raises ImportRejected (only) for a bad file;
    a bad item inside a good file comes out as an Entry with an error."""
    if isinstance(stream, (bytes, bytearray)):
        stream = io.BytesIO(stream)
    fmt = format_for(name, fmt)
    try:
        yield from PARSERS[fmt](stream, name)
    except ImportRejected:
        raise
    except (ValueError, TypeError, LookupError, OSError, EOFError, RecursionError, MemoryError, zipfile.BadZipFile,
            zlib.error, NotImplementedError, RuntimeError) as exc:
        # Parsers catch what they expect; anything else in a hostile file is still just a bad file.
        raise ImportRejected(f"{name} could not be read ({exc.__class__.__name__}: {str(exc)[:200]}).") from None


def entry_from_text(*, text: str, title: str = "", url: str = "", outlet: str = "", published: str = "",
                    name: str = "pasted text") -> Entry:
    """The paste form: text, or HTML when it looks like markup."""
    try:
        published_at = parse_date(published)
    except ValueError as exc:
        return Entry(name, error=str(exc))
    stripped = text.lstrip()
    if stripped[:1] == "<" and ("</p>" in text.lower() or "<html" in text[:500].lower()):
        fields = from_html(text, url=url)
    else:
        fields = {"text": text}
    for key, value in (("title", title), ("url", url), ("outlet", outlet)):
        if value.strip():
            fields[key] = value.strip()
    if published_at:
        fields["published_at"] = published_at
    return Entry(name, fields)
