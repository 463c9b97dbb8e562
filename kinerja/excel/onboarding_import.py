"""The onboarding workbook coming back: read it (bounded before it is opened), plan every create and
update with per-row errors, and apply the plan in one transaction (idempotent on a re-run)."""

import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kinerja import services
from kinerja.excel.common import (
    Problem,
    WorkbookRefused,
    bounded_rows,
    check_file,
    column_letter,
    is_blank,
    read_number,
    read_text,
)
from kinerja.excel.onboarding import MAX_BLANK_TAIL, MAX_COLUMNS, MAX_ROWS, MAX_UNPACKED, SHEETS, yes_no
from kinerja.models import (
    PARENT_LEVEL,
    Aggregation,
    Budget,
    Indicator,
    Level,
    PlanElement,
    Polarity,
    RenstraPeriod,
    Target,
    Unit,
)
from kinerja.validators import validate_nomenclature_code


@dataclass
class Plan:
    renstra: RenstraPeriod
    problems: list[Problem] = field(default_factory=list)
    elements: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    budgets: list[dict] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, kind: str, action: str) -> None:
        self.counts.setdefault(kind, {"baru": 0, "diubah": 0, "sama": 0})[action] += 1

    @property
    def has_changes(self) -> bool:
        return any(c["baru"] or c["diubah"] for c in self.counts.values())


def _sheet_rows(wb, name: str, plan: Plan):
    ws = wb[name]
    expected = SHEETS[name]
    rows = bounded_rows(
        ws,
        min_row=1,
        max_rows=MAX_ROWS,
        max_cols=MAX_COLUMNS,
        max_blank=MAX_BLANK_TAIL,
        too_many_rows=_(
            "Lembar %(s)s berisi lebih dari %(n)d baris (atau sangat banyak baris kosong di bawah tabel). "
            "Hapus baris kosong lalu unggah lagi."
        )
        % {"s": name, "n": MAX_ROWS},
    )
    first = next(rows, None)
    header = [str(v).strip() if v is not None else "" for v in (first[1] if first else ())]
    if header[: len(expected)] != expected:
        for index, title in enumerate(expected):
            got = header[index] if index < len(header) else ""
            if got != title:
                plan.problems.append(
                    Problem(
                        1,
                        f"{name}!{column_letter(index + 1)}",
                        _(
                            "judul kolom seharusnya '%(t)s'%(g)s "
                            "(jangan mengubah, menghapus atau memindah kolom)."
                        )
                        % {"t": title, "g": f", tertulis '{got}'" if got else ""},
                    )
                )
        return
    for row, values in rows:
        if is_blank(values[: len(expected)]):
            continue
        yield row, dict(zip(expected, list(values) + [None] * len(expected), strict=False))


