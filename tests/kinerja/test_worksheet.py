"""The kertas kerja: out to a bidang and back in, and every bad file refused with nothing written."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.cycle import entry as cycle_entry
from kinerja.cycle import services as cycle_services
from kinerja.excel import worksheet, worksheet_import
from kinerja.models import Cycle, Indicator, Realisasi, RealisasiHistory
from tests.kinerja import xlsx_attacks
from tests.kinerja.cycle_helpers import new_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(world):
    Indicator.objects.create(
        element=world.program,
        name="Tingkat Pengangguran Terbuka",
        satuan="%",
        polarity="negatif",
        aggregation="nilai_akhir",
    )
    cycle = new_cycle(world)
    cycle_services.cycle_dispose(
        cycle_id=cycle.pk, user=world.users["kepala"], instruction="Ukur", due_date=None
    )
    cycle_services.cycle_assign(
        cycle_id=cycle.pk, user=world.users["sekretaris"], team=[world.users["tim_sakip"]], note="", pics={}
    )
    return cycle_services.cycle_mulai_pengumpulan(cycle_id=cycle.pk, user=world.users["sekretaris"])


def download(client, cycle) -> bytes:
    response = client.get(reverse("kinerja:worksheet_download", args=[cycle.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def edit(content: bytes, change) -> bytes:
    wb = load_workbook(io.BytesIO(content))
    change(wb[worksheet.SHEET])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row_of(ws, name: str) -> int:
    col = worksheet.COL["indicator"]
    for r in range(worksheet.FIRST_ROW, ws.max_row + 1):
        if ws.cell(row=r, column=col).value == name:
            return r
    raise KeyError(name)


def fill(name: str, value, **text):
    def change(ws):
        r = row_of(ws, name)
        ws.cell(row=r, column=worksheet.COL["value"], value=value)
        for key, val in text.items():
            ws.cell(row=r, column=worksheet.COL[key], value=val)

    return change


def upload(client, cycle, content: bytes, name="kertas-kerja.xlsx"):
    return client.post(
        reverse("kinerja:worksheet_upload", args=[cycle.pk]), {"file": SimpleUploadedFile(name, content)}
    )


def snapshot():
    return (
        list(
            Realisasi.objects.values_list("indicator_id", "quarter", "value", "version", "faktor_penghambat")
        ),
        RealisasiHistory.objects.count(),
    )


def test_the_worksheet_is_built_for_offline_work(client, world, cycle):
    client.force_login(world.users["tim_sakip"])
    wb = load_workbook(io.BytesIO(download(client, cycle)))
    ws = wb[worksheet.SHEET]
    assert wb[worksheet.META].sheet_state == "veryHidden"
    assert ws.protection.sheet is True and not ws.protection.password
    assert ws.freeze_panes == "G9"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$8:$8"
    assert ws.column_dimensions["A"].hidden
    assert [c.value for c in ws[worksheet.HEADER_ROW]][:3] == ["Kunci", "No", "Tingkat"]
    r = row_of(ws, "Jumlah wirausaha baru")
    value_cell = ws.cell(row=r, column=worksheet.COL["value"])
    assert value_cell.protection.locked is False
    assert ws.cell(row=r, column=worksheet.COL["indicator"]).protection.locked is True
    assert ws.cell(row=r, column=worksheet.COL["capaian"]).value.startswith("=IF(")
    predikat = ws.cell(row=r, column=worksheet.COL["predikat"]).value
    assert "LOOKUP(" in predikat and "Sangat Tinggi" not in predikat  # labels are looked up, not spliced
    scale = [(row[3], row[4]) for row in wb[worksheet.META].iter_rows(max_row=5, values_only=True)]
    assert scale == [
        (0, "Sangat Rendah"),
        (51, "Rendah"),
        (66, "Sedang"),
        (76, "Tinggi"),
        (91, "Sangat Tinggi"),
    ]
    assert "exported_by" not in [row[0] for row in wb[worksheet.META].iter_rows(values_only=True)]
    assert ws.cell(row=r, column=worksheet.COL["target_year"]).value == 240
    assert any(value_cell.coordinate in str(dv.sqref) for dv in ws.data_validations.dataValidation)
    assert "Dinas Tenaga Kerja" in [ws.cell(row=3, column=4).value]
    assert worksheet.parse_key(ws.cell(row=r, column=1).value) is not None


def test_round_trip_fill_offline_then_upload_preview_and_confirm(client, world, cycle):
    client.force_login(world.users["tim_sakip"])
    filled = edit(download(client, cycle), fill("Jumlah wirausaha baru", 61.5, faktor_penghambat="Cuaca"))
    before = snapshot()
    preview = upload(client, cycle, filled)
    assert preview.status_code == 200
    assert 'data-status="ubah"' in preview.text and "61,5" in preview.text
    assert snapshot() == before  # nothing written by the preview
    token = preview.context["token"]
    response = client.post(reverse("kinerja:worksheet_apply", args=[cycle.pk]), {"token": token}, follow=True)
    assert "1 baris kertas kerja disimpan" in response.text
    stored = Realisasi.objects.get(indicator=world.indicator, quarter=2)
    assert (stored.value, stored.faktor_penghambat, stored.entered_by) == (
        Decimal("61.5"),
        "Cuaca",
        world.users["tim_sakip"],
    )
    grid = client.get(reverse("kinerja:cycle_grid", args=[cycle.pk]))
    assert "61,5" in grid.text
    # The same file again changes nothing (its keys now hold an old version: shown, not applied).
    again = upload(client, cycle, filled)
    assert "token" not in again.context


def test_a_row_changed_in_the_product_since_export_is_a_conflict(client, world, cycle):
    client.force_login(world.users["tim_sakip"])
    exported = download(client, cycle)
    item = cycle.items.get(indicator=world.indicator)
    cycle_entry.item_save(
        item_id=item.pk,
        user=world.users["tim_sakip"],
        data={"value": Decimal(50)},
        version=0,
    )
    before = snapshot()
    preview = upload(client, cycle, edit(exported, fill("Jumlah wirausaha baru", 70)))
    assert 'data-status="konflik"' in preview.text
    assert "tidak ditimpa" in preview.text
    assert "token" not in preview.context
    assert snapshot() == before


def test_rows_the_user_may_not_edit_are_refused(client, world, cycle):
    item = cycle.items.get(indicator=world.indicator)
    own = cycle.items.exclude(pk=item.pk).get()
    cycle_services.cycle_assign(
        cycle_id=cycle.pk,
        user=world.users["sekretaris"],
        team=[world.users["tim_sakip"]],
        note="",
        pics={item.pk: (world.users["kepala_unit"], None), own.pk: (world.users["operator"], None)},
    )
    client.force_login(world.users["operator"])
    preview = upload(client, cycle, edit(download(client, cycle), fill("Jumlah wirausaha baru", 5)))
    assert 'data-status="ditolak"' in preview.text
    assert "Hanya PIC indikator ini" in preview.text
    assert not Realisasi.objects.exists()


def test_upload_only_in_pengumpulan(client, world, cycle):
    client.force_login(world.users["tim_sakip"])
    content = edit(download(client, cycle), fill("Jumlah wirausaha baru", 5))
    Cycle.objects.filter(pk=cycle.pk).update(state="rekap")
    response = upload(client, cycle, content)
    assert "hanya dapat diunggah pada tahap pengumpulan" in response.text
    assert not Realisasi.objects.exists()


def test_the_upload_pages_are_scoped(client, world, cycle):
    client.force_login(world.users["other_tim_sakip"])
    assert client.get(reverse("kinerja:worksheet_download", args=[cycle.pk])).status_code == 404
    assert client.get(reverse("kinerja:worksheet_upload", args=[cycle.pk])).status_code == 404


def test_an_expired_or_foreign_preview_token_writes_nothing(client, world, cycle):
    client.force_login(world.users["tim_sakip"])
    response = client.post(
        reverse("kinerja:worksheet_apply", args=[cycle.pk]), {"token": "palsu"}, follow=True
    )
    assert "kedaluwarsa" in response.text
    assert not Realisasi.objects.exists()


def test_text_that_looks_like_a_formula_is_never_executed(client, world, cycle):
    client.force_login(world.users["tim_sakip"])
    item = cycle.items.get(indicator=world.indicator)
    cycle_entry.item_save(
        item_id=item.pk,
        user=world.users["tim_sakip"],
        version=0,
        data={"value": Decimal(1), "solusi": '=HYPERLINK("http://x","klik")'},
    )
    ws = load_workbook(io.BytesIO(download(client, cycle)))[worksheet.SHEET]
    cell = ws.cell(row=row_of(ws, "Jumlah wirausaha baru"), column=worksheet.COL["solusi"])
    assert cell.data_type == "s" and cell.quotePrefix
    assert cell.value == '=HYPERLINK("http://x","klik")'


# ---- the corpus of bad files: each refused with its own message, nothing written


def _xlsm(content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, src.read(name))
        dst.writestr("xl/vbaProject.bin", b"\x00macro")
    return out.getvalue()


def _other_cycle_file(client, world):
    other = new_cycle(world, "tw3")
    return download(client, other)


def _foreign_opd_file(client, world, cycle):
    content = download(client, cycle)
    wb = load_workbook(io.BytesIO(content))
    meta = wb[worksheet.META]
    for row in meta.iter_rows():
        if row[0].value == "cycle":
            row[1].value = "999999"
        if row[0].value == "opd":
            row[1].value = str(world.foreign_opd.pk)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _delete_column(ws):
    ws.delete_cols(worksheet.COL["faktor_pendukung"])


def _rename_column(ws):
    ws.cell(row=worksheet.HEADER_ROW, column=worksheet.COL["value"], value="Nilai")


def _swap_columns(ws):
    a, b = worksheet.COL["faktor_pendukung"], worksheet.COL["faktor_penghambat"]
    ws.cell(row=worksheet.HEADER_ROW, column=a, value="Faktor penghambat")
    ws.cell(row=worksheet.HEADER_ROW, column=b, value="Faktor pendukung")


def _extra_rows(ws):
    last = ws.max_row
    for offset in range(1, 4):
        for col in range(1, len(worksheet.COLUMNS) + 1):
            ws.cell(row=last + offset, column=col, value=ws.cell(row=last, column=col).value)


def _tamper_key(ws):
    r = row_of(ws, "Jumlah wirausaha baru")
    key = ws.cell(row=r, column=1).value
    ws.cell(row=r, column=1, value=key[:-1] + ("0" if key[-1] != "0" else "1"))
    ws.cell(row=r, column=worksheet.COL["value"], value=3)


CORPUS = {
    "renamed PDF": (lambda c, w, cy: b"%PDF-1.7\n1 0 obj", "Ini berkas PDF"),
    "CSV": (
        lambda c, w, cy: b"Indikator;Realisasi\nJumlah wirausaha baru;61\n",
        "Berkas CSV atau teks tidak diterima",
    ),
    "old xls": (lambda c, w, cy: worksheet_ole(b"Workbook"), "Excel lama (.xls)"),
    "xlsm with macros": (lambda c, w, cy: _xlsm(download(c, cy)), "berisi makro"),
    "truncated zip": (lambda c, w, cy: download(c, cy)[:3000], "rusak atau terpotong"),
    "password-protected": (
        lambda c, w, cy: worksheet_ole("EncryptedPackage".encode("utf-16-le")),
        "kata sandi",
    ),
    "empty": (lambda c, w, cy: b"", "Berkas kosong"),
    "another cycle": (lambda c, w, cy: _other_cycle_file(c, w), "siklus"),
    "another OPD": (lambda c, w, cy: _foreign_opd_file(c, w, cy), "OPD lain"),
    "missing column": (lambda c, w, cy: edit(download(c, cy), _delete_column), "seharusnya"),
    "renamed column": (lambda c, w, cy: edit(download(c, cy), _rename_column), "Nilai&#x27; seharusnya"),
    "reordered columns": (lambda c, w, cy: edit(download(c, cy), _swap_columns), "berpindah tempat"),
    "text in a number": (
        lambda c, w, cy: edit(download(c, cy), fill("Jumlah wirausaha baru", "enam puluh")),
        "berisi teks",
    ),
    "negative count": (
        lambda c, w, cy: edit(download(c, cy), fill("Jumlah wirausaha baru", -4)),
        "tidak boleh negatif",
    ),
    "formula without value": (
        lambda c, w, cy: edit(download(c, cy), fill("Jumlah wirausaha baru", "=2*30")),
        "rumus tanpa nilai",
    ),
    "date in a number": (
        lambda c, w, cy: edit(download(c, cy), fill("Jumlah wirausaha baru", datetime.datetime(2026, 7, 1))),
        "berisi tanggal",
    ),
    "more rows than indicators": (
        lambda c, w, cy: edit(download(c, cy), _extra_rows),
        "melebihi jumlah indikator",
    ),
    "tampered key": (lambda c, w, cy: edit(download(c, cy), _tamper_key), "kunci baris tidak dikenal"),
    # Issue 11 item 4: files that cost seconds of CPU, refused by their size or as soon as read.
    "a million blank rows": (
        lambda c, w, cy: xlsx_attacks.blank_rows(download(c, cy)),
        "Isi berkas terlalu besar untuk kertas kerja dengan 2 indikator",
    ),
    "a cell in the last row": (
        lambda c, w, cy: xlsx_attacks.far_row(download(c, cy)),
        "lebih banyak baris daripada indikator siklus ini (2)",
    ),
    "a cell in column XFD": (
        lambda c, w, cy: xlsx_attacks.wide_cell(download(c, cy), worksheet.FIRST_ROW),
        "berisi sel di kolom XFD",
    ),
    "zip bomb": (
        lambda c, w, cy: xlsx_attacks.zip_bomb(download(c, cy), megabytes=300),
        "memadat secara tidak wajar",
    ),
    "a sheet inflating past the budget": (
        lambda c, w, cy: xlsx_attacks.zip_bomb(download(c, cy), megabytes=2, ratio_safe=True),
        "Isi berkas terlalu besar",
    ),
    "zip-encrypted parts": (lambda c, w, cy: xlsx_attacks.encrypted_flag(download(c, cy)), "kata sandi"),
    "too many parts": (
        lambda c, w, cy: xlsx_attacks.many_parts(download(c, cy), 500),
        "500 bagian",
    ),
}


def worksheet_ole(payload: bytes) -> bytes:
    return bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504 + payload + b"\x00" * 64


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_every_bad_file_is_refused_with_its_message_and_nothing_written(client, world, cycle, case):
    client.force_login(world.users["tim_sakip"])
    make, message = CORPUS[case]
    content = make(client, world, cycle)
    before = snapshot()
    response = upload(client, cycle, content)
    assert response.status_code == 200
    assert message in response.text, case
    assert "token" not in response.context or not response.context.get("token")
    assert snapshot() == before


def test_a_file_over_the_size_limit_is_refused(client, world, cycle, settings):
    settings.SAKIP_XLSX_MAX_BYTES = 1000
    client.force_login(world.users["tim_sakip"])
    response = upload(client, cycle, download(client, cycle))
    assert "terlalu besar" in response.text
    assert not Realisasi.objects.exists()


# ---- the door: only someone who may change an item of the cycle has a file read at all


@pytest.fixture
def parser_spy(monkeypatch):
    """Every way into a file's content, recorded: the checks and openpyxl."""
    calls = []

    def spy(name, real):
        def wrapper(*args, **kwargs):
            calls.append(name)
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(worksheet_import, "check_file", spy("check_file", worksheet_import.check_file))
    monkeypatch.setattr(
        worksheet_import, "load_workbook", spy("load_workbook", worksheet_import.load_workbook)
    )
    monkeypatch.setattr(worksheet_import, "read_upload", spy("read_upload", worksheet_import.read_upload))
    return calls


