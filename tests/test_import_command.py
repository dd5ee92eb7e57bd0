"""manage.py import_articles: files, folders and URLs, with a progress line and a summary."""
from __future__ import annotations

import csv
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from factcheck.models import Article, ImportBatch

from .import_support import BRIDGE, QUIET, article_text

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code = exc.returncode
        out.write(str(exc))
    return code, out.getvalue(), err.getvalue()


def test_it_imports_a_folder_and_prints_a_summary(tmp_path):
    (tmp_path / "a.txt").write_text(BRIDGE, encoding="utf-8")
    with (tmp_path / "more.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["title", "text"]] + [[f"T{n}", article_text(n)] for n in range(3)])
    (tmp_path / "notes.md.bak").write_text("ignored")
    code, out, err = run(str(tmp_path))
    assert code == 0
    assert "4 imported, 0 duplicates, 0 rejected" in out
    assert "4/4" in err and "imported 4" in err  # the progress line
    assert Article.objects.count() == 4


def test_duplicates_are_counted_and_stored_once(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"title": "A", "text": BRIDGE}, {"title": "A again", "text": BRIDGE}]))
    code, out, _ = run(str(path))
    assert code == 0 and "1 imported, 1 duplicates, 0 rejected" in out
    assert "duplicate: " in out and Article.objects.count() == 1


def test_it_exits_non_zero_and_lists_the_reasons_when_any_input_is_rejected(tmp_path):
    (tmp_path / "good.txt").write_text(QUIET)
    (tmp_path / "bad.json").write_text("{not json")
    code, out, _ = run(str(tmp_path / "good.txt"), str(tmp_path / "bad.json"))
    assert code == 1
    assert "1 imported, 0 duplicates, 1 rejected" in out
    assert "rejected: " in out and "bad.json is not valid JSON" in out
    assert Article.objects.count() == 1


def test_format_reads_a_file_whatever_its_name(tmp_path):
    path = tmp_path / "export.dat"
    path.write_text("\n".join(json.dumps({"title": f"T{n}", "text": article_text(n)}) for n in range(2)))
    code, out, _ = run(str(path), "--format", "jsonl")
    assert code == 0 and "2 imported" in out


def test_a_missing_path_is_an_error():
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_articles", "/nowhere/at/all.csv")


def test_resume_continues_an_interrupted_batch(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps({"title": f"T{n}", "text": article_text(n)}) for n in range(3)))
    batch = ImportBatch.objects.create(source=str(path), total=3,
                                       pending=[{"name": str(path), "path": str(path), "done": 2}])
    code, out, _ = run("--resume", str(batch.pk))
    assert code == 0 and "1 imported" in out
    assert list(Article.objects.values_list("title", flat=True)) == ["T2"]