def read_plan(renstra: RenstraPeriod, content: bytes) -> Plan:
    """Everything the workbook would do to the Renstra, and every problem; writes nothing."""
    check_file(content, max_unpacked=MAX_UNPACKED, what=_("templat onboarding"))
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise WorkbookRefused(
            _("Berkas Excel tidak dapat dibaca (rusak atau bukan templat onboarding).")
        ) from None
    missing = [name for name in SHEETS if name not in wb.sheetnames]
    if missing:
        raise WorkbookRefused(
            _("Ini bukan templat onboarding: lembar %(s)s tidak ada.") % {"s": ", ".join(missing)}
        )
    plan = Plan(renstra=renstra)
    units = {u.name.strip().lower(): u for u in Unit.objects.filter(opd=renstra.opd)}
    existing = {e.code: e for e in PlanElement.objects.filter(renstra=renstra).exclude(code="")}
    codes: dict[str, str] = {code: e.level for code, e in existing.items()}

    def unit_of(value, row, col, sheet):
        name = read_text(value)
        if not name:
            return None, True
        unit = units.get(name.lower())
        if unit is None:
            plan.problems.append(
                Problem(row, f"{sheet}!{col}", _("unit '%(u)s' tidak ada di OPD ini.") % {"u": name})
            )
            return None, False
        return unit, True

    for row, cells in _sheet_rows(wb, "Elemen", plan):
        level = read_text(cells["Tingkat"]).lower().replace(" ", "_")
        code, parent_code, name = (
            read_text(cells["Kode"]),
            read_text(cells["Kode induk"]),
            read_text(cells["Uraian"]),
        )
        where = lambda col: f"Elemen!{col}"  # noqa: E731
        if level not in Level.values:
            plan.problems.append(
                Problem(
                    row,
                    where("A"),
                    _("tingkat '%(l)s' tidak dikenal (tujuan, sasaran, program, kegiatan, sub_kegiatan).")
                    % {"l": level},
                )
            )
            continue
        if not code:
            plan.problems.append(
                Problem(row, where("B"), _("kode wajib diisi (tujuan/sasaran: nomor seperti T1, S1.1)."))
            )
            continue
        try:
            validate_nomenclature_code(level, code)
        except ValidationError as exc:
            plan.problems.append(Problem(row, where("B"), exc.messages[0]))
            continue
        if not name:
            plan.problems.append(Problem(row, where("D"), _("uraian wajib diisi.")))
            continue
        expected_parent = PARENT_LEVEL.get(level)
        if expected_parent is None and parent_code:
            plan.problems.append(Problem(row, where("C"), _("tujuan tidak mempunyai induk.")))
            continue
        if expected_parent is not None and codes.get(parent_code) != expected_parent:
            plan.problems.append(
                Problem(
                    row,
                    where("C"),
                    _("induk '%(p)s' harus %(l)s yang sudah ada atau tertulis di atasnya.")
                    % {"p": parent_code, "l": Level(expected_parent).label},
                )
            )
            continue
        if code in codes and existing.get(code) is None and any(e["code"] == code for e in plan.elements):
            plan.problems.append(Problem(row, where("B"), _("kode %(c)s ditulis dua kali.") % {"c": code}))
            continue
        unit, ok = unit_of(cells["Unit"], row, "E", "Elemen")
        if not ok:
            continue
        codes[code] = level
        plan.elements.append(
            {"row": row, "level": level, "code": code, "parent": parent_code, "name": name, "unit": unit}
        )

    indicator_keys: dict[tuple[str, str], bool] = {}
    for i in Indicator.objects.filter(element__renstra=renstra).select_related("element"):
        indicator_keys[(i.element.code, i.name)] = i.allow_negative
    for row, cells in _sheet_rows(wb, "Indikator", plan):
        code, name = read_text(cells["Kode elemen"]), read_text(cells["Nama indikator"], 500)
        where = lambda col: f"Indikator!{col}"  # noqa: E731
        if code not in codes:
            plan.problems.append(Problem(row, where("A"), _("kode elemen '%(c)s' tidak ada.") % {"c": code}))
            continue
        if not name or not read_text(cells["Satuan"]):
            plan.problems.append(Problem(row, where("B"), _("nama indikator dan satuan wajib diisi.")))
            continue
        polarity = read_text(cells["Polaritas"]).lower() or Polarity.POSITIF
        aggregation = (
            read_text(cells["Agregasi"]).lower().replace(" ", "_").replace("-", "_")
            or Aggregation.NILAI_AKHIR
        )
        if polarity not in Polarity.values:
            plan.problems.append(
                Problem(row, where("D"), _("polaritas harus positif, negatif atau rentang."))
            )
            continue
        if aggregation not in Aggregation.values:
            plan.problems.append(
                Problem(row, where("G"), _("agregasi harus kumulatif, nilai_akhir atau rata_rata."))
            )
            continue
        flags = {}
        bad = False
        for key, col in (("IKU", "J"), ("Wajib bukti", "K"), ("Boleh negatif", "L")):
            flags[key] = yes_no(cells[key])
            if flags[key] is None:
                plan.problems.append(Problem(row, where(col), _("isi ya atau tidak.")))
                bad = True
        if bad:
            continue
        numbers = {}
        for key, col in (("Batas bawah", "E"), ("Batas atas", "F"), ("Nilai baseline", "I")):
            numbers[key], why = read_number(cells[key], allow_negative=flags["Boleh negatif"])
            if why:
                plan.problems.append(Problem(row, where(col), why))
                bad = True
        year, why = read_number(cells["Tahun baseline"], allow_negative=False)
        if why or (year is not None and not 2000 <= year <= 2100):
            plan.problems.append(Problem(row, where("H"), why or _("tahun tidak sah.")))
            bad = True
        unit, ok = unit_of(cells["Unit"], row, "M", "Indikator")
        if bad or not ok:
            continue
        if polarity == Polarity.RENTANG and (numbers["Batas bawah"] is None or numbers["Batas atas"] is None):
            plan.problems.append(
                Problem(row, where("E"), _("polaritas rentang membutuhkan batas bawah dan atas."))
            )
            continue
        indicator_keys[(code, name)] = flags["Boleh negatif"]
        plan.indicators.append(
            {
                "row": row,
                "code": code,
                "name": name,
                "data": {
                    "satuan": read_text(cells["Satuan"], 60),
                    "polarity": polarity,
                    "band_lower": numbers["Batas bawah"] if polarity == Polarity.RENTANG else None,
                    "band_upper": numbers["Batas atas"] if polarity == Polarity.RENTANG else None,
                    "aggregation": aggregation,
                    "baseline_year": int(year) if year is not None else None,
                    "baseline_value": numbers["Nilai baseline"],
                    "is_iku": flags["IKU"],
                    "requires_evidence": flags["Wajib bukti"],
                    "allow_negative": flags["Boleh negatif"],
                    "unit": unit,
                    "definition": read_text(cells["Definisi operasional"]),
                    "formula": read_text(cells["Formula"]),
                    "data_source": read_text(cells["Sumber data"], 250),
                },
            }
        )

    for row, cells in _sheet_rows(wb, "Target", plan):
        code, name = read_text(cells["Kode elemen"]), read_text(cells["Nama indikator"], 500)
        if (code, name) not in indicator_keys:
            plan.problems.append(
                Problem(
                    row,
                    "Target!B",
                    _("indikator '%(n)s' pada elemen %(c)s tidak ada.") % {"n": name, "c": code},
                )
            )
            continue
        year, why = read_number(cells["Tahun"], allow_negative=False)
        if why or year is None or not renstra.start_year <= year <= renstra.end_year:
            plan.problems.append(
                Problem(
                    row,
                    "Target!C",
                    why
                    or _("tahun harus di dalam periode Renstra %(a)d-%(b)d.")
                    % {"a": renstra.start_year, "b": renstra.end_year},
                )
            )
            continue
        values, bad = {}, False
        for quarter, key in enumerate(("Tahunan", "TW I", "TW II", "TW III", "TW IV")):
            values[quarter], why = read_number(cells[key], allow_negative=indicator_keys[(code, name)])
            if why:
                plan.problems.append(Problem(row, f"Target!{column_letter(4 + quarter)}", why))
                bad = True
        if not bad:
            plan.targets.append({"row": row, "code": code, "name": name, "year": int(year), "values": values})

    for row, cells in _sheet_rows(wb, "Anggaran", plan):
        code = read_text(cells["Kode elemen"])
        if codes.get(code) not in (Level.PROGRAM, Level.KEGIATAN, Level.SUB_KEGIATAN):
            plan.problems.append(
                Problem(
                    row, "Anggaran!A", _("anggaran hanya untuk program, kegiatan atau sub kegiatan yang ada.")
                )
            )
            continue
        year, why1 = read_number(cells["Tahun"], allow_negative=False)
        quarter, why2 = read_number(cells["Triwulan"], allow_negative=False)
        pagu, why3 = read_number(cells["Pagu"], allow_negative=False)
        spent, why4 = read_number(cells["Realisasi"], allow_negative=False)
        why = why1 or why2 or why3 or why4
        if why or year is None or quarter not in (1, 2, 3, 4) or pagu is None:
            plan.problems.append(
                Problem(row, "Anggaran", why or _("tahun, triwulan (1-4) dan pagu wajib diisi."))
            )
            continue
        plan.budgets.append(
            {
                "row": row,
                "code": code,
                "year": int(year),
                "quarter": int(quarter),
                "pagu": pagu,
                "realisasi": spent,
            }
        )
    if not plan.problems:
        _count(plan)
    return plan