@pytest.mark.parametrize("role", ["pemantau", "admin_pemda", "kepala", "operator", "kepala_unit"])
def test_someone_who_may_change_no_item_is_refused_before_the_file_is_opened(
    client, world, cycle, parser_spy, role
):
    client.force_login(world.users["tim_sakip"])
    attack = xlsx_attacks.blank_rows(download(client, cycle))
    client.force_login(world.users[role])
    response = upload(client, cycle, attack)
    assert response.status_code == 403
    assert "tidak dapat mengubah indikator mana pun" in response.content.decode()
    assert parser_spy == []  # nothing of the file was read
    page = client.get(reverse("kinerja:worksheet_upload", args=[cycle.pk]))
    assert 'data-testid="door"' in page.text and 'data-testid="upload-form"' not in page.text


def test_the_pic_of_one_item_has_the_file_read(client, world, cycle, parser_spy):
    item = cycle.items.get(indicator=world.indicator)
    cycle_services.cycle_assign(
        cycle_id=cycle.pk,
        user=world.users["sekretaris"],
        team=[world.users["tim_sakip"]],
        note="",
        pics={item.pk: (world.users["operator"], None)},
    )
    client.force_login(world.users["operator"])
    response = upload(client, cycle, edit(download(client, cycle), fill("Jumlah wirausaha baru", 5)))
    assert response.status_code == 200 and response.context["token"]
    assert parser_spy[:2] == ["read_upload", "check_file"]
    assert (
        'data-testid="upload-form"' in client.get(reverse("kinerja:worksheet_upload", args=[cycle.pk])).text
    )


