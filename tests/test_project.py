"""The project as operations sees it: health check, production settings, admin, templates."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.django_db
def test_healthz_answers_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_says_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_login_page_is_in_indonesian(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'lang="id"' in response.text
    assert "Masuk" in response.text
    assert "Nama pengguna" in response.text and "Sandi" in response.text


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k8#Vq2!pZr7@wL4$eN9^tY6&uB3*oC1(hF5)jD0-mA8+sG2xQ-w7Rt5Yp3Lm9Nb",
        ALLOWED_HOSTS="sakip.lumajangkab.go.id",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_a_secret_key():
    result = run_manage("check", "--deploy", DEBUG="0", ALLOWED_HOSTS="sakip.lumajangkab.go.id")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


def test_the_wsgi_app_refuses_to_start_without_a_secret_key():
    environ = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    result = subprocess.run(
        [sys.executable, "-c", "import sakip.wsgi"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY harus diisi" in result.stderr


@pytest.mark.django_db
def test_the_admin_lists_every_model_for_a_superuser(client, world):
    from django.apps import apps
    from django.contrib import admin

    client.force_login(world.users["superuser"])
    for model in [*apps.get_app_config("kinerja").get_models(), *apps.get_app_config("sop").get_models()]:
        assert admin.site.is_registered(model), model
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_the_admin_is_closed_to_opd_users(client, world):
    client.force_login(world.users["tim_sakip"])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_admin_asks_the_policy_not_the_staff_flag(client, world):
    """The admin edits every Pemda without scope: a staff Admin Pemda with every model
    permission still stays out (kinerja.policy.may_use_admin), a superuser gets in."""
    from django.contrib.auth.models import Permission

    user = world.users["admin_pemda"]
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["kinerja", "sop"]))
    client.force_login(user)
    for url in (reverse("admin:index"), reverse("admin:kinerja_opd_changelist")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"]
    client.force_login(world.users["superuser"])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "SAKIP Kinerja — Administrasi" in response.content.decode()


@pytest.mark.django_db
def test_password_change_works(client, world):
    user = world.users["operator"]
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "rahasia-uji-123",
            "new_password1": "Kinerja-Baru-2026!",
            "new_password2": "Kinerja-Baru-2026!",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Kinerja-Baru-2026!")


@pytest.mark.django_db
def test_healthz_answers_503_for_a_logged_in_browser_when_the_database_is_down(client, world, monkeypatch):
    """The session lives in the database: a public view must not load the user first."""
    client.force_login(world.users["operator"])

    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", broken)
    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_every_environment_variable_of_the_settings_is_in_the_readme():
    import re

    root = Path(__file__).resolve().parents[1]
    settings_text = (root / "sakip" / "settings.py").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    names = set(
        re.findall(r'(?:environ\.get\(|environ\[|env_bool\(|env_list\()\s*"([A-Z_]+)"', settings_text)
    )
    assert "SAKIP_PROXY_COUNT" in names and "SAKIP_SESSION_IDLE_MINUTES" in names
    assert sorted(n for n in names if f"`{n}`" not in readme) == []