def _count(plan: Plan) -> None:
    existing = {e.code: e for e in PlanElement.objects.filter(renstra=plan.renstra).exclude(code="")}
    for e in plan.elements:
        current = existing.get(e["code"])
        if current is None:
            plan.count("Elemen", "baru")
        elif (current.name, current.unit_id, current.parent.code if current.parent else "") != (
            e["name"],
            e["unit"].pk if e["unit"] else None,
            e["parent"],
        ):
            plan.count("Elemen", "diubah")
        else:
            plan.count("Elemen", "sama")
    indicators = {
        (i.element.code, i.name): i
        for i in Indicator.objects.filter(element__renstra=plan.renstra).select_related("element")
    }
    for i in plan.indicators:
        current = indicators.get((i["code"], i["name"]))
        if current is None:
            plan.count("Indikator", "baru")
        elif any(getattr(current, k) != v for k, v in i["data"].items()):
            plan.count("Indikator", "diubah")
        else:
            plan.count("Indikator", "sama")
    targets = {
        (t.indicator_id, t.year, t.quarter): t.value
        for t in Target.objects.filter(indicator__element__renstra=plan.renstra)
    }
    for t in plan.targets:
        current = indicators.get((t["code"], t["name"]))
        for quarter, value in t["values"].items():
            held = targets.get((current.pk, t["year"], quarter)) if current else None
            if value is None and held is None:
                continue
            plan.count("Target", "sama" if held == value else ("baru" if held is None else "diubah"))
    budgets = {
        (b.element.code, b.year, b.quarter): b
        for b in Budget.objects.filter(element__renstra=plan.renstra).select_related("element")
    }
    for b in plan.budgets:
        held = budgets.get((b["code"], b["year"], b["quarter"]))
        if held is None:
            plan.count("Anggaran", "baru")
        elif (held.pagu, held.realisasi) != (b["pagu"], b["realisasi"]):
            plan.count("Anggaran", "diubah")
        else:
            plan.count("Anggaran", "sama")


