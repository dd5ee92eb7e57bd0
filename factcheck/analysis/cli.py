"""python -m factcheck.analysis.cli [--json] FILE...

Reads .txt and .html files (HTML through trafilatura when installed, else tags stripped) and
prints assertions, oppositions and disputes: JSON with --json, a readable table without.
The Django management command ``analyze`` calls ``main`` so both give the same output.
"""
from __future__ import annotations

import argparse
import html
import io
import json
import re
import sys
from dataclasses import asdict
from typing import Sequence, TextIO

from . import analyze
from .types import AnalysisResult

_TAG = re.compile(r"<[^>]+>")
_DROP = re.compile(r"<(script|style|noscript|nav|header|footer|aside)\b.*?</\1>", re.S | re.I)
_BLOCK = re.compile(r"</?(?:p|div|br|h[1-6]|li|tr|article|section|blockquote)\b[^>]*>", re.I)


def html_to_text(raw: str) -> str:
    try:
        import trafilatura  # optional: better boilerplate removal
    except ImportError:
        trafilatura = None
    if trafilatura is not None:
        text = trafilatura.extract(raw, include_comments=False, include_tables=False)
        if text:
            return text
    raw = _DROP.sub(" ", raw)
    raw = _BLOCK.sub("\n", raw)
    text = html.unescape(_TAG.sub("", raw))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def read_text(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as fh:
        raw = fh.read()
    if path.lower().endswith((".html", ".htm")):
        return html_to_text(raw)
    return raw


def document(path: str, result: AnalysisResult) -> dict:
    return {
        "path": path,
        "assertions": [
            {"id": a.id, "speaker": a.speaker, "cue": a.cue, "stance": a.stance, "start": a.start,
             "end": a.end, "quote": a.quote, "speaker_name": a.speaker_name, "side": a.side,
             "side_name": a.side_name, "checkworthiness": a.checkworthiness,
             "refers_to": list(a.refers_to), "keys": sorted(a.keys)}
            for a in result.assertions],
        "oppositions": [asdict(o) for o in result.oppositions],
        "disputes": [{"title": d.title, "assertion_ids": list(d.assertion_ids),
                      "opposition_index": list(d.opposition_index)} for d in result.disputes],
    }


def _table(doc: dict, out: TextIO) -> None:
    out.write(f"== {doc['path']}\n")
    out.write(f"{'id':<5}{'stance':<9}{'side':<22}{'speaker':<30}{'cue':<16}quote\n")
    for a in doc["assertions"]:
        q = " ".join(a["quote"].split())
        out.write(f"{a['id']:<5}{a['stance']:<9}{a['side'][:21]:<22}{a['speaker_name'][:29]:<30}"
                  f"{a['cue'][:15]:<16}{q[:90]}\n")
    if doc["oppositions"]:
        out.write("\noppositions:\n")
        for o in doc["oppositions"]:
            out.write(f"  {o['a']} x {o['b']}  {o['relation']:<12}{o['score']:.2f}  {o['reason']}\n")
    for d in doc["disputes"]:
        out.write(f"\ndispute: {d['title']} ({', '.join(d['assertion_ids'])})\n")
    out.write("\n")


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    ap = argparse.ArgumentParser(prog="factcheck.analysis.cli", description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the JSON contract")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args(list(argv) if argv is not None else None)
    docs = [document(p, analyze(read_text(p))) for p in args.files]
    if args.json:
        # one write: Django's OutputWrapper appends a newline to every write call
        out.write(json.dumps({"documents": docs}, ensure_ascii=False, indent=1) + "\n")
    else:
        buf = io.StringIO()
        for d in docs:
            _table(d, buf)
        out.write(buf.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
