"""Shared material for the import tests: articles with attributions, written for these tests."""
from __future__ import annotations

import json
from pathlib import Path

SAMPLES = json.loads((Path(__file__).resolve().parents[1] / "sample_data" / "articles.json").read_text("utf-8"))

BRIDGE = (
    "Harbour bridge closed after inspection\n\n"
    "The transport ministry said on Monday that the harbour bridge in Dunmore was closed because "
    "inspectors had found cracks in two of its steel supports.\n\n"
    "The city council denied that the bridge had been closed, saying that traffic was running normally "
    "and that the inspection had found no damage.\n\n"
    "Engineers from the university said the cracks were small but should be repaired before winter."
)

QUIET = (
    "Autumn colours in the park\n\n"
    "The leaves in the park turned red and gold this week. Families walked along the lake and children "
    "collected chestnuts under the old trees. The café by the gate stayed open late."
)


def article_text(n: int) -> str:
    """A varied article with attributed assertions; n makes it unique."""
    town = ["Dunmore", "Kelby", "Arden", "Wexham", "Tolland"][n % 5]
    return (
        f"Water supply row in {town} number {n}\n\n"
        f"The water board said on Tuesday that {n + 3} villages near {town} had been cut off after a main burst.\n\n"
        f"The mayor of {town} denied that any village had lost its supply, saying the board had exaggerated.\n\n"
        f"Residents told reporters that taps had run dry for {n % 9 + 1} days."
    )