@transaction.atomic
def apply(plan: Plan) -> dict[str, dict[str, int]]:
    """Write the plan through the services, all or nothing."""
    if plan.problems:
        raise WorkbookRefused(_("Berkas masih bermasalah; tidak ada yang disimpan."))
    renstra = plan.renstra
    elements = {e.code: e for e in PlanElement.objects.filter(renstra=renstra).exclude(code="")}
    for order, e in enumerate(plan.elements, start=1):
        data = {"name": e["name"], "unit": e["unit"]}
        current = elements.get(e["code"])
        if current is None:
            elements[e["code"]] = services.element_create(
                renstra=renstra,
                level=e["level"],
                parent=elements.get(e["parent"]),
                data={"code": e["code"], "order": order, **data},
            )
        elif (current.name, current.unit_id, current.parent.code if current.parent else "") != (
            e["name"],
            e["unit"].pk if e["unit"] else None,
            e["parent"],
        ):
            services.element_update(element=current, data={**data, "parent": elements.get(e["parent"])})
    indicators = {
        (i.element.code, i.name): i
        for i in Indicator.objects.filter(element__renstra=renstra).select_related("element")
    }
    for order, i in enumerate(plan.indicators, start=1):
        current = indicators.get((i["code"], i["name"]))
        if current is None:
            indicators[(i["code"], i["name"])] = services.indicator_create(
                element=elements[i["code"]], data={"name": i["name"], "order": order, **i["data"]}
            )
        elif any(getattr(current, k) != v for k, v in i["data"].items()):
            services.indicator_update(indicator=current, data=i["data"])
    for t in plan.targets:
        indicator = indicators[(t["code"], t["name"])]
        current = dict(indicator.targets.filter(year=t["year"]).values_list("quarter", "value"))
        values = {q: v for q, v in t["values"].items() if v is not None or q in current}
        if any(current.get(q) != v for q, v in values.items()):
            services.targets_set(indicator=indicator, year=t["year"], values=values)
    for b in plan.budgets:
        services.budget_set(
            element=elements[b["code"]],
            year=b["year"],
            quarter=b["quarter"],
            pagu=b["pagu"],
            realisasi=b["realisasi"],
        )
    return plan.counts