# ---- bounded reading: the parser stops where the cycle's size says, whatever the file claims


@pytest.fixture
def rows_read(monkeypatch):
    """How many rows openpyxl's streaming reader handed out (both passes, every sheet)."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    counter = {"rows": 0, "opened": 0}
    real = ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        counter["opened"] += 1
        for row in real(self, *args, **kwargs):
            counter["rows"] += 1
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    return counter


def test_a_million_blank_rows_are_refused_before_openpyxl_sees_them(client, world, cycle, rows_read):
    client.force_login(world.users["tim_sakip"])
    attack = xlsx_attacks.blank_rows(download(client, cycle))
    before = snapshot()
    response = upload(client, cycle, attack)
    assert "Isi berkas terlalu besar untuk kertas kerja dengan 2 indikator" in response.context["refusal"]
    assert rows_read == {"rows": 0, "opened": 0}
    assert snapshot() == before


def test_past_the_size_check_the_stream_stops_after_a_bounded_number_of_rows(
    client, world, cycle, rows_read, monkeypatch
):
    """A cycle large enough to allow the file's size: the row bound stops the read instead."""
    monkeypatch.setattr(worksheet_import, "ROW_BYTES", 100 * 1024 * 1024)
    client.force_login(world.users["tim_sakip"])
    base = download(client, cycle)
    bound = worksheet.FIRST_ROW + 2 + worksheet_import.ROW_SLACK + worksheet_import.MAX_BLANK_TAIL
    for attack in (xlsx_attacks.blank_rows(base), xlsx_attacks.far_row(base)):
        rows_read.update(rows=0, opened=0)
        response = upload(client, cycle, attack)
        assert "lebih banyak baris daripada indikator siklus ini (2)" in response.context["refusal"]
        # header, meta and two passes over the data: never the million rows the file holds
        assert rows_read["rows"] < 3 * bound + worksheet_import.META_ROWS, rows_read
    assert not Realisasi.objects.exists()


