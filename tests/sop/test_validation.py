"""Validation rules of an SOP revision, each with its Indonesian message."""

import copy

import pytest

from sop.seeds import SEED_SOPS
from sop.validation import validate_revision


def base():
    return copy.deepcopy(SEED_SOPS[0]["revision"])  # Disnaker Lumajang, 9 steps, one decision


@pytest.mark.parametrize(
    "data", [copy.deepcopy(s["revision"]) for s in SEED_SOPS], ids=[s["slug"] for s in SEED_SOPS]
)
def test_the_five_seed_sops_are_valid(data):
    assert validate_revision(data) == []


def test_the_seed_step_counts_match_the_documents():
    assert [len(s["revision"]["steps"]) for s in SEED_SOPS] == [9, 5, 6, 9, 10]


def change(mutator):
    data = base()
    mutator(data)
    return validate_revision(data)


def test_exactly_one_start():
    assert "SOP harus mempunyai tepat satu langkah Mulai." in change(
        lambda d: d["steps"][1].update(symbol="mulai")
    )
    assert "SOP harus mempunyai tepat satu langkah Mulai." in change(
        lambda d: d["steps"][0].update(symbol="proses")
    )


def test_at_least_one_end():
    assert "SOP harus mempunyai paling sedikit satu langkah Selesai." in change(
        lambda d: d["steps"][-1].update(symbol="proses")
    )


def test_a_decision_needs_both_branches():
    errors = change(lambda d: d["steps"][6].update(tidak=None))
    assert "Langkah 7: keputusan harus mempunyai cabang Tidak." in errors
    errors = change(lambda d: d["steps"][6].update(ya=42))
    assert "Langkah 7: cabang Ya menuju langkah 42 yang tidak ada." in errors


def test_every_step_reachable_from_the_start():
    def cut(d):
        d["steps"][2]["symbol"] = "selesai"  # the flow now ends at step 3

    errors = change(cut)
    assert any("tidak dapat dicapai dari Mulai" in e for e in errors)


def test_every_step_can_reach_an_end():
    def loop(d):
        d["steps"][6].update(ya=5, tidak=6)  # 5 -> 6 -> 7 -> (5 | 6): never reaches 8

    errors = change(loop)
    assert any("tidak dapat mencapai Selesai" in e for e in errors)


def test_every_lane_used():
    errors = change(lambda d: d["lanes"].append({"label": "Bendahara", "role": "operator"}))
    assert "Pelaksana 'Bendahara' tidak dipakai oleh langkah mana pun." in errors


@pytest.mark.parametrize("waktu", [0, -5, "lama"])
def test_times_must_be_positive_numbers(waktu):
    errors = change(lambda d: d["steps"][3].update(waktu=waktu))
    assert any(e.startswith("Langkah 4: waktu") for e in errors)


def test_identity_and_unknown_values():
    errors = change(lambda d: d.update(nomor="", tanggal_efektif="kemarin", disahkan_nip="123"))
    assert "Nomor SOP wajib diisi." in errors
    assert any("Tanggal efektif bukan tanggal" in e for e in errors)
    assert any(e.startswith("NIP pengesah") for e in errors)
    errors = change(lambda d: d["steps"][0].update(state="selesai_semua", satuan="minggu", lane=9))
    assert "Langkah 1: tahap siklus tidak dikenal." in errors
    assert "Langkah 1: satuan waktu harus menit, jam atau hari." in errors
    assert "Langkah 1: pelaksana tidak dikenal." in errors


def test_non_objects_are_refused_without_crashing():
    assert validate_revision([]) == ["Data SOP harus berupa objek."]
    assert validate_revision({"steps": "x", "lanes": "y"})
