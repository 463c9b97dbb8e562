"""Load run: gunicorn (2 workers) on PostgreSQL, 50 simulated users, figures per kind of request.

    python bench/load/run.py [--duration 300] [--users 50]

Operators of 10 OPDs save realisasi rows (each owns its rows; a 409 conflict is re-read and
retried), Sekretaris / Tim SAKIP drive cycles round a legal loop of transitions
(reviu → pengumpulan → rekap → reviu), pemantau read recaps; /healthz in the same run is the
baseline. At the end: server errors, acknowledged writes missing from the database, and cycles
whose state their transition log cannot explain — all must be 0.
"""

import argparse
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.load import server  # noqa: E402
from bench.load.client import Client  # noqa: E402

PASSWORD = "muat-uji-2026"
OPDS = 10


def prepare() -> dict:
    """Bench data (60 OPD x 300 indicators) plus people and cycles for 10 OPDs."""
    import os

    os.environ.update(
        {k: v for k, v in server.environment().items() if k in ("DATABASE_URL", "SECRET_KEY", "MEDIA_ROOT")}
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import psycopg2

    admin = psycopg2.connect(dbname="postgres", user="postgres", host="127.0.0.1")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = 'sakip_load'")
        if not cursor.fetchone():
            cursor.execute("CREATE DATABASE sakip_load")
    admin.close()
    server.manage("migrate", "--noinput", "-v0")
    server.manage("collectstatic", "--noinput", "-v0")
    import django

    django.setup()
    from bench.generate import BENCH_PEMDA, generate
    from kinerja.cycle import entry as cycle_entry
    from kinerja.cycle import services as cycle_services
    from kinerja.models import OPD, Cycle, Indicator, Membership, Pemda, PemdaMembership, Realisasi, User

    pemda = Pemda.objects.filter(code=BENCH_PEMDA).first()
    if pemda is None or Indicator.objects.filter(element__renstra__opd__pemda=pemda).count() != 18000:
        Cycle.objects.filter(opd__pemda__code=BENCH_PEMDA).delete()
        print("generating bench data:", generate())
        pemda = Pemda.objects.get(code=BENCH_PEMDA)
    people: dict = {"opds": []}
    pemantau, _ = User.objects.get_or_create(username="muat.pemantau")
    pemantau.set_password(PASSWORD)
    pemantau.save()
    PemdaMembership.objects.get_or_create(user=pemantau, pemda=pemda, role="pemantau")
    people["pemantau"] = pemantau.username
    people["pemda"] = pemda.pk
    for index, opd in enumerate(OPD.objects.filter(pemda=pemda).order_by("name")[:OPDS]):
        users = {}
        for role in ("kepala", "sekretaris", "tim_sakip", "operator"):
            user, _ = User.objects.get_or_create(username=f"muat.{index}.{role}")
            user.set_password(PASSWORD)
            user.save()
            Membership.objects.get_or_create(user=user, opd=opd, role=role)
            users[role] = user
        Cycle.objects.filter(opd=opd).delete()
        Realisasi.objects.filter(indicator__element__renstra__opd=opd, year=2026, quarter__in=[2, 3]).delete()
        collect = cycle_services.cycle_create(opd=opd, year=2026, period="tw3", user=users["kepala"])
        loop = cycle_services.cycle_create(opd=opd, year=2026, period="tw2", user=users["kepala"])
        for cycle in (collect, loop):
            cycle_services.cycle_dispose(
                cycle_id=cycle.pk, user=users["kepala"], instruction="Muat", due_date=None
            )
            # The operator is PIC of every row of the collection cycle: they do the saving.
            pics = (
                {item.pk: (users["operator"], None) for item in cycle.items.all()} if cycle is collect else {}
            )
            cycle_services.cycle_assign(
                cycle_id=cycle.pk, user=users["sekretaris"], team=[users["tim_sakip"]], note="", pics=pics
            )
            cycle_services.cycle_mulai_pengumpulan(cycle_id=cycle.pk, user=users["sekretaris"])
        for item in loop.items.all():
            cycle_entry.item_save(item_id=item.pk, user=users["tim_sakip"], data={"value": 1}, version=0)
        cycle_services.cycle_ajukan_rekap(cycle_id=loop.pk, user=users["tim_sakip"])
        cycle_services.cycle_ajukan_reviu(cycle_id=loop.pk, user=users["tim_sakip"])
        items = list(collect.items.order_by("pk").values_list("pk", flat=True))
        people["opds"].append(
            {
                "opd": opd.pk,
                "collect": collect.pk,
                "loop": loop.pk,
                "items": items,
                "loop_item": loop.items.order_by("pk").first().pk,
                **{role: user.username for role, user in users.items()},
            }
        )
    return people


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(int)
        self.refused = defaultdict(int)
        self.acks: dict[int, str] = {}

    def record(self, kind: str, response) -> None:
        with self.lock:
            self.times[kind].append(response.seconds)
            if response.status >= 500:
                self.errors[kind] += 1
            elif response.status >= 400 and response.status != 409:
                self.refused[kind] += 1


def operator_worker(base, opd, items, stop, stats):
    client = Client(base)
    client.login(opd["operator"], PASSWORD)
    versions: dict[int, int] = {}
    counter = 0
    while not stop.is_set():
        for item in items:
            if stop.is_set():
                break
            counter += 1
            value = f"{counter % 500},5"
            path = f"/siklus/{opd['collect']}/butir/{item}/"
            data = {
                f"r{item}-value": value,
                f"r{item}-version": versions.get(item, 0),
                f"r{item}-solusi": "muat",
            }
            response = client.post(path, data, headers={"HX-Request": "true"})
            stats.record("simpan realisasi", response)
            if response.status == 409 or response.status == 200:
                found = re.search(rf'name="r{item}-version" value="(\d+)"', response.body)
                if found:
                    versions[item] = int(found.group(1))
            if response.status == 200:
                with stats.lock:
                    stats.acks[item] = value


def transition_worker(base, opd, stop, stats):
    sekretaris, tim = Client(base), Client(base)
    sekretaris.login(opd["sekretaris"], PASSWORD)
    tim.login(opd["tim_sakip"], PASSWORD)
    cycle, item = opd["loop"], opd["loop_item"]
    while not stop.is_set():
        steps = [
            (sekretaris, f"/siklus/{cycle}/butir/{item}/reviu/", {"perlu_perbaikan": "1", "note": "Periksa"}),
            (sekretaris, f"/siklus/{cycle}/aksi/kembalikan_ke_pengumpulan/", {"note": "Perbaiki"}),
            (tim, f"/siklus/{cycle}/aksi/ajukan_rekap/", {}),
            (tim, f"/siklus/{cycle}/aksi/ajukan_reviu/", {}),
        ]
        for client, path, data in steps:
            if stop.is_set():
                break
            stats.record("tindakan siklus", client.post(path, data))
        stats.record("halaman siklus", sekretaris.get(f"/siklus/{cycle}/"))


def reader_worker(base, people, stop, stats):
    client = Client(base)
    client.login(people["pemantau"], PASSWORD)
    index = 0
    while not stop.is_set():
        opd = people["opds"][index % len(people["opds"])]
        stats.record("rekap OPD", client.get(f"/opd/{opd['opd']}/rekap/?tahun=2026&periode=tw2"))
        if index % 10 == 0:
            stats.record("rekap Pemda", client.get(f"/pemda/{people['pemda']}/rekap/?tahun=2026&periode=tw2"))
        index += 1


def health_worker(base, stop, stats):
    client = Client(base)
    while not stop.is_set():
        stats.record("healthz", client.get("/healthz"))
        time.sleep(0.05)


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def verify(people, stats) -> tuple[int, int]:
    """Acknowledged writes present (each row has one writer, so its last ack must be stored),
    and every cycle's state equal to where its last logged transition went."""
    from django.db.models import F

    from kinerja.models import Cycle, CycleItem, Realisasi
    from kinerja.numbers import parse_decimal

    lost = 0
    for item_id, value in stats.acks.items():
        item = CycleItem.objects.select_related("cycle", "indicator").get(pk=item_id)
        stored = Realisasi.objects.get(indicator=item.indicator, year=2026, quarter=item.cycle.entry_quarter)
        if stored.value != parse_decimal(value):
            lost += 1
    unexplained = 0
    for opd in people["opds"]:
        for cycle in Cycle.objects.filter(pk__in=[opd["collect"], opd["loop"]]):
            last = cycle.transitions.exclude(from_state=F("to_state")).order_by("-at", "-id").first()
            if last is not None and last.to_state != cycle.state:
                unexplained += 1
    return lost, unexplained


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=300)
    parser.add_argument("--users", type=int, default=50)
    args = parser.parse_args()
    people = prepare()
    process = server.start()
    base = f"http://127.0.0.1:{server.PORT}"
    stats, stop = Stats(), threading.Event()
    threads = [threading.Thread(target=health_worker, args=(base, stop, stats))]
    operators = args.users - 2 * OPDS - 10
    for n in range(max(operators, OPDS)):
        opd = people["opds"][n % OPDS]
        share = opd["items"][n // OPDS :: max(operators // OPDS, 1)][:20]
        threads.append(threading.Thread(target=operator_worker, args=(base, opd, share, stop, stats)))
    for opd in people["opds"]:
        threads.append(threading.Thread(target=transition_worker, args=(base, opd, stop, stats)))
    for _ in range(args.users - len(threads) + 1):
        threads.append(threading.Thread(target=reader_worker, args=(base, people, stop, stats)))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(args.duration)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.perf_counter() - started
    server.stop(process)
    lost, unexplained = verify(people, stats)
    print(f"load: {len(threads) - 1} users + healthz, {elapsed:.0f} s, gunicorn 2 workers, PostgreSQL")
    print(f"{'kind':<18}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'4xx':>6}{'5xx':>6}")
    for kind, values in sorted(stats.times.items()):
        print(
            f"{kind:<18}{len(values):>9}{len(values) / elapsed:>8.1f}{statistics.median(values) * 1000:>9.0f}"
            f"{percentile(values, 0.95) * 1000:>9.0f}{stats.refused[kind]:>6}{stats.errors[kind]:>6}"
        )
    print(
        f"server errors: {sum(stats.errors.values())}; acknowledged writes missing: {lost}; "
        f"cycles their log cannot explain: {unexplained}"
    )
    sys.exit(1 if sum(stats.errors.values()) or lost or unexplained else 0)


if __name__ == "__main__":
    main()
