"""Data generator: a Pemda of N OPDs x M indicators x 4 quarters (default 60 x 300).

    python bench/generate.py [--opds 60] [--indicators 300] [--year 2026]

Replaces an earlier bench Pemda; realistic shapes (all polarities and aggregation rules,
IKU, a Renstra tree down to sub kegiatan, budgets), random but seeded values.
"""

import argparse
import random
import time
from decimal import Decimal

if __package__ in (None, ""):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.setup_django import setup

BENCH_PEMDA = "bench"


def generate(
    opds: int = 60, indicators: int = 300, year: int = 2026, seed: int = 7, code: str = BENCH_PEMDA
) -> dict:
    from django.db import transaction

    from kinerja.models import (
        OPD,
        Budget,
        Indicator,
        Membership,
        Pemda,
        PemdaMembership,
        PlanElement,
        Realisasi,
        RenstraPeriod,
        Target,
        User,
    )

    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        old = Pemda.objects.filter(code=code).first()
        if old:
            Realisasi.objects.filter(indicator__element__renstra__opd__pemda=old).delete()
            OPD.objects.filter(pemda=old).delete()
            old.delete()
        pemda = Pemda.objects.create(name=f"Pemerintah Kabupaten {code.title()}", kind="kabupaten", code=code)
        user, _ = User.objects.get_or_create(username=f"{code}.pemantau", defaults={"full_name": "Bench"})
        PemdaMembership.objects.get_or_create(user=user, pemda=pemda, role="pemantau")
        start = 2025 + 5 * ((year - 2025) // 5)
        opd_rows = OPD.objects.bulk_create(
            [
                OPD(
                    pemda=pemda,
                    name=f"Dinas Bench {i:02d}",
                    short_name=f"Bench {i:02d}",
                    kind="dinas",
                    code=f"2.{i:02d}.0.00.0.00.01.0000",
                )
                for i in range(opds)
            ]
        )
        Membership.objects.bulk_create([Membership(user=user, opd=opd, role="operator") for opd in opd_rows])
        renstras = RenstraPeriod.objects.bulk_create(
            [
                RenstraPeriod(
                    opd=opd, name=f"Renstra {start}-{start + 4}", start_year=start, end_year=start + 4
                )
                for opd in opd_rows
            ]
        )
        all_indicators = []
        budgets = []
        for n, renstra in enumerate(renstras):
            urusan = f"2.{n % 100:02d}"
            tujuan = PlanElement.objects.create(
                renstra=renstra, level="tujuan", code="T1", name="Tujuan bench"
            )
            sasaran = PlanElement.objects.bulk_create(
                [
                    PlanElement(
                        renstra=renstra, level="sasaran", parent=tujuan, code=f"S{s}", name=f"Sasaran {s}"
                    )
                    for s in range(1, 6)
                ]
            )
            programs = PlanElement.objects.bulk_create(
                [
                    PlanElement(
                        renstra=renstra,
                        level="program",
                        parent=sasaran[p % 5],
                        code=f"{urusan}.{p:02d}",
                        name=f"Program {p}",
                    )
                    for p in range(1, 11)
                ]
            )
            kegiatan = PlanElement.objects.bulk_create(
                [
                    PlanElement(
                        renstra=renstra,
                        level="kegiatan",
                        parent=programs[k % 10],
                        code=f"{programs[k % 10].code}.2.{k // 10 + 1:02d}",
                        name=f"Kegiatan {k}",
                    )
                    for k in range(20)
                ]
            )
            subs = PlanElement.objects.bulk_create(
                [
                    PlanElement(
                        renstra=renstra,
                        level="sub_kegiatan",
                        parent=kegiatan[s % 20],
                        code=f"{kegiatan[s % 20].code}.{s // 20 + 1:04d}",
                        name=f"Sub kegiatan {s}",
                    )
                    for s in range(40)
                ]
            )
            for sub in subs:
                budgets += [
                    Budget(
                        element=sub,
                        year=year,
                        quarter=q,
                        pagu=Decimal(25_000_000),
                        realisasi=Decimal(rng.randint(15, 25) * 1_000_000),
                    )
                    for q in (1, 2, 3, 4)
                ]
            elements = [tujuan, *sasaran, *programs, *kegiatan, *subs]
            for i in range(indicators):
                polarity = ("positif", "positif", "negatif", "rentang")[i % 4]
                all_indicators.append(
                    Indicator(
                        element=elements[i % len(elements)],
                        name=f"Indikator bench {n}-{i}",
                        satuan="%",
                        polarity=polarity,
                        band_lower=Decimal(90) if polarity == "rentang" else None,
                        band_upper=Decimal(110) if polarity == "rentang" else None,
                        aggregation=("kumulatif", "nilai_akhir", "rata_rata")[i % 3],
                        is_iku=i % 10 == 0,
                        order=i,
                    )
                )
        Budget.objects.bulk_create(budgets, batch_size=5000)
        created = Indicator.objects.bulk_create(all_indicators, batch_size=5000)
        targets, realisasi = [], []
        for ind in created:
            base = Decimal(rng.randint(50, 150))
            targets.append(Target(indicator=ind, year=year, quarter=0, value=base * 4))
            for q in (1, 2, 3, 4):
                targets.append(Target(indicator=ind, year=year, quarter=q, value=base))
                realisasi.append(
                    Realisasi(
                        indicator=ind,
                        year=year,
                        quarter=q,
                        entered_by=user,
                        value=(base * Decimal(rng.randint(40, 125)) / 100).quantize(Decimal("0.01")),
                        faktor_pendukung="Koordinasi berjalan baik.",
                    )
                )
        Target.objects.bulk_create(targets, batch_size=5000)
        Realisasi.objects.bulk_create(realisasi, batch_size=5000)
    return {
        "opds": opds,
        "indicators": len(created),
        "targets": len(targets),
        "realisasi": len(realisasi),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--opds", type=int, default=60)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args()
    setup()
    print(generate(args.opds, args.indicators, args.year))


if __name__ == "__main__":
    main()
