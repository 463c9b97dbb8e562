"""The SOP AP procedure table, paginated, with its swimlane flowchart drawn per row (SVG).

Pure layout: steps and lanes in, pages of rows out. Each row's SVG spans the pelaksana
columns; lines leave a row at its bottom edge exactly where the next row's line enters,
so the chart reads as one drawing. Where the table breaks across pages the flow ends in
an off-page connector (pentagon) and the next page starts from the same connector.
Five symbols only: terminator, process, decision, arrow, off-page connector.
"""

from dataclasses import dataclass, field

from django.utils.html import escape

STROKE = 0.35  # mm
SYMBOL_W = 13.0
SYMBOL_H = 7.0
DIAMOND_W = 12.0
DIAMOND_H = 9.0
MIN_ROW = 18.0
CONNECTOR_ROW = 25.0
LINE = 3.3  # mm per text line at 8pt


@dataclass(frozen=True)
class PageSpec:
    name: str  # "A4" or "F4"
    width: float  # landscape, mm
    height: float
    margin: float = 10.0

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def table_height(self) -> float:
        # page minus margins, running header/footer and the repeated table header
        return self.height - 2 * self.margin - 12 - 16 - 10  # 10 mm slack for connector rows


PAGES = {"A4": PageSpec("A4", 297, 210), "F4": PageSpec("F4", 330, 215)}

# Fixed columns (mm); the pelaksana columns share what is left.
COLUMNS = {
    "no": 8.0,
    "kegiatan": 62.0,
    "kelengkapan": 34.0,
    "waktu": 16.0,
    "output": 34.0,
    "keterangan": 26.0,
}


@dataclass
class Row:
    step: dict
    height: float
    svg: str = ""
    first_on_page: bool = False
    last_on_page: bool = False


@dataclass
class Page:
    rows: list[Row] = field(default_factory=list)


@dataclass
class Table:
    spec: PageSpec
    lanes: list[dict]
    lane_width: float
    columns: dict[str, float]
    pages: list[Page]

    @property
    def lanes_width(self) -> float:
        return self.lane_width * len(self.lanes)


def _lines(text: str, width_mm: float) -> int:
    chars = max(int(width_mm / 1.75), 8)  # generous: narrow letters are not assumed
    words, lines, current = (text or "").split(), 1, 0
    for word in words:
        if current and current + 1 + len(word) > chars:
            lines += 1
            current = len(word)
        else:
            current += len(word) + (1 if current else 0)
    return lines


def row_height(step: dict) -> float:
    texts = [
        (f"{step['number']}", COLUMNS["no"]),
        (step.get("description") or "", COLUMNS["kegiatan"]),
        (step.get("kelengkapan") or "", COLUMNS["kelengkapan"]),
        (f"{step.get('waktu')} {step.get('satuan')}", COLUMNS["waktu"]),
        (step.get("output") or "", COLUMNS["output"]),
        (step.get("keterangan") or "", COLUMNS["keterangan"]),
    ]
    lines = max(_lines(text, width - 3) for text, width in texts)
    return max(MIN_ROW, round(lines * LINE + 4, 1))


def paginate(steps: list[dict], spec: PageSpec) -> list[Page]:
    pages, current, used = [], Page(), 0.0
    for step in steps:
        height = row_height(step)
        if current.rows and used + height > spec.table_height:
            pages.append(current)
            current, used = Page(), 0.0
        current.rows.append(Row(step=step, height=height))
        used += height
    if current.rows:
        pages.append(current)
    for index, page in enumerate(pages):
        page.rows[0].first_on_page = True
        page.rows[-1].last_on_page = True
        # Rows that carry an off-page connector need room for it beside the symbol.
        if index > 0:
            page.rows[0].height = max(page.rows[0].height, CONNECTOR_ROW)
        if index < len(pages) - 1:
            page.rows[-1].height = max(page.rows[-1].height, CONNECTOR_ROW)
    return pages


# ---------------------------------------------------------------------------- drawing


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _line(points: list[tuple[float, float]]) -> str:
    path = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
    return f'<polyline points="{path}" fill="none" stroke="#000" stroke-width="{STROKE}"/>'


def _arrowhead(x: float, y: float, direction: str) -> str:
    size = 1.6
    if direction == "down":
        pts = [(x - size / 2, y - size), (x + size / 2, y - size), (x, y)]
    elif direction == "up":
        pts = [(x - size / 2, y + size), (x + size / 2, y + size), (x, y)]
    elif direction == "left":
        pts = [(x + size, y - size / 2), (x + size, y + size / 2), (x, y)]
    else:
        pts = [(x - size, y - size / 2), (x - size, y + size / 2), (x, y)]
    return f'<polygon points="{" ".join(f"{_fmt(a)},{_fmt(b)}" for a, b in pts)}" fill="#000"/>'