def test_opening_a_sheet_without_dimension_reads_only_its_head(client, world, cycle, monkeypatch):
    """openpyxl looked for <dimension> through the whole sheet when it was missing (seconds
    for a million rows, before any row was read); ours stops where the rows start."""
    from openpyxl import load_workbook as load
    from openpyxl.worksheet import _reader

    from kinerja.excel import common

    client.force_login(world.users["tim_sakip"])
    plain = download(client, cycle)
    attack = xlsx_attacks.blank_rows(plain, 100_000)
    events = []
    real = common.iterparse

    def counting(*args, **kwargs):
        for event in real(*args, **kwargs):
            events.append(event)
            yield event

    monkeypatch.setattr(common, "iterparse", counting)
    monkeypatch.setattr(_reader, "iterparse", counting)  # what openpyxl's own look used
    ws = load(io.BytesIO(attack), read_only=True)[worksheet.SHEET]
    assert (ws.max_row, ws.max_column) == (None, None)  # as openpyxl says: unknown
    assert len(events) < 100, len(events)  # not the 100,000 rows
    events.clear()
    ws = load(io.BytesIO(plain), read_only=True)[worksheet.SHEET]
    assert ws.max_column == len(worksheet.COLUMNS) and ws.max_row >= worksheet.FIRST_ROW  # as before
    assert len(events) < 100


