"""Fault run: PostgreSQL stopped and restarted under a running app (needs root for pg_ctlcluster).

    python bench/load/faults.py

Expects: during the outage /healthz answers 503 and pages show the Indonesian error page (no
stack trace); afterwards the app recovers by itself; no cycle is left half-way through a transition.
Run after bench/load/run.py has prepared the sakip_load database.
"""

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.load import server  # noqa: E402
from bench.load.client import Client  # noqa: E402
from bench.load.run import PASSWORD  # noqa: E402


def cluster(action: str) -> None:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[0]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action], check=True)


def main() -> int:
    process = server.start()
    base = f"http://127.0.0.1:{server.PORT}"
    client = Client(base)
    results = []

    def check(label, ok):
        results.append((label, ok))
        print(f"{'ok ' if ok else 'GAGAL'}  {label}")

    try:
        check("login before the outage", client.login("muat.0.sekretaris", PASSWORD))
        check("cycle list before the outage", client.get("/siklus/").status == 200)
        cluster("stop")
        try:
            health = client.get("/healthz")
            check("healthz says 503 during the outage", health.status == 503 and "unavailable" in health.body)
            page = client.get("/siklus/")
            check(
                "a page answers the Indonesian error page",
                page.status == 500 and "Terjadi gangguan" in page.body,
            )
            check(
                "no stack trace is shown",
                "Traceback" not in page.body and "OperationalError" not in page.body,
            )
            action = client.post("/siklus/1/aksi/ajukan_rekap/", {})
            check(
                "an action during the outage fails cleanly",
                action.status == 500 and "Terjadi gangguan" in action.body,
            )
        finally:
            cluster("start")
        recovered = False
        for _ in range(60):
            if client.get("/healthz").status == 200:
                recovered = True
                break
            time.sleep(1)
        check("healthz recovers by itself", recovered)
        check("pages work again, same session", client.get("/siklus/").status == 200)
    finally:
        server.stop(process)
    import os

    os.environ.update({k: v for k, v in server.environment().items() if k in ("DATABASE_URL", "SECRET_KEY")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import django

    django.setup()
    from django.db.models import F

    from kinerja.models import Cycle

    unexplained = 0
    for cycle in Cycle.objects.all():
        last = cycle.transitions.exclude(from_state=F("to_state")).order_by("-at", "-id").first()
        if last is not None and last.to_state != cycle.state:
            unexplained += 1
    check("no cycle half-way through a transition", unexplained == 0)
    return 0 if all(ok for _label, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
