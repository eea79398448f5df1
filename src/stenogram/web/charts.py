"""Bar charts as inline SVG, drawn on the server: pages work offline, no chart library."""

from __future__ import annotations

from html import escape


def bar_chart(series: list[tuple[str, int]], *, width: int = 720, height: int = 160, label: str = "") -> str:
    """An accessible SVG bar chart of ``(label, value)`` pairs (labels every few bars)."""
    if not series:
        return '<p class="muted">No data.</p>'
    top = max(v for _, v in series) or 1
    bar_w = max(1.0, (width - 40) / len(series))
    step = max(1, -(-len(series) // 10))  # at most 10 labels: each is ~70 units wide at 14px
    parts = [
        f'<div class="scroll" tabindex="0" role="region" aria-label="{escape(label)}">',  # scrolls on a phone
        f'<svg class="chart" role="img" aria-label="{escape(label)}" viewBox="0 0 {width} {height + 30}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<text x="0" y="14" class="axis">{top}</text>',
    ]
    for i, (name, value) in enumerate(series):
        h = (height - 20) * value / top
        x = 40 + i * bar_w
        parts.append(
            f'<rect x="{x:.1f}" y="{height - h:.1f}" width="{max(bar_w - 1, 0.5):.1f}" height="{h:.1f}">'
            f"<title>{escape(name)}: {value}</title></rect>"
        )
        if i % step == 0:
            parts.append(f'<text x="{x:.1f}" y="{height + 18}" class="axis">{escape(name)}</text>')
    parts.append("</svg></div>")
    return "".join(parts)
