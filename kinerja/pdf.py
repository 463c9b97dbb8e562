"""The one PDF renderer of the product: the only module that calls WeasyPrint.

Every resource a document names (stylesheet, font, image) is asked of ``StaticOnlyFetcher``. It
serves our own static files and the Pemda logo from a virtual origin under ``.invalid`` (a name that
never resolves, RFC 6761) and refuses every other URL: other hosts, ``http(s):``, ``ftp:``, ``file:``,
``data:``, path traversal. User text never enters CSS: the running header comes from the HTML
(``string-set`` on the hidden ``.running-title``), the paper size from a fixed table.
"""

import functools
import logging
import posixpath
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.utils._os import safe_join
from django.utils.html import format_html

logger = logging.getLogger(__name__)

STATIC_ORIGIN = "https://static.sakip.invalid/"
LOGO_ORIGIN = "https://media.sakip.invalid/logo/"
# Only what a printed document can use; never scripts or source maps.
SERVED_TYPES = {
    ".css": "text/css",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
}
LOGO_TYPES = {".svg", ".png", ".jpg", ".jpeg"}
# Paper (width, height) in portrait; anything else prints on A4.
PAPERS = {"A4": ("210mm", "297mm"), "F4": ("215mm", "330mm")}
# Loaded before a document's own stylesheets: the hidden element the running header reads.
BASE_STYLESHEET = "css/pdf.css"


class ResourceRefused(ValueError):
    """A URL the renderer will not read: WeasyPrint logs it and leaves the resource out."""


def static_url(path: str) -> str:
    """The URL under which a document names one of our static files, e.g. ``css/print.css``."""
    return STATIC_ORIGIN + path.lstrip("/")


def logo_url(name: str) -> str:
    """The URL of a Pemda logo stored as ``MEDIA_ROOT/logo/<name>`` (hook: no document prints one yet)."""
    return LOGO_ORIGIN + name


def _static_roots() -> list[Path]:
    roots = [Path(settings.STATIC_ROOT)]
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            roots.append(Path(storage.location))
    return [root.resolve() for root in roots]


def _within(path: Path, roots: Sequence[Path]) -> bool:
    resolved = path.resolve()
    return resolved.is_file() and any(resolved.is_relative_to(root) for root in roots)


def _relative_path(url: str, origin: str) -> str:
    """The path after ``origin``, refused when it could step outside it."""
    parts = urlsplit(url)
    if parts.query:
        raise ResourceRefused(f"query string not served: {url!r}")
    path = unquote(parts.path)
    base = urlsplit(origin).path
    if not path.startswith(base):
        raise ResourceRefused(f"outside {origin}: {url!r}")
    path = path[len(base) :]
    segments = path.split("/")
    if not path or "\\" in path or "\x00" in path or any(s in ("", ".", "..") for s in segments):
        raise ResourceRefused(f"not a plain path: {url!r}")
    return path


def _suffix(path: str, allowed) -> str:
    suffix = posixpath.splitext(path)[1].lower()
    if suffix not in allowed:
        raise ResourceRefused(f"file type not served: {path!r}")
    return suffix


def resolve(url: str) -> tuple[bytes, str]:
    """The bytes and MIME type a document may read at ``url``; ``ResourceRefused`` for anything else."""
    if not isinstance(url, str) or any(ord(c) < 32 for c in url):
        raise ResourceRefused(f"not a URL: {url!r}")
    if url.startswith(STATIC_ORIGIN):
        path = _relative_path(url, STATIC_ORIGIN)
        suffix = _suffix(path, SERVED_TYPES)
        try:
            found = finders.find(path)
            if found is None:
                found = safe_join(settings.STATIC_ROOT, path)
        except SuspiciousFileOperation as error:
            raise ResourceRefused(f"outside the static files: {url!r}") from error
        found = Path(found)
        if not _within(found, _static_roots()):
            raise ResourceRefused(f"no such static file: {url!r}")
        return found.read_bytes(), SERVED_TYPES[suffix]
    if url.startswith(LOGO_ORIGIN):
        name = _relative_path(url, LOGO_ORIGIN)
        suffix = _suffix(name, LOGO_TYPES)
        if "/" in name:
            raise ResourceRefused(f"the logo folder has no subfolders: {url!r}")
        folder = (Path(settings.MEDIA_ROOT) / "logo").resolve()
        found = folder / name
        if not _within(found, [folder]):
            raise ResourceRefused(f"no such logo: {url!r}")
        return found.read_bytes(), SERVED_TYPES[suffix]
    raise ResourceRefused(f"only the product's static files are served: {url[:200]!r}")


@functools.cache
def fetcher_class() -> type:
    """WeasyPrint's fetcher narrowed to ``resolve``: it never opens a connection. (Built on first use:
    importing WeasyPrint takes a second, which pages without PDFs need not pay.)"""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            try:
                body, mime_type = resolve(url)
            except ResourceRefused as refusal:
                logger.warning("PDF: resource refused: %s", refusal)
                raise
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime_type})

    return StaticOnlyFetcher


def page_size(paper: str | None, *, landscape: bool = False) -> str:
    """A CSS ``size`` value from the fixed table; an unknown paper name prints on A4."""
    key = (paper or "").upper()
    if key not in PAPERS:
        logger.warning("PDF: unknown paper %r, printing on A4", paper)
        key = "A4"
    width, height = PAPERS[key]
    return f"{height} {width}" if landscape else f"{width} {height}"


def render(
    body: str,
    *,
    title: str,
    running_title: str,
    stylesheets: Sequence[str],
    paper: str | None = None,
    landscape: bool = False,
) -> bytes:
    """A PDF of ``body`` (HTML from an autoescaped template) with our static ``stylesheets``.

    ``running_title`` is printed by the stylesheets' page margins through ``string(running-title)``.
    """
    from weasyprint import CSS, HTML

    fetcher = fetcher_class()()
    page = format_html(
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{}</title></head>'
        '<body><div class="running-title">{}</div>{}</body></html>',
        title,
        running_title,
        body,
    )
    size = page_size(paper or settings.SAKIP_PAPER, landscape=landscape)
    sheets = [CSS(url=static_url(path), url_fetcher=fetcher) for path in (BASE_STYLESHEET, *stylesheets)]
    sheets.append(CSS(string=f"@page {{ size: {size}; }}", base_url=STATIC_ORIGIN, url_fetcher=fetcher))
    return HTML(string=page, base_url=STATIC_ORIGIN, url_fetcher=fetcher).write_pdf(stylesheets=sheets)
