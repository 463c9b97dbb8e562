"""Hostile variants of a real .xlsx, made by rewriting one sheet's XML and zipping it again.

Each takes the bytes of a workbook (the downloaded worksheet, an onboarding template) and
returns new bytes; ``sheet`` is the part to rewrite (the first sheet unless told).
"""

import io
import os
import re
import zipfile

SHEET1 = "xl/worksheets/sheet1.xml"
DIMENSION = re.compile(rb"<dimension [^>]*/>")


def rewrite(content: bytes, part: str, change) -> bytes:
    """The same zip with ``part`` replaced by ``change(old bytes)``."""
    src = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info.filename, change(data) if info.filename == part else data)
    return out.getvalue()


def _last_row(xml: bytes) -> int:
    numbers = [int(n) for n in re.findall(rb'<row r="(\d+)"', xml)]
    return max(numbers, default=0)


def blank_rows(content: bytes, count: int = 1_000_000, part: str = SHEET1) -> bytes:
    """The issue's file: ``count`` empty ``<row/>`` elements after the last row, no ``<dimension>``."""

    def change(xml: bytes) -> bytes:
        start = _last_row(xml) + 1
        rows = b"".join(b'<row r="%d"/>' % r for r in range(start, start + count))
        return DIMENSION.sub(b"", xml).replace(b"</sheetData>", rows + b"</sheetData>")

    return rewrite(content, part, change)


def far_row(content: bytes, row: int = 1_048_576, part: str = SHEET1) -> bytes:
    """One cell in the sheet's last row, no ``<dimension>``: a few bytes that read as a million rows."""

    def change(xml: bytes) -> bytes:
        cell = b'<row r="%d"><c r="B%d" t="inlineStr"><is><t>x</t></is></c></row>' % (row, row)
        return DIMENSION.sub(b"", xml).replace(b"</sheetData>", cell + b"</sheetData>")

    return rewrite(content, part, change)


def wide_cell(content: bytes, row: int, part: str = SHEET1) -> bytes:
    """A cell in column XFD (the 16,384th) of ``row``, no ``<dimension>``."""

    def change(xml: bytes) -> bytes:
        cell = b'<c r="XFD%d" t="inlineStr"><is><t>x</t></is></c>' % row
        pattern = re.compile(rb'(<row r="%d"[^>]*>.*?)(</row>)' % row, re.S)
        xml, found = pattern.subn(lambda m: m.group(1) + cell + m.group(2), DIMENSION.sub(b"", xml), count=1)
        assert found, row
        return xml

    return rewrite(content, part, change)


def zip_bomb(content: bytes, megabytes: int = 300, part: str = SHEET1, ratio_safe: bool = False) -> bytes:
    """The sheet padded with whitespace (legal XML) until it inflates to ``megabytes`` MB.

    ``ratio_safe`` pads with random hex in an XML comment instead: it compresses about
    twice, like ordinary XML, so only the size budget can refuse it.
    """
    src = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    if ratio_safe:
        chunk = b"<!--" + os.urandom(512 * 1024 - 4).hex().encode()[: 1024 * 1024 - 7] + b"-->"
    else:
        chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != part:
                dst.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            with dst.open(info.filename, "w", force_zip64=True) as stream:
                stream.write(head + b"<sheetData>")
                for _ in range(megabytes):
                    stream.write(chunk)
                stream.write(tail)
    return out.getvalue()


def many_parts(content: bytes, count: int) -> bytes:
    """The workbook with ``count`` extra small parts in the zip."""
    out = io.BytesIO()
    out.write(rewrite(content, "", bytes))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as dst:
        for n in range(count - len(dst.infolist())):
            dst.writestr(f"customXml/item{n}.xml", b"<a/>")
    return out.getvalue()


def encrypted_flag(content: bytes) -> bytes:
    """Every part marked as encrypted (zip's own encryption bit, not Excel's)."""
    data = bytearray(content)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        for match in re.finditer(re.escape(signature), content):
            data[match.start() + offset] |= 0x1
    return bytes(data)
