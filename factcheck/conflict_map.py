"""A picture of a dispute: sides as columns, their assertions as nodes, oppositions as edges.

Laid out on the server and drawn as inline SVG by templates/factcheck/_conflict_map.html, so it
needs no script and no external library. Decisions are told apart by line style and a written
label, never by colour alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .highlight import PALETTE_SIZE

COLUMN_WIDTH = 360
NODE_WIDTH = 230
NODE_HEIGHT = 54
ROW_GAP = 34
TOP = 44
MARGIN = 30


@dataclass
class Node:
    pk: int
    x: float
    y: float
    label: str
    sublabel: str
    colour: str
    href: str

    @property
    def cx(self) -> float:
        return self.x + NODE_WIDTH / 2

    @property
    def cy(self) -> float:
        return self.y + NODE_HEIGHT / 2


@dataclass
class Edge:
    pk: int
    x1: float
    y1: float
    x2: float
    y2: float
    relation: str
    decision: str
    origin: str

    below: float = 0.0  # for edges that skip a column: the y they dip to, under every node

    @property
    def bent(self) -> bool:
        return self.x1 == self.x2

    @property
    def d(self) -> str:
        if self.bent:  # both ends in one column: bow out to the right
            return f"M{self.x1:.0f},{self.y1:.0f} C{self.x1 + 70:.0f},{self.y1:.0f} {self.x2 + 70:.0f},{self.y2:.0f} {self.x2:.0f},{self.y2:.0f}"
        if self.below:  # skips a column: pass under the nodes in between instead of through them
            x1, y1, x2, y2, low = self.x1, self.y1, self.x2, self.y2, self.below
            return (f"M{x1:.0f},{y1:.0f} C{x1 + 40:.0f},{y1:.0f} {x1 + 40:.0f},{low:.0f} {x1 + 80:.0f},{low:.0f} "
                    f"L{x2 - 80:.0f},{low:.0f} C{x2 - 40:.0f},{low:.0f} {x2 - 40:.0f},{y2:.0f} {x2:.0f},{y2:.0f}")
        return f"M{self.x1:.0f},{self.y1:.0f} L{self.x2:.0f},{self.y2:.0f}"

    @property
    def mx(self) -> float:
        return (self.x1 + self.x2) / 2 + (52 if self.bent else 0)

    @property
    def my(self) -> float:
        if self.below:
            return self.below - 20
        return (self.y1 + self.y2) / 2 - 6

    @property
    def decision_label(self) -> str:
        mark = {"accepted": "✓", "rejected": "✗", "pending": "?"}.get(self.decision, "")
        return f"{mark} {self.decision}"

    @property
    def label(self) -> str:
        return f"{self.relation}, {self.decision_label}"


@dataclass
class Column:
    name: str
    x: float
    colour: str


@dataclass
class ConflictMap:
    width: int
    height: int
    columns: list[Column] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    node_width: int = NODE_WIDTH
    node_height: int = NODE_HEIGHT


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def layout(sides: list[tuple[object, list]], oppositions) -> ConflictMap:
    """`sides`: [(side or None, [assertions])] in column order; `oppositions` between them."""
    columns, nodes = [], {}
    rows = max((len(members) for _, members in sides), default=0)
    for i, (side, members) in enumerate(sides):
        x = MARGIN + i * COLUMN_WIDTH
        colour = str(side.colour % PALETTE_SIZE) if side is not None else "none"
        columns.append(Column(name=side.name if side is not None else "No side", x=x + NODE_WIDTH / 2, colour=colour))
        for j, a in enumerate(members):
            nodes[a.pk] = Node(
                pk=a.pk, x=x, y=TOP + j * (NODE_HEIGHT + ROW_GAP),
                label=_short(f"#{a.pk} {a.speaker_name}", 30),
                sublabel=_short(f"{a.get_stance_display()}: {a.quote}", 34),
                colour=colour, href=a.get_absolute_url(),
            )
    bottom = TOP + rows * (NODE_HEIGHT + ROW_GAP) - ROW_GAP
    edges = []
    for o in oppositions:
        left, right = nodes.get(o.a_id), nodes.get(o.b_id)
        if left is None or right is None:
            continue
        if left.x > right.x:
            left, right = right, left
        if left.x == right.x:  # same column: run the edge along the node's right side
            x1 = x2 = left.x + NODE_WIDTH
            y1, y2 = left.cy, right.cy
        else:
            x1, y1, x2, y2 = left.x + NODE_WIDTH, left.cy, right.x, right.cy
        skips = right.x - left.x > COLUMN_WIDTH
        edges.append(Edge(pk=o.pk, x1=x1, y1=y1, x2=x2, y2=y2, relation=o.relation, decision=o.decision,
                          origin=o.origin, below=bottom + 24 if skips else 0.0))
    width = max(MARGIN * 2 + len(sides) * COLUMN_WIDTH - (COLUMN_WIDTH - NODE_WIDTH) + 80, 320)
    height = bottom + (40 if any(e.below for e in edges) else 0) + MARGIN
    return ConflictMap(width=int(width), height=int(height), columns=columns, nodes=list(nodes.values()),
                       edges=edges)
