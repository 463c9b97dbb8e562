"""A tiny HTTP client with cookies and CSRF (stdlib only), one per simulated user."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request


class Response:
    def __init__(self, status: int, body: str, seconds: float):
        self.status, self.body, self.seconds = status, body, seconds


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(
        self, method: str, path: str, data: dict | None = None, headers: dict | None = None
    ) -> Response:
        body = urllib.parse.urlencode(data or {}, doseq=True).encode() if method == "POST" else None
        req = urllib.request.Request(self.base + path, data=body, method=method)
        req.add_header("Referer", self.base + "/")
        if method == "POST":
            req.add_header("X-CSRFToken", self.csrf())
        for key, value in (headers or {}).items():
            req.add_header(key, value)
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=60) as response:
                text = response.read().decode(errors="replace")
                status = response.status
        except urllib.error.HTTPError as exc:
            text = exc.read().decode(errors="replace")
            status = exc.code
        except OSError as exc:
            return Response(599, str(exc), time.perf_counter() - started)
        return Response(status, text, time.perf_counter() - started)

    def get(self, path, **kw) -> Response:
        return self.request("GET", path, **kw)

    def post(self, path, data, **kw) -> Response:
        return self.request("POST", path, data, **kw)

    def login(self, username: str, password: str) -> bool:
        page = self.get("/akun/masuk/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        response = self.post(
            "/akun/masuk/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
        )
        return response.status == 302
