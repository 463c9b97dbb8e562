"""Sessions for shared office PCs: gone when the browser closes and after an idle period."""

import datetime
import time

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from kinerja import sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """Move the server's clock forward (the session expiry and the idle middleware read it)."""
    shift = {"seconds": 0}
    real_now, real_time = timezone.now, time.time
    monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(seconds=shift["seconds"]))
    monkeypatch.setattr(sessions.time, "time", lambda: real_time() + shift["seconds"])

    def forward(minutes: float) -> None:
        shift["seconds"] += minutes * 60

    return forward


def test_the_defaults(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 60 * 60  # SAKIP_SESSION_IDLE_MINUTES=60
    assert "kinerja.sessions.IdleSessionMiddleware" in settings.MIDDLEWARE


def test_the_session_cookie_ends_with_the_browser(client, world):
    world.users["tim_sakip"].set_password("rahasia-panjang-1")
    world.users["tim_sakip"].save()
    response = client.post("/akun/masuk/", {"username": "opd.tim_sakip", "password": "rahasia-panjang-1"})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # no lifetime: a browser-session cookie


def test_an_idle_session_ends_after_the_idle_period(client, world, clock):
    client.force_login(world.users["tim_sakip"])
    assert client.get("/").status_code == 200
    clock(59)
    assert client.get("/").status_code == 200  # within the hour: still signed in
    clock(61)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def test_activity_keeps_the_session_alive(client, world, clock):
    client.force_login(world.users["tim_sakip"])
    for _ in range(4):  # 4 x 40 minutes of steady work: 2 h 40 min in all
        clock(40)
        assert client.get("/").status_code == 200


def test_the_session_row_is_written_at_most_once_a_minute(client, world, clock):
    client.force_login(world.users["tim_sakip"])
    client.get("/")
    first = Session.objects.get().expire_date
    clock(0.5)
    client.get("/")
    assert Session.objects.get().expire_date == first  # not rewritten 30 s later
    clock(1)
    client.get("/")
    assert Session.objects.get().expire_date > first


def test_the_page_carries_the_idle_period_for_the_notice(client, world, settings):
    settings.SESSION_COOKIE_AGE = 20 * 60
    client.force_login(world.users["tim_sakip"])
    text = client.get("/").text
    assert 'data-session-idle="1200"' in text and 'data-session-warn="300"' in text
    client.logout()
    assert "data-session-idle" not in client.get("/akun/masuk/").text


def test_healthz_does_not_read_the_session(client, world, django_assert_num_queries):
    client.force_login(world.users["tim_sakip"])
    with django_assert_num_queries(1):  # its own SELECT 1, not the session
        assert client.get("/healthz").status_code == 200