def _text(x: float, y: float, text: str, size: float = 2.4, anchor: str = "middle") -> str:
    return (
        f'<text x="{_fmt(x)}" y="{_fmt(y)}" font-size="{_fmt(size)}" text-anchor="{anchor}" '
        f'font-family="DejaVu Sans, sans-serif">{escape(text)}</text>'
    )


def _symbol(kind: str, cx: float, cy: float) -> str:
    w, h = (DIAMOND_W, DIAMOND_H) if kind == "keputusan" else (SYMBOL_W, SYMBOL_H)
    if kind in ("mulai", "selesai"):
        shape = (
            f'<rect x="{_fmt(cx - w / 2)}" y="{_fmt(cy - h / 2)}" width="{_fmt(w)}" height="{_fmt(h)}" '
            f'rx="{_fmt(h / 2)}" ry="{_fmt(h / 2)}" fill="#fff" stroke="#000" stroke-width="{STROKE}"/>'
        )
        label = "Mulai" if kind == "mulai" else "Selesai"
        return shape + _text(cx, cy + 0.9, label, 2.5)
    if kind == "keputusan":
        pts = [(cx, cy - h / 2), (cx + w / 2, cy), (cx, cy + h / 2), (cx - w / 2, cy)]
        return (
            f'<polygon points="{" ".join(f"{_fmt(a)},{_fmt(b)}" for a, b in pts)}" fill="#fff" '
            f'stroke="#000" stroke-width="{STROKE}"/>'
        )
    return (
        f'<rect x="{_fmt(cx - w / 2)}" y="{_fmt(cy - h / 2)}" width="{_fmt(w)}" height="{_fmt(h)}" '
        f'fill="#fff" stroke="#000" stroke-width="{STROKE}"/>'
    )


def _half_height(kind: str) -> float:
    return (DIAMOND_H if kind == "keputusan" else SYMBOL_H) / 2


def _half_width(kind: str) -> float:
    return (DIAMOND_W if kind == "keputusan" else SYMBOL_W) / 2


def _connector(cx: float, top: float, label: str, pointing_down: bool = True) -> str:
    """Off-page connector: a pentagon pointing down, with a letter."""
    w, h = 6.0, 6.0
    pts = [
        (cx - w / 2, top),
        (cx + w / 2, top),
        (cx + w / 2, top + h * 0.6),
        (cx, top + h),
        (cx - w / 2, top + h * 0.6),
    ]
    shape = (
        f'<polygon points="{" ".join(f"{_fmt(a)},{_fmt(b)}" for a, b in pts)}" fill="#fff" '
        f'stroke="#000" stroke-width="{STROKE}"/>'
    )
    return shape + _text(cx, top + 3.3, label, 2.4)


@dataclass
class _Edge:
    source: int
    target: int
    label: str  # "", "Ya", "Tidak"
    channel_x: float = 0.0


def _edges(steps: list[dict]) -> tuple[list[_Edge], list[_Edge]]:
    """Sequential edges (n -> n+1) and jumps (any other target), with their branch label."""
    numbers = {s["number"] for s in steps}
    sequential, jumps = [], []
    for s in steps:
        n = s["number"]
        if s["symbol"] == "selesai":
            continue
        if s["symbol"] == "keputusan":
            for branch, label in (("ya", "Ya"), ("tidak", "Tidak")):
                target = s.get(branch)
                if target not in numbers:
                    continue
                (sequential if target == n + 1 else jumps).append(_Edge(n, target, label))
        elif n + 1 in numbers:
            sequential.append(_Edge(n, n + 1, ""))
    return sequential, jumps


