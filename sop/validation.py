"""Validation of an SOP revision in the exchange format (pure: dicts in, messages out)."""

import datetime
from collections import deque
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from kinerja import policy
from kinerja.models import Role, State
from kinerja.validators import validate_nip
from sop.models import Symbol, TimeUnit

ROLES = set(Role.values)  # a lane maps to one OPD role
STATES = set(State.values)
SYMBOLS = set(Symbol.values)
UNITS = set(TimeUnit.values)
LISTS = ("dasar_hukum", "kualifikasi", "keterkaitan", "peralatan", "peringatan", "pencatatan")
REQUIRED_TEXT = {
    "pemda_label": "Nama Pemda",
    "opd_label": "Nama OPD",
    "nomor": "Nomor SOP",
    "nama": "Nama SOP",
    "disahkan_jabatan": "Jabatan pengesah",
    "disahkan_nama": "Nama pengesah",
}


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


MAX_TIME = Decimal("99999")  # the column holds 7 digits, 2 of them decimals


def _time_ok(value) -> bool:
    """A standard time: finite, positive, at most MAX_TIME, two decimals at most (no NaN, Infinity, 1e400)."""
    if isinstance(value, bool):
        return False
    try:
        time = Decimal(str(value).strip())
        return time.is_finite() and 0 < time <= MAX_TIME and time == time.quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        return False


def successors(step: dict, numbers: set[int]) -> list[int]:
    symbol = step.get("symbol")
    if symbol == "selesai":
        return []
    if symbol == "keputusan":
        return [t for t in (step.get("ya"), step.get("tidak")) if t in numbers]
    following = step["number"] + 1
    return [following] if following in numbers else []


def validate_revision(data: dict) -> list[str]:
    """Every problem of an SOP revision, in Indonesian; an empty list means valid."""
    errors: list[str] = []
    if not isinstance(data, dict):
        return ["Data SOP harus berupa objek."]
    for key, label in REQUIRED_TEXT.items():
        if not str(data.get(key) or "").strip():
            errors.append(f"{label} wajib diisi.")
    for key, label in (("tanggal_pembuatan", "Tanggal pembuatan"), ("tanggal_efektif", "Tanggal efektif")):
        try:
            if _date(data.get(key)) is None:
                errors.append(f"{label} wajib diisi.")
        except (TypeError, ValueError):
            errors.append(f"{label} bukan tanggal yang sah (format TTTT-BB-HH).")
    try:
        _date(data.get("tanggal_revisi"))
    except (TypeError, ValueError):
        errors.append("Tanggal revisi bukan tanggal yang sah (format TTTT-BB-HH).")
    if data.get("disahkan_nip"):
        try:
            validate_nip(str(data["disahkan_nip"]))
        except ValidationError as exc:
            errors.append(f"NIP pengesah: {exc.messages[0]}")
    for key in LISTS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            errors.append(f"Daftar {key.replace('_', ' ')} harus berupa daftar teks.")

    lanes = data.get("lanes")
    if not isinstance(lanes, list) or not lanes:
        errors.append("SOP harus mempunyai paling sedikit satu pelaksana.")
        lanes = []
    for index, lane in enumerate(lanes, start=1):
        if not isinstance(lane, dict) or not str(lane.get("label") or "").strip():
            errors.append(f"Pelaksana ke-{index} harus mempunyai nama.")
        elif lane.get("role") not in ROLES:
            errors.append(f"Pelaksana '{lane.get('label')}' harus dipetakan ke peran yang dikenal.")

    steps = data.get("steps")
    if not isinstance(steps, list) or len(steps) < 2:
        errors.append("SOP harus mempunyai paling sedikit dua langkah (Mulai dan Selesai).")
        return errors
    if not all(isinstance(s, dict) for s in steps):
        return [*errors, "Setiap langkah harus berupa objek."]
    numbers = [s.get("number") for s in steps]
    if numbers != list(range(1, len(steps) + 1)):
        errors.append("Nomor langkah harus berurutan mulai dari 1.")
        return errors
    number_set = set(numbers)
    for s in steps:
        n = s["number"]
        if not isinstance(s.get("lane"), int) or not 0 <= s["lane"] < len(lanes):
            errors.append(f"Langkah {n}: pelaksana tidak dikenal.")
        if s.get("symbol") not in SYMBOLS:
            errors.append(f"Langkah {n}: simbol harus Mulai, Proses, Keputusan atau Selesai.")
        if s.get("state") not in STATES:
            errors.append(f"Langkah {n}: tahap siklus tidak dikenal.")
        if s.get("satuan") not in UNITS:
            errors.append(f"Langkah {n}: satuan waktu harus menit, jam atau hari.")
        if not _time_ok(s.get("waktu")):
            errors.append(f"Langkah {n}: waktu harus angka antara 0,01 dan 99.999 (paling banyak 2 desimal).")
        if s.get("symbol") == "keputusan":
            for branch, label in (("ya", "Ya"), ("tidak", "Tidak")):
                target = s.get(branch)
                if target is None:
                    errors.append(f"Langkah {n}: keputusan harus mempunyai cabang {label}.")
                elif target not in number_set:
                    errors.append(f"Langkah {n}: cabang {label} menuju langkah {target} yang tidak ada.")
                elif target == n:
                    errors.append(f"Langkah {n}: cabang {label} tidak boleh menuju dirinya sendiri.")
    starts = [s["number"] for s in steps if s.get("symbol") == "mulai"]
    ends = {s["number"] for s in steps if s.get("symbol") == "selesai"}
    if len(starts) != 1:
        errors.append("SOP harus mempunyai tepat satu langkah Mulai.")
    if not ends:
        errors.append("SOP harus mempunyai paling sedikit satu langkah Selesai.")
    if errors:
        return errors

    graph = {s["number"]: successors(s, number_set) for s in steps}
    reached = _reach(starts[0], graph)
    unreachable = sorted(number_set - reached)
    if unreachable:
        errors.append(f"Langkah {', '.join(map(str, unreachable))} tidak dapat dicapai dari Mulai.")
    reverse: dict[int, list[int]] = {n: [] for n in number_set}
    for source, targets in graph.items():
        for target in targets:
            reverse[target].append(source)
    reaching_end: set[int] = set()
    for end in ends:
        reaching_end |= _reach(end, reverse)
    stuck = sorted(number_set - reaching_end)
    if stuck:
        errors.append(f"Langkah {', '.join(map(str, stuck))} tidak dapat mencapai Selesai.")
    # Segregation of duties: no lane may take a state below its floor (kinerja.policy).
    errors.extend(
        policy.floor_violations(
            (s["number"], s["state"], lanes[s["lane"]].get("label"), lanes[s["lane"]].get("role"))
            for s in steps
        )
    )
    used = {s["lane"] for s in steps}
    for index, lane in enumerate(lanes):
        if index not in used:
            errors.append(f"Pelaksana '{lane.get('label')}' tidak dipakai oleh langkah mana pun.")
    return errors


def _reach(start: int, graph: dict[int, list[int]]) -> set[int]:
    seen, queue = {start}, deque([start])
    while queue:
        for nxt in graph.get(queue.popleft(), []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen
