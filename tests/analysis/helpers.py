"""Small helpers for the analysis tests: analyse a few sentences and look assertions up."""
from factcheck.analysis import analyze


def assertions(text):
    return analyze(text).assertions


def only(text):
    found = assertions(text)
    assert len(found) == 1, [(a.speaker, a.cue, a.quote) for a in found]
    return found[0]


def by_quote(result, words):
    for a in result.assertions:
        if words in a.quote:
            return a
    raise AssertionError(f"no assertion quoting {words!r}: {[a.quote for a in result.assertions]}")
