"""Behind a reverse proxy: the client's real address for axes and the rate limits; the login
slow-down per username; the verification page's limit; mail that cannot hang a request."""

import time

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from kinerja import ratelimit

pytestmark = pytest.mark.django_db

PASSWORD = "rahasia-uji-123"  # tests/factories.py


def login(client, username, password, **meta):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


@pytest.fixture
def clock(monkeypatch):
    start = time.time()
    shift = {"s": 0.0}
    monkeypatch.setattr(ratelimit.time, "time", lambda: start + shift["s"])  # stands still unless moved

    def forward(seconds):
        shift["s"] += seconds

    return forward


# ---- the client's address


class Meta:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.9.9.9", "203.0.113.9"),  # no proxy: a client's header is ignored
        (1, "127.0.0.1", "10.0.0.5", "10.0.0.5"),  # nginx appended the address it saw
        (1, "127.0.0.1", "6.6.6.6, 10.0.0.5", "10.0.0.5"),  # what the client wrote is left of it
        (2, "127.0.0.1", "6.6.6.6, 10.0.0.5, 172.16.0.2", "10.0.0.5"),  # two proxies
        (1, "127.0.0.1", "", "127.0.0.1"),  # not through the proxy
        (1, "127.0.0.1", "bukan-alamat", "127.0.0.1"),
        (2, "127.0.0.1", "10.0.0.5", "127.0.0.1"),  # fewer hops than proxies: not trusted
    ],
)
def test_client_ip(settings, proxies, remote, forwarded, expected):
    settings.SAKIP_PROXY_COUNT = proxies
    assert ratelimit.client_ip(Meta(remote, forwarded)) == expected


def test_behind_the_proxy_two_users_are_counted_separately_by_axes(settings, world):
    settings.SAKIP_PROXY_COUNT = 1
    attacker, victim = Client(), Client()
    username = world.users["operator"].username
    for _ in range(5):
        login(attacker, username, "salah", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.66")
    assert login(attacker, username, PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.66").status_code == 429
    # The same account from another office PC behind the same nginx still signs in.
    response = login(victim, username, PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.7")
    assert response.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.66"}


def test_without_a_proxy_a_forged_forwarded_header_does_not_escape_the_lock(settings, world):
    settings.SAKIP_PROXY_COUNT = 0
    client = Client()
    username = world.users["operator"].username
    for n in range(5):
        login(client, username, "salah", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = login(client, username, PASSWORD, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.1.1.1")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


# ---- guessing one account from many addresses


def test_many_addresses_guessing_one_username_are_slowed_not_locked(settings, world, clock):
    settings.SAKIP_LOGIN_SLOW_AFTER = 3
    settings.SAKIP_LOGIN_SLOW_EVERY = 30
    username = world.users["operator"].username
    for n in range(3):  # three addresses, one failure each: axes (per username + address) sees nothing
        assert login(Client(), username, "salah", REMOTE_ADDR=f"198.51.100.{n}").status_code == 200
    # From now on one try per 30 s for this username, from anywhere.
    assert login(Client(), username, "salah", REMOTE_ADDR="198.51.100.10").status_code == 200
    refused = login(Client(), username, "salah", REMOTE_ADDR="198.51.100.11")
    assert refused.status_code == 429
    assert "Coba lagi dalam" in refused.text and "detik" in refused.text
    assert 1 <= int(refused["Retry-After"]) <= 31
    # The real user is refused too while the slot is taken, but only for seconds, not locked out:
    assert login(Client(), username, PASSWORD, REMOTE_ADDR="192.0.2.1").status_code == 429
    clock(31)
    assert login(Client(), username, PASSWORD, REMOTE_ADDR="192.0.2.1").status_code == 302
    # Other usernames are untouched.
    assert login(Client(), world.users["kepala"].username, PASSWORD).status_code == 302


def test_a_refused_try_is_not_checked_so_axes_does_not_count_it(settings, world):
    settings.SAKIP_LOGIN_SLOW_AFTER = 1
    username = world.users["operator"].username
    login(Client(), username, "salah", REMOTE_ADDR="198.51.100.1")
    login(Client(), username, "salah", REMOTE_ADDR="198.51.100.1")  # takes the one slot
    before = AccessAttempt.objects.get(username=username).failures_since_start
    assert login(Client(), username, "salah", REMOTE_ADDR="198.51.100.1").status_code == 429
    assert AccessAttempt.objects.get(username=username).failures_since_start == before


# ---- the public verification page


def test_300_verification_requests_in_a_burst_are_mostly_refused(client, db, clock):
    # (clock: the burst stays inside one counting window even on a slow machine)
    statuses = [client.get(reverse("verify"), {"kode": "AAAA-BBBB-CCCC"}).status_code for _ in range(300)]
    assert statuses.count(200) == 30
    assert statuses.count(429) == 270
    refused = client.get(reverse("verify"))
    assert "Terlalu banyak permintaan" in refused.text and "Coba lagi dalam" in refused.text
    assert int(refused["Retry-After"]) >= 1
    # Another address is not affected.
    assert Client(REMOTE_ADDR="192.0.2.50").get(reverse("verify")).status_code == 200


def test_verification_limits_each_client_behind_the_proxy(settings, db, clock):
    settings.SAKIP_PROXY_COUNT = 1
    behind = Client(REMOTE_ADDR="127.0.0.1")
    for _ in range(30):
        assert behind.get(reverse("verify"), HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 200
    assert behind.get(reverse("verify"), HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 429
    assert behind.get(reverse("verify"), HTTP_X_FORWARDED_FOR="10.0.0.2").status_code == 200
    clock(61)
    assert behind.get(reverse("verify"), HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 200


# ---- mail


def test_mail_has_a_timeout(settings):
    from django.core.mail import get_connection

    assert settings.EMAIL_TIMEOUT == 10
    assert get_connection("django.core.mail.backends.smtp.EmailBackend").timeout == 10
