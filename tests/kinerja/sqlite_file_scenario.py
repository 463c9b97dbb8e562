"""Concurrent writes on a FILE SQLite database with the project's settings (run in a subprocess).

pytest-django tests run on an in-memory SQLite database, which never shows "database is locked";
tests/kinerja/test_sqlite_file_concurrency.py runs this module with DATABASE_URL pointing at a file:

    python -m tests.kinerja.sqlite_file_scenario hold|transition|sign_off [--original]

``--original`` replaces the project's SQLite OPTIONS with the ones before issue 11 (busy timeout
only, DEFERRED transactions, rollback journal), to measure the difference. Prints one JSON line.
"""

import json
import os
import sys
import threading
import time
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
ORIGINAL = "--original" in sys.argv

import django  # noqa: E402
from django.conf import settings  # noqa: E402

if ORIGINAL:
    settings.DATABASES["default"]["OPTIONS"] = {"timeout": 20}
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fixtures, not hashing
django.setup()

from django.contrib.messages import get_messages  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

HOLD_SECONDS = 2.0


def world_and_cycles():
    from kinerja.cycle import services as cycle_services
    from tests.conftest import build_world
    from tests.kinerja.cycle_helpers import force_state, new_cycle

    call_command("migrate", verbosity=0)
    world = build_world()
    cycles = {
        period: force_state(new_cycle(world, period), state, world)
        for period, state in (("tw1", "pengesahan"), ("tw2", "pengesahan"), ("tw3", "pengumpulan"))
    }
    # Another year: a 2026 TW IV in reviu would hold the TW III values the row save writes
    # (a cycle under review holds every quarter it reads: period ownership).
    tw4 = cycle_services.cycle_create(opd=world.opd, year=2027, period="tw4", user=world.users["kepala"])
    cycles["tw4"] = force_state(tw4, "reviu", world)
    connection.close()
    return world, cycles


def timed(call):
    start = time.monotonic()
    try:
        outcome = call()
    except Exception as exc:  # reported, not raised: the parent test asserts on it
        outcome = f"{type(exc).__name__}: {exc}"
    finally:
        connection.close()
    return outcome, round(time.monotonic() - start, 3)


def in_threads(calls, *, first=None, delay=0.3):
    """Run ``first`` (if any), then after ``delay`` the other calls together; results in order."""
    results = [None] * (len(calls) + (1 if first else 0))
    barrier = threading.Barrier(len(calls))

    def run(index, call, wait):
        if wait:
            barrier.wait()
        results[index] = timed(call)

    threads = []
    if first:
        threads.append(threading.Thread(target=run, args=(0, first, False)))
        threads[0].start()
        time.sleep(delay)
    offset = 1 if first else 0
    for i, call in enumerate(calls):
        threads.append(threading.Thread(target=run, args=(i + offset, call, True)))
        threads[-1].start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def client_for(user):
    client = Client()
    client.force_login(user)
    connection.close()
    return client


def post_outcome(response) -> str:
    texts = [str(m) for m in get_messages(response.wsgi_request)] if response.status_code == 302 else []
    return f"{response.status_code} {' | '.join(texts)}".strip()


def row_save(client, cycle, user, value):
    from kinerja.cycle import selectors as cycle_selectors

    def call():
        item = cycle.items.get()
        row = cycle_selectors.grid_rows(cycle, user, item_ids=[item.pk])[0]
        response = client.post(
            f"/siklus/{cycle.pk}/butir/{item.pk}/",
            {f"r{item.pk}-value": str(value), f"r{item.pk}-version": str(row.version)},
            HTTP_HX_REQUEST="true",
        )
        return f"{response.status_code}"

    return call


def scenario_hold():
    """One writer holds the write lock for 2 s (as the sign-off does); three others write meanwhile."""
    from kinerja import services
    from kinerja.cycle import services as cycle_services
    from kinerja.models import Cycle

    world, cycles = world_and_cycles()
    kepala = client_for(world.users["kepala"])
    tim = client_for(world.users["tim_sakip"])

    def holder():
        with transaction.atomic():
            Cycle.objects.filter(pk=cycles["tw1"].pk).update(instruction="memegang kunci tulis")
            time.sleep(HOLD_SECONDS)
        return "held"

    def kepala_return():
        response = kepala.post(
            f"/siklus/{cycles['tw2'].pk}/aksi/kembalikan_ke_reviu/", {"note": "Perbaiki analisis"}
        )
        return post_outcome(response)

    def service_write():
        cycle_services.cycle_take(
            cycle_id=cycles["tw4"].pk,
            name="kembalikan_ke_rekap",
            user=world.users["sekretaris"],
            note="Ulang",
        )
        return "ok"

    def plain_realisasi():
        services.realisasi_save(
            indicator=world.indicator, year=2025, quarter=1, user=world.users["tim_sakip"], data={"value": 7}
        )
        return "ok"

    results = in_threads(
        [
            kepala_return,
            row_save(tim, cycles["tw3"], world.users["tim_sakip"], 4321),
            service_write,
            plain_realisasi,
        ],
        first=holder,
    )
    cycles["tw3"].refresh_from_db()
    from kinerja.models import Realisasi

    stored = Realisasi.objects.filter(
        indicator=world.indicator, year=2026, quarter=cycles["tw3"].entry_quarter
    )
    return {
        "results": results,
        "tw2_state": Cycle.objects.get(pk=cycles["tw2"].pk).state,
        "tw4_state": Cycle.objects.get(pk=cycles["tw4"].pk).state,
        "row_value": str(stored.get().value) if stored.exists() else None,
    }


def scenario_transition():
    """Four parallel clicks of one transition: exactly one applies, the others are told why."""
    from kinerja.models import Cycle, CycleTransition

    world, cycles = world_and_cycles()
    cycle = cycles["tw4"]
    clients = [client_for(world.users["sekretaris"]) for _ in range(4)]

    def click(client):
        return lambda: post_outcome(
            client.post(f"/siklus/{cycle.pk}/aksi/teruskan_pengesahan/", {"note": ""})
        )

    results = in_threads([click(c) for c in clients])
    return {
        "results": results,
        "state": Cycle.objects.get(pk=cycle.pk).state,
        "transitions": CycleTransition.objects.filter(cycle=cycle, name="teruskan_pengesahan").count(),
    }


def scenario_sign_off():
    """The real sign-off (freeze, render the PDF, store, transition) while others write."""
    from kinerja.cycle import services as cycle_services
    from kinerja.models import Cycle

    world, cycles = world_and_cycles()
    kepala = client_for(world.users["kepala"])
    tim = client_for(world.users["tim_sakip"])

    def sign_off():
        cycle_services.cycle_sahkan(cycle_id=cycles["tw1"].pk, user=world.users["kepala"])
        return "signed"

    def kepala_return():
        return post_outcome(
            kepala.post(f"/siklus/{cycles['tw2'].pk}/aksi/kembalikan_ke_reviu/", {"note": "Perbaiki"})
        )

    results = in_threads(
        [kepala_return, row_save(tim, cycles["tw3"], world.users["tim_sakip"], Decimal("12.5"))],
        first=sign_off,
        delay=0.5,
    )
    return {"results": results, "tw1_state": Cycle.objects.get(pk=cycles["tw1"].pk).state}


if __name__ == "__main__":
    name = sys.argv[1]
    outcome = {"scenario_hold": scenario_hold, "hold": scenario_hold}.get(name) or globals()[
        f"scenario_{name}"
    ]
    report = outcome()
    report["journal_mode"] = None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        report["journal_mode"] = cursor.fetchone()[0]
    print(json.dumps(report))
