"""The 500 page renders without a request context and carries no inline style (our CSP blocks it)."""

import re

from django.conf import settings
from django.test import RequestFactory
from django.views.defaults import server_error


def test_the_500_page_has_no_inline_style_and_links_a_static_stylesheet():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert '<link rel="stylesheet" href="/static/css/error.css">' in html
    assert settings.STATIC_URL.strip("/") == "static"  # the path written in the template
    assert (settings.BASE_DIR / "static" / "css" / "error.css").is_file()
