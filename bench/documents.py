"""Benchmark: the measurement report of an OPD with 300 indicators, as a ratio against WeasyPrint
rendering a bare table of the same size in the same run.

    python bench/documents.py [--repeat 3]
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
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup()

    from weasyprint import HTML

    from bench.generate import BENCH_PEMDA, generate
    from kinerja.cycle import services as cycle_services
    from kinerja.documents.measurement import render_measurement
    from kinerja.models import OPD, Cycle, Indicator, Membership, User

    opd = OPD.objects.filter(pemda__code=BENCH_PEMDA).order_by("name").first()
    if opd is None or Indicator.objects.filter(element__renstra__opd=opd).count() != 300:
        print("generating:", generate(opds=2, indicators=300))
        opd = OPD.objects.filter(pemda__code=BENCH_PEMDA).order_by("name").first()
    user = User.objects.get(username=f"{BENCH_PEMDA}.pemantau")
    Membership.objects.get_or_create(user=user, opd=opd, role="kepala")
    cycle = Cycle.objects.filter(opd=opd, year=2026, period="tw4").first() or cycle_services.cycle_create(
        opd=opd, year=2026, period="tw4", user=user
    )
    rows = "".join(
        f"<tr><td>{i}</td><td>Sasaran {i}</td><td>Indikator bench {i}</td><td>%</td><td>100</td><td>95</td>"
        f"<td>95,00%</td><td>Sangat Tinggi</td></tr>"
        for i in range(300)
    )
    bare = (
        "<html><body><table><thead><tr><th>No</th><th>Elemen</th><th>Indikator</th><th>Satuan</th><th>Target</th>"
        f"<th>Realisasi</th><th>Capaian</th><th>Predikat</th></tr></thead><tbody>{rows}</tbody></table></body></html>"
    )
    results = {
        "bare WeasyPrint table": timed(lambda: HTML(string=bare).write_pdf(), args.repeat),
        "measurement report": timed(lambda: render_measurement(cycle, code="BENC-HMAR-K123"), args.repeat),
    }
    print(f"data: 300 indicators; median of {args.repeat}")
    for name, seconds in results.items():
        print(f"  {name:<22} {seconds * 1000:9.1f} ms")
    print(f"report / bare table = {results['measurement report'] / results['bare WeasyPrint table']:.1f}x")


if __name__ == "__main__":
    main()