def build_table(data: dict, page_name: str = "A4") -> Table:
    """Lay out and draw the procedure table of one SOP revision (exchange format)."""
    spec = PAGES.get(page_name, PAGES["A4"])
    lanes = data["lanes"]
    steps = sorted(data["steps"], key=lambda s: s["number"])
    fixed = sum(COLUMNS.values())
    lane_width = max((spec.content_width - fixed) / max(len(lanes), 1), 14.0)
    pages = paginate(steps, spec)
    rows = {row.step["number"]: row for page in pages for row in page.rows}
    page_of = {row.step["number"]: i for i, page in enumerate(pages) for row in page.rows}
    by_number = {s["number"]: s for s in steps}

    def cx(number: int) -> float:
        return (by_number[number]["lane"] + 0.5) * lane_width

    def cy(number: int) -> float:
        # High in the row, so the line to the next lane has room below the symbol.
        return min(rows[number].height / 2, 9.0)

    parts: dict[int, list[str]] = {n: [] for n in rows}
    sequential, jumps = _edges(steps)
    connector_letters = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    for edge in sequential:
        src, tgt = edge.source, edge.target
        kind_src, kind_tgt = by_number[src]["symbol"], by_number[tgt]["symbol"]
        h_src = rows[src].height
        x_src, x_tgt = cx(src), cx(tgt)
        bottom = cy(src) + _half_height(kind_src)
        jog = h_src - 2.5
        if page_of[src] == page_of[tgt]:
            parts[src].append(_line([(x_src, bottom), (x_src, jog), (x_tgt, jog), (x_tgt, h_src)]))
            parts[tgt].append(_line([(x_tgt, 0), (x_tgt, cy(tgt) - _half_height(kind_tgt))]))
        else:
            letter = next(connector_letters)
            # This page ends in a connector under the next step's lane; the next page starts from it.
            top = h_src - 7.0
            parts[src].append(_line([(x_src, bottom), (x_src, top - 1.2), (x_tgt, top - 1.2), (x_tgt, top)]))
            parts[src].append(_connector(x_tgt, top, letter))
            parts[tgt].append(_connector(x_tgt, 0.6, letter))
            parts[tgt].append(_line([(x_tgt, 6.6), (x_tgt, cy(tgt) - _half_height(kind_tgt))]))
        parts[tgt].append(_arrowhead(x_tgt, cy(tgt) - _half_height(kind_tgt), "down"))
        if edge.label:
            parts[src].append(_text(x_src + 1.2, bottom + 2.6, edge.label, 2.3, "start"))

    # Jumps (returns and skips) run in channels at the right edge of the lanes they span.
    used_channels: dict[float, int] = {}
    for edge in jumps:
        src, tgt = edge.source, edge.target
        right_lane = max(by_number[src]["lane"], by_number[tgt]["lane"])
        boundary = (right_lane + 1) * lane_width
        k = used_channels.get(boundary, 0)
        used_channels[boundary] = k + 1
        x = boundary - 1.4 - 1.3 * k
        y_src, y_tgt = cy(src), cy(tgt)
        x_src_side = cx(src) + _half_width(by_number[src]["symbol"])
        x_tgt_side = cx(tgt) + _half_width(by_number[tgt]["symbol"])
        up = tgt < src
        if page_of[src] != page_of[tgt]:
            # Across pages: connectors named by step number instead of a long channel.
            out_x = x_src_side + 5.0
            parts[src].append(_line([(x_src_side, y_src), (out_x - 3.0, y_src)]))
            parts[src].append(_connector(out_x, y_src - 3.0, str(tgt)))
            parts[src].append(_text(x_src_side + 0.6, y_src - 1.0, edge.label, 2.2, "start"))
            # Arriving from another page: the connector stands left of the target symbol.
            x_tgt_left = cx(tgt) - _half_width(by_number[tgt]["symbol"])
            in_x = x_tgt_left - 5.0
            parts[tgt].append(_connector(in_x, y_tgt - 3.0, str(src)))
            parts[tgt].append(_line([(in_x + 3.0, y_tgt), (x_tgt_left, y_tgt)]))
            parts[tgt].append(_arrowhead(x_tgt_left, y_tgt, "right"))
            continue
        parts[src].append(_text(x + 0.6, y_src - 0.8, edge.label, 2.2, "start"))
        edge_y = 0.0 if up else rows[src].height
        parts[src].append(_line([(x_src_side, y_src), (x, y_src), (x, edge_y)]))
        low, high = (tgt, src) if up else (src, tgt)
        for n in range(low + 1, high):
            parts[n].append(_line([(x, 0.0), (x, rows[n].height)]))
        tgt_edge = rows[tgt].height if up else 0.0
        parts[tgt].append(_line([(x, tgt_edge), (x, y_tgt), (x_tgt_side, y_tgt)]))
        parts[tgt].append(_arrowhead(x_tgt_side, y_tgt, "left"))

    width = lane_width * len(lanes)
    for number, row in rows.items():
        step = by_number[number]
        separators = "".join(
            f'<line x1="{_fmt(i * lane_width)}" y1="0" x2="{_fmt(i * lane_width)}" y2="{_fmt(row.height)}" '
            f'stroke="#000" stroke-width="0.2"/>'
            for i in range(1, len(lanes))
        )
        body = separators + "".join(parts[number]) + _symbol(step["symbol"], cx(number), cy(number))
        row.svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="flow" width="{_fmt(width)}mm" '
            f'height="{_fmt(row.height)}mm" viewBox="0 0 {_fmt(width)} {_fmt(row.height)}" '
            f'role="img" aria-label="Langkah {number}">{body}</svg>'
        )
    columns = dict(COLUMNS)
    return Table(spec=spec, lanes=lanes, lane_width=lane_width, columns=columns, pages=pages)
