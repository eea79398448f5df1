"""Assemble body blocks into paragraphs and speaker turns (shared by every format).

A turn starts at a speaker label and runs to the next label; a ``* * *`` separator ends
it. Photo captions and "See also" boxes sit outside speech without ending a turn.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Paragraph, Turn
from .persons import split_label


@dataclass(slots=True)
class Block:
    """A body block before turn assembly. ``label`` is set when a speaker label opens it."""

    kind: str  # para | separator | omission | caption | see_also
    text: str  # derived text (label excluded)
    start: int  # offsets of the whole block in the source, label included
    end: int
    label: str | None = None
    label_start: int = 0
    label_end: int = 0
    ref: str | None = None  # the site's person id linked in the label


def assemble(blocks: list[Block]) -> tuple[list[Paragraph], list[Turn]]:
    paragraphs: list[Paragraph] = []
    turns: list[Turn] = []
    texts: list[list[str]] = []
    current: int | None = None
    for b in blocks:
        if b.label is not None:
            speaker, note = split_label(b.label)
            turns.append(
                Turn(
                    speaker=speaker,
                    person=None,
                    role=None,
                    note=note,
                    text="",
                    start=b.label_start,
                    end=b.end,
                    label_start=b.label_start,
                    label_end=b.label_end,
                    site_ref=b.ref,
                )
            )
            texts.append([])
            current = len(turns) - 1
        if b.kind == "separator":
            current = None
        if b.kind in ("caption", "see_also", "separator"):
            paragraphs.append(Paragraph(b.kind, b.text, b.start, b.end, None))
            continue
        kind = b.kind if b.kind == "omission" else ("speech" if current is not None else "narrative")
        paragraphs.append(Paragraph(kind, b.text, b.start, b.end, current))
        if current is not None:
            if b.text:
                texts[current].append(b.text)
            turns[current].end = b.end
    for turn, parts in zip(turns, texts, strict=True):
        turn.text = "\n".join(parts)
    return paragraphs, turns
