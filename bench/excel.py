"""Benchmark: the cycle worksheet for 5,000 indicator rows, download and upload-to-preview,
as ratios against writing and reading the same cells with bare openpyxl in the same run;
then how long the hostile files of issue 11 (a million blank rows, a zip bomb) take to be
refused, and how many bytes a row of our own worksheet takes once unpacked (the budget's basis).

    python bench/excel.py [--rows 5000] [--repeat 3]
"""

import argparse
import io
import statistics
import time

if __package__ in (None, ""):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.setup_django import setup

CODE = "bench-excel"


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
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup()

    from django.db import transaction
    from openpyxl import Workbook, load_workbook

    from bench.generate import generate
    from kinerja.cycle import services as cycle_services
    from kinerja.excel import worksheet, worksheet_import
    from kinerja.models import OPD, Cycle, CycleItem, Indicator, Membership, Pemda, State, User

    pemda = Pemda.objects.filter(code=CODE).first()
    have = Indicator.objects.filter(element__renstra__opd__pemda=pemda).count() if pemda else 0
    if have != args.rows:
        with transaction.atomic():
            Cycle.objects.filter(opd__pemda__code=CODE).delete()
        print("generating:", generate(opds=1, indicators=args.rows, code=CODE))
    opd = OPD.objects.get(pemda__code=CODE)
    user = User.objects.get(username=f"{CODE}.pemantau")
    Membership.objects.get_or_create(user=user, opd=opd, role="tim_sakip")
    Membership.objects.get_or_create(user=user, opd=opd, role="kepala")
    cycle = Cycle.objects.filter(opd=opd, year=2026, period="tw4").first()
    if cycle is None:
        cycle = cycle_services.cycle_create(opd=opd, year=2026, period="tw4", user=user)
        Cycle.objects.filter(pk=cycle.pk).update(state=State.PENGUMPULAN)
    cycle = Cycle.objects.get(pk=cycle.pk)
    assert CycleItem.objects.filter(cycle=cycle).count() == args.rows
    user = User.objects.get(pk=user.pk)

    built = worksheet.build(cycle, user)
    wb = load_workbook(io.BytesIO(built))
    ws = wb[worksheet.SHEET]
    for r in range(worksheet.FIRST_ROW, worksheet.FIRST_ROW + args.rows, 2):  # half the rows filled offline
        ws.cell(row=r, column=worksheet.COL["value"], value=42.5)
    out = io.BytesIO()
    wb.save(out)
    filled = out.getvalue()
    columns = len(worksheet.COLUMNS)

    def bare_write():
        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        for i in range(args.rows + 8):
            sheet.append(
                [
                    f"kunci-{i}",
                    i,
                    "Program",
                    "2.07.03",
                    "Elemen",
                    "Indikator",
                    "%",
                    "positif",
                    "kumulatif",
                    100,
                    100,
                    10,
                    20,
                    30,
                    40,
                    "",
                    "",
                    "",
                    "",
                    "=1",
                    "=2",
                ][:columns]
            )
        book.save(io.BytesIO())

    def bare_read():
        book = load_workbook(io.BytesIO(filled), read_only=True, data_only=True)
        for _row in book[worksheet.SHEET].iter_rows(values_only=True):
            pass

    results = {
        "bare openpyxl write": timed(bare_write, args.repeat),
        "worksheet download": timed(lambda: worksheet.build(cycle, user), args.repeat),
        "bare openpyxl read": timed(bare_read, args.repeat),
        "upload to preview": timed(lambda: worksheet_import.read_upload(cycle, user, filled), args.repeat),
    }
    print(f"data: {args.rows} indicator rows; median of {args.repeat}; file {len(built) / 1024:.0f} KiB")
    for name, seconds in results.items():
        print(f"  {name:<22} {seconds * 1000:9.1f} ms")
    print(f"download / bare write = {results['worksheet download'] / results['bare openpyxl write']:.1f}x")
    print(f"preview / bare read   = {results['upload to preview'] / results['bare openpyxl read']:.1f}x")

    import zipfile

    from kinerja.excel.common import WorkbookRefused
    from tests.kinerja import xlsx_attacks

    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(filled)).infolist())
    print(f"unpacked: {unpacked / 1024:.0f} KiB, {unpacked / args.rows:.0f} bytes a row")
    for name, attack in (
        ("a million blank rows", xlsx_attacks.blank_rows(filled)),
        ("a row at 1,048,576", xlsx_attacks.far_row(filled)),
        ("zip bomb, 300 MB", xlsx_attacks.zip_bomb(filled, 300)),
    ):
        started = time.perf_counter()
        try:
            worksheet_import.read_upload(cycle, user, attack)
            outcome = "read"
        except WorkbookRefused as exc:
            outcome = f"refused: {str(exc)[:60]}"
        print(f"  {name:<22} {(time.perf_counter() - started) * 1000:9.1f} ms  {outcome}")


if __name__ == "__main__":
    main()
