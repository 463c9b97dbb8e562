"""Production protections: login throttling and its audit trail, CSP and other headers, CSRF."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_repeated_failures_lock_the_login_and_are_logged(client, world):
    user = world.users["operator"]
    for _ in range(4):
        response = login(client, user.username, "salah")
        assert response.status_code == 200
        assert "Masukkan nama pengguna dan sandi yang benar" in response.text or "benar" in response.text
    response = login(client, user.username, "salah")
    assert response.status_code in (403, 429)
    assert "Terlalu banyak percobaan masuk" in response.text
    # Even the right password is refused while locked out.
    assert login(client, user.username, "rahasia-uji-123").status_code in (403, 429)
    assert AccessFailureLog.objects.filter(username=user.username).count() >= 5
    assert AccessAttempt.objects.filter(username=user.username).exists()


def test_a_successful_login_is_in_the_audit_trail(client, world):
    response = login(client, world.users["kepala"].username, "rahasia-uji-123")
    assert response.status_code == 302
    assert AccessLog.objects.filter(username=world.users["kepala"].username).exists()


def test_pages_carry_a_strict_content_security_policy(client, world):
    client.force_login(world.users["tim_sakip"])
    response = client.get(reverse("kinerja:opd_detail", args=[world.opd.pk]))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_sop_page_inline_style_has_the_nonce(client, world):
    from sop.models import SopTemplate
    from sop.seeds import SEED_SOPS
    from sop.services import revision_save

    template = SopTemplate.objects.create(pemda=world.pemda, opd=world.opd, slug="uji")
    revision_save(template=template, data=dict(SEED_SOPS[0]["revision"]))
    client.force_login(world.users["operator"])
    response = client.get(reverse("sop:detail", args=[template.pk]))
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in response.text


def test_state_changes_need_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["tim_sakip"])
    response = client.post(reverse("kinerja:indicator_delete", args=[world.indicator.pk]))
    assert response.status_code == 403
    world.indicator.refresh_from_db()


def test_nul_bytes_in_query_and_form_input_never_reach_the_database(client, world):
    """PostgreSQL refuses NUL in text; found by the property tests on the verification form."""
    assert client.post(reverse("verify"), {"kode": "\x00ABCD"}).status_code == 200
    client.force_login(world.users["kepala"])
    assert (
        client.get(reverse("kinerja:cycle_list"), {"periode": "\x00", "tahap": "ar\x00sip"}).status_code
        == 200
    )


@pytest.mark.parametrize("number", ["9223372036854775808", "²", "١٢", "99999999999999999999"])
def test_odd_numbers_in_query_strings_are_ignored_not_crashing(client, world, number):
    """Found by the property tests: huge ids overflow the database, unicode digits break int()."""
    client.force_login(world.users["tim_sakip"])
    for url, params in (
        (reverse("kinerja:cycle_list"), {"opd": number, "tahun": number}),
        (reverse("kinerja:opd_detail", args=[world.opd.pk]), {"renstra": number, "tahun": number}),
        (reverse("kinerja:opd_recap", args=[world.opd.pk]), {"unit": number, "tahun": number}),
        (reverse("kinerja:element_create", args=[world.renstra.pk]), {"induk": number}),
        (reverse("sop:list"), {"revisi": number}),
    ):
        assert client.get(url, params).status_code in (200, 403), url
