"""Benchmark: OPD recap and Pemda recap render times as ratios against the raw fetch.

    python bench/recap.py [--opds 60] [--indicators 300] [--repeat 5] [--regenerate]

The baseline is fetching the same rows (indicators, targets, realisasi) with
``values_list`` in the same run; the recap's cost is reported as a multiple of it.
"""

import argparse
import statistics
import time

if __package__ in (None, ""):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.setup_django import setup


def timed(fn, repeat: int) -> float:
    fn()  # warm caches and connections
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--opds", type=int, default=60)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    setup()

    from django.test import Client

    from bench.generate import BENCH_PEMDA, generate
    from kinerja.models import OPD, Indicator, Pemda, Realisasi, Target, User

    pemda = Pemda.objects.filter(code=BENCH_PEMDA).first()
    expected = args.opds * args.indicators
    have = Indicator.objects.filter(element__renstra__opd__pemda=pemda).count() if pemda else 0
    if args.regenerate or have != expected:
        print("generating:", generate(args.opds, args.indicators, args.year))
        pemda = Pemda.objects.get(code=BENCH_PEMDA)
    opd = OPD.objects.filter(pemda=pemda).order_by("name").first()
    client = Client()
    client.force_login(User.objects.get(username="bench.pemantau"))
    year = args.year

    def raw_opd():
        ids = list(
            Indicator.objects.filter(element__renstra__opd=opd).values_list(
                "pk", "polarity", "aggregation", "band_lower", "band_upper", "is_iku", "name", "satuan"
            )
        )
        assert ids
        via = {"indicator__element__renstra__opd": opd, "year": year}
        list(Target.objects.filter(**via).values_list("indicator_id", "quarter", "value"))
        list(
            Realisasi.objects.filter(**via).values_list(
                "indicator_id", "quarter", "value", "faktor_pendukung"
            )
        )

    def raw_pemda():
        ids = list(
            Indicator.objects.filter(element__renstra__opd__pemda=pemda).values_list(
                "pk",
                "element__renstra__opd_id",
                "polarity",
                "aggregation",
                "band_lower",
                "band_upper",
                "is_iku",
            )
        )
        assert ids
        via = {"indicator__element__renstra__opd__pemda": pemda, "year": year}
        list(Target.objects.filter(**via).values_list("indicator_id", "quarter", "value"))
        list(Realisasi.objects.filter(**via).values_list("indicator_id", "quarter", "value"))

    def page(url):
        def fetch():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        return fetch

    opd_url = f"/opd/{opd.pk}/rekap/?tahun={year}&periode=tw4"
    pemda_url = f"/pemda/{pemda.pk}/rekap/?tahun={year}&periode=tw4"
    results = {
        "raw fetch, one OPD": timed(raw_opd, args.repeat),
        "OPD recap page": timed(page(opd_url), args.repeat),
        "raw fetch, whole Pemda": timed(raw_pemda, args.repeat),
        "Pemda recap page": timed(page(pemda_url), args.repeat),
    }
    print(f"data: {args.opds} OPD x {args.indicators} indicators x 4 quarters; median of {args.repeat}")
    for name, seconds in results.items():
        print(f"  {name:<24} {seconds * 1000:9.1f} ms")
    print(f"OPD recap   / raw fetch = {results['OPD recap page'] / results['raw fetch, one OPD']:.1f}x")
    print(f"Pemda recap / raw fetch = {results['Pemda recap page'] / results['raw fetch, whole Pemda']:.1f}x")


if __name__ == "__main__":
    main()