def test_a_cell_in_column_xfd_stops_the_read_at_its_row(client, world, cycle, rows_read):
    client.force_login(world.users["tim_sakip"])
    padded = xlsx_attacks.blank_rows(download(client, cycle), 100)
    attack = xlsx_attacks.wide_cell(padded, worksheet.FIRST_ROW)
    response = upload(client, cycle, attack)
    assert "baris 9 berisi sel di kolom XFD" in response.context["refusal"]
    assert rows_read["rows"] < 20, rows_read


def test_trailing_blank_rows_a_person_may_leave_are_accepted(client, world, cycle):
    client.force_login(world.users["tim_sakip"])
    filled = edit(download(client, cycle), fill("Jumlah wirausaha baru", 7))
    response = upload(client, cycle, xlsx_attacks.blank_rows(filled, worksheet_import.MAX_BLANK_TAIL))
    assert response.context.get("token"), response.context.get("refusal")


# ---- row keys: their own salt, and a key rotation with SECRET_KEY_FALLBACKS keeps old files valid

OLD_KEY = "old-secret-key-" + "x" * 50
NEW_KEY = "new-secret-key-" + "y" * 50


def test_a_key_rotation_with_fallbacks_keeps_worksheets_handed_out_valid(client, world, cycle, settings):
    settings.SECRET_KEY = OLD_KEY
    client.force_login(world.users["tim_sakip"])
    handed_out = edit(download(client, cycle), fill("Jumlah wirausaha baru", 12))

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]
    client.force_login(world.users["tim_sakip"])
    assert upload(client, cycle, handed_out).context.get("token")

    settings.SECRET_KEY_FALLBACKS = []
    client.force_login(world.users["tim_sakip"])
    response = upload(client, cycle, handed_out)
    assert "kunci baris tidak dikenal" in response.text
    assert not response.context.get("token")


def test_a_row_key_is_signed_for_worksheets_only():
    from django.core import signing

    key = worksheet.row_key(7, 3)
    assert worksheet.parse_key(key) == (7, 3)
    assert worksheet.parse_key(signing.Signer().sign("7:3")) is None  # the same text, another salt
    assert worksheet.parse_key(signing.Signer(salt="other").sign("7:3")) is None
    assert worksheet.parse_key(key.replace(":3:", ":4:")) is None


def test_a_quote_or_newline_in_the_opd_name_never_reaches_the_download_header(client, world):
    from kinerja.models import OPD

    OPD.objects.filter(pk=world.opd.pk).update(short_name='Dinas "Kerja"\nX-Injected: 1')
    client.force_login(world.users["tim_sakip"])
    response = client.get(reverse("kinerja:opd_recap_xlsx", args=[world.opd.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="rekap-dinas-kerja')
    assert "\n" not in response["Content-Disposition"]
