"""The embedded default (a SQLite FILE) under concurrent writes: writers wait, nobody gets a 500.

Each scenario runs in a subprocess on a file database with the project's settings
(tests/kinerja/sqlite_file_scenario.py); the in-memory test database cannot show locking.
Before issue 11 (busy timeout only, DEFERRED transactions) every scenario below ended in
"database is locked" for the other writers: run the module with --original to see it.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow  # a migration and three scenarios, each in a subprocess


def environment(db_file: Path, media: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SAKIP_EXPECT_DB"}}
    env.update(
        DATABASE_URL=f"sqlite:///{db_file}",
        DEBUG="1",
        SECRET_KEY="concurrency-test",
        ALLOWED_HOSTS="testserver",
        SAKIP_RUN_JOBS_INLINE="1",
        MEDIA_ROOT=str(media),
        DJANGO_SETTINGS_MODULE="sakip.settings",
    )
    return env


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sqlite-file")
    template = folder / "template.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env=environment(template, folder / "media"),
        check=True,
        timeout=300,
    )
    return template


def run_scenario(migrated: Path, tmp_path: Path, name: str) -> dict:
    db_file = tmp_path / "sakip.sqlite3"
    shutil.copy(migrated, db_file)
    done = subprocess.run(
        [sys.executable, "-m", "tests.kinerja.sqlite_file_scenario", name],
        cwd=ROOT,
        env=environment(db_file, tmp_path / "media"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Internal Server Error" not in done.stderr, done.stderr[-3000:]
    assert "database is locked" not in done.stdout + done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["journal_mode"] == "wal"
    return report


def test_writers_wait_for_a_two_second_write_lock_instead_of_failing(migrated, tmp_path):
    report = run_scenario(migrated, tmp_path, "hold")
    (held, _), (kepala, kepala_s), (row, row_s), (service, _), (plain, _) = report["results"]
    assert held == "held"
    assert kepala == "302 Siklus sekarang pada tahap Reviu."  # a Kepala's return
    assert row == "200"  # a row save through htmx
    assert service == "ok" and plain == "ok"
    assert report["tw2_state"] == "reviu" and report["tw4_state"] == "rekap"
    assert report["row_value"] == "4321.0000"  # the typed value is what the database holds
    assert 1.0 < kepala_s < 20 and 1.0 < row_s < 20  # they waited for the lock, then went through


def test_four_parallel_clicks_of_one_transition_apply_once_and_refuse_three_cleanly(migrated, tmp_path):
    report = run_scenario(migrated, tmp_path, "transition")
    outcomes = sorted(outcome for outcome, _seconds in report["results"])
    assert outcomes.count("302 Siklus sekarang pada tahap Pengesahan.") == 1, outcomes
    refused = [o for o in outcomes if o.startswith("302 Tindakan ini tidak tersedia pada tahap Pengesahan")]
    assert len(refused) == 3, outcomes
    assert report["state"] == "pengesahan" and report["transitions"] == 1


def test_the_real_sign_off_does_not_break_other_writes(migrated, tmp_path):
    report = run_scenario(migrated, tmp_path, "sign_off")
    (signed, _), (kepala, _), (row, _) = report["results"]
    assert signed == "signed" and report["tw1_state"] == "arsip"
    assert kepala == "302 Siklus sekarang pada tahap Reviu."
    assert row == "200"
