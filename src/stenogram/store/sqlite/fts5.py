"""Query trees compiled to SQLite FTS5 MATCH expressions: the only place FTS5 syntax is
written. Search queries and the verifier's candidate queries reach the index only as trees
(``search.query.Node``)."""

from __future__ import annotations

from ...search.query import And, Near, Node, Or, Phrase, Term


def to_fts5(node: Node) -> str:
    """Compile to an FTS5 MATCH expression; every token is quoted, so no user text is
    ever read as FTS5 syntax."""
    if isinstance(node, Term):
        return f'"{node.text}"' + ("*" if node.prefix else "")
    if isinstance(node, Phrase):
        return '"' + " ".join(node.tokens) + '"'
    if isinstance(node, Near):
        return "NEAR(" + " ".join(to_fts5(i) for i in node.items) + f", {node.distance})"
    if isinstance(node, And):
        return "(" + " AND ".join(to_fts5(i) for i in node.items) + ")"
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(i) for i in node.items) + ")"
    return f"({to_fts5(node.left)} NOT {to_fts5(node.right)})"
