"""The capaian engine: DOMAIN.md section 5 examples, every edge case, and properties."""

from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja.capaian import (
    PERIODE,
    SKALA_PERMENDAGRI_86,
    Band,
    Indikator,
    Pengaturan,
    SkalaTidakSah,
    agregasi_realisasi,
    agregasi_target,
    evaluasi_capaian,
    hitung_capaian,
    hitung_periode,
    predikat,
    validasi_skala,
)


def cap(target, realisasi, polaritas="positif", **kw):
    return hitung_capaian(
        target=None if target is None else D(str(target)),
        realisasi=None if realisasi is None else D(str(realisasi)),
        polaritas=polaritas,
        **kw,
    )


# ---- DOMAIN.md examples, exactly


def test_positif_example():
    assert cap(30, 21) == D(70)


def test_negatif_selisih_examples():
    assert cap(7, "6.5", "negatif") == D("7.5") / D(7) * 100
    assert round(cap(7, "6.5", "negatif"), 2) == D("107.14")
    assert cap(8, 9, "negatif") == D("87.5")


def test_negatif_rasio_variant():
    assert cap(8, 10, "negatif", rumus_negatif="rasio") == D(80)
    assert cap(7, "6.5", "negatif", rumus_negatif="rasio") == D(7) / D("6.5") * 100


@pytest.mark.parametrize(
    ("realisasi", "expected"),
    [
        ("95", D(100)),
        ("100", D(100)),
        ("105", D(100)),
        ("90", D(90) / D(95) * 100),
        ("110", D(2 * 105 - 110) / D(105) * 100),
        ("300", D(0)),
    ],
)
def test_rentang(realisasi, expected):
    assert cap(None, realisasi, "rentang", batas_bawah=D(95), batas_atas=D(105)) == expected


# ---- edge cases, each with a defined answer and a reason


def test_no_realisasi_yet_is_empty_not_zero():
    hasil = evaluasi_capaian(target=D(10), realisasi=None, polaritas="positif")
    assert hasil.nilai is None
    assert hasil.alasan == "belum diisi"


def test_target_zero_positif_cannot_be_computed():
    hasil = evaluasi_capaian(target=D(0), realisasi=D(5), polaritas="positif")
    assert hasil.nilai is None
    assert hasil.alasan == "target 0: capaian tidak dapat dihitung"


@pytest.mark.parametrize(("realisasi", "expected"), [(0, D(100)), (1, D(0)), ("0.5", D(0))])
def test_target_zero_negatif(realisasi, expected):
    hasil = evaluasi_capaian(target=D(0), realisasi=D(str(realisasi)), polaritas="negatif")
    assert hasil.nilai == expected
    assert "target 0" in hasil.alasan


def test_realisasi_zero_with_rasio_is_capped_and_says_so():
    hasil = evaluasi_capaian(target=D(5), realisasi=D(0), polaritas="negatif", rumus_negatif="rasio")
    assert hasil.nilai == D(200)
    assert "tidak terdefinisi" in hasil.alasan


def test_negatif_selisih_is_floored_at_zero():
    hasil = evaluasi_capaian(target=D(4), realisasi=D(12), polaritas="negatif")
    assert hasil.nilai == 0
    assert "dibatasi 0%" in hasil.alasan


def test_missing_target_says_so():
    hasil = evaluasi_capaian(target=None, realisasi=D(5), polaritas="positif")
    assert hasil.nilai is None
    assert hasil.alasan == "target belum ditetapkan"


def test_rentang_without_bounds_cannot_be_computed():
    hasil = evaluasi_capaian(target=D(1), realisasi=D(5), polaritas="rentang")
    assert hasil.nilai is None
    assert "batas rentang" in hasil.alasan


def test_above_100_is_kept_unless_the_pemda_caps_it():
    assert cap(10, 15) == D(150)
    hasil = evaluasi_capaian(target=D(10), realisasi=D(15), polaritas="positif", batas_maksimum=D(120))
    assert hasil.nilai == D(120)
    assert "dibatasi 120%" in hasil.alasan


def test_a_negative_growth_gives_a_negative_capaian_for_positif():
    # Pertumbuhan investasi -2,5% against a target of 2%: kept as computed, predikat lowest.
    assert cap(2, "-2.5") == D("-125")
    assert predikat(D("-125")) == "Sangat Rendah"


def test_unknown_polarity_is_a_programming_error():
    with pytest.raises(ValueError):
        cap(1, 1, "naik")


# ---- predikat


@pytest.mark.parametrize(
    ("capaian", "label"),
    [
        (D(100), "Sangat Tinggi"),
        (D(91), "Sangat Tinggi"),
        (D("90.99"), "Tinggi"),
        (D(76), "Tinggi"),
        (D("75.999"), "Sedang"),
        (D(66), "Sedang"),
        (D(51), "Rendah"),
        (D("50.9"), "Sangat Rendah"),
        (D(0), "Sangat Rendah"),
        (D(250), "Sangat Tinggi"),
        (None, None),
    ],
)
def test_default_predikat_scale(capaian, label):
    assert predikat(capaian) == label


def test_another_pemda_scale():
    skala = validasi_skala([Band(D(0), D(60), "Kurang", "#f00"), Band(D(60), None, "Baik", "#0f0")])
    assert predikat(D(59), skala) == "Kurang"
    assert predikat(D(60), skala) == "Baik"


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ([], "paling sedikit"),
        ([Band(D(10), None, "A", "")], "dimulai dari 0"),
        ([Band(D(0), D(50), "A", ""), Band(D(60), None, "B", "")], "celah"),
        ([Band(D(0), D(70), "A", ""), Band(D(60), None, "B", "")], "tumpang tindih"),
        ([Band(D(0), D(50), "A", ""), Band(D(50), D(80), "B", "")], "terbuka ke atas"),
        ([Band(D(0), D(50), "A", ""), Band(D(50), None, "A", "")], "kembar"),
        ([Band(D(0), None, "A", ""), Band(D(50), None, "B", "")], "bukan yang terakhir"),
    ],
)
def test_a_scale_must_cover_zero_to_infinity_once(bands, message):
    with pytest.raises(SkalaTidakSah, match=message):
        validasi_skala(bands)


def test_the_default_scale_is_valid():
    assert validasi_skala(SKALA_PERMENDAGRI_86) == list(SKALA_PERMENDAGRI_86)


# ---- aggregation


def test_kumulatif_sums_the_quarters():
    result = agregasi_realisasi({1: D(52), 2: D(61), 3: D(40)}, 2, "kumulatif")
    assert result.nilai == D(113)
    assert result.dipakai == (1, 2)


def test_kumulatif_with_a_missing_quarter_says_so():
    result = agregasi_realisasi({1: D(52), 3: D(40)}, 3, "kumulatif")
    assert result.nilai == D(92)
    assert result.kosong == (2,)
    assert "TW II belum diisi" in result.catatan


def test_nilai_akhir_uses_the_latest_reported_quarter_and_says_which():
    result = agregasi_realisasi({1: D("4.12"), 2: D("3.98")}, 3, "nilai_akhir")
    assert result.nilai == D("3.98")
    assert result.catatan == "memakai nilai TW II (TW III belum diisi)"


def test_rata_rata_averages_the_reported_quarters():
    result = agregasi_realisasi({1: D(80), 2: None, 3: D(90)}, 3, "rata_rata")
    assert result.nilai == D(85)
    assert "TW II belum diisi" in result.catatan


def test_nothing_reported_is_empty():
    assert agregasi_realisasi({}, 4, "kumulatif").nilai is None


def test_target_to_date():
    targets = {1: D(48), 2: D(60), 3: D(60), 4: D(72)}
    assert agregasi_target(targets, 2, "kumulatif").nilai == D(108)
    assert agregasi_target(targets, 2, "nilai_akhir").nilai == D(60)
    assert agregasi_target(targets, 3, "rata_rata").nilai == D(60)


def test_missing_quarter_target_falls_back_to_the_annual_one_and_says_so():
    result = agregasi_target({1: D(10)}, 2, "nilai_akhir", target_tahunan=D(45))
    assert result.nilai == D(45)
    assert "memakai target tahunan" in result.catatan
    missing = agregasi_target({1: D(10)}, 2, "kumulatif")
    assert missing.nilai is None
    assert "TW II belum ada target" in missing.catatan


def test_a_period_result_with_trend_and_explanation():
    indikator = Indikator("positif", "kumulatif")
    hasil = hitung_periode(
        indikator,
        target_tw={1: D(48), 2: D(60), 3: D(60), 4: D(72)},
        target_tahunan=D(240),
        realisasi_tw={1: D(52), 2: D(61)},
        periode=PERIODE["tw2"],
    )
    assert hasil.target.nilai == D(108)
    assert hasil.realisasi.nilai == D(113)
    assert hasil.capaian.nilai == D(113) / D(108) * 100
    assert hasil.predikat.label == "Sangat Tinggi"
    assert hasil.tren == (D(52) / D(48) * 100, D(113) / D(108) * 100)
    text = hasil.penjelasan(indikator)
    assert "kumulatif" in text and "T = 108" in text and "R = 113" in text and "R / T × 100" in text


def test_the_annual_period_compares_with_the_annual_target():
    hasil = hitung_periode(
        Indikator("negatif", "nilai_akhir"),
        target_tw={4: D("4.10")},
        target_tahunan=D("4.05"),
        realisasi_tw={4: D("4.05")},
        periode=PERIODE["tahun"],
        pengaturan=Pengaturan(rumus_negatif="rasio"),
    )
    assert hasil.capaian.nilai == D(100)


# ---- properties

positive = st.decimals(min_value=D("0.01"), max_value=D(10**6), places=2, allow_nan=False)
nonneg = st.decimals(min_value=D(0), max_value=D(10**6), places=2, allow_nan=False)


@given(target=positive, r1=nonneg, r2=nonneg)
def test_positif_is_monotonic_increasing_in_r(target, r1, r2):
    assume(r1 <= r2)
    assert cap(target, r1) <= cap(target, r2)


@given(target=positive, r1=nonneg, r2=nonneg, rumus=st.sampled_from(["selisih", "rasio"]))
def test_negatif_is_monotonic_decreasing_in_r(target, r1, r2, rumus):
    assume(r1 <= r2)
    assert cap(target, r1, "negatif", rumus_negatif=rumus) >= cap(target, r2, "negatif", rumus_negatif=rumus)


@given(a=positive, width=nonneg, r1=nonneg, r2=nonneg)
def test_rentang_rises_to_the_band_and_falls_after_it(a, width, r1, r2):
    b = a + width
    assume(r1 <= r2)
    c1 = cap(None, r1, "rentang", batas_bawah=a, batas_atas=b)
    c2 = cap(None, r2, "rentang", batas_bawah=a, batas_atas=b)
    if r2 <= b:
        assert c1 <= c2
    if r1 >= a:
        assert c1 >= c2
    assert c1 <= 100 and c2 <= 100


@given(
    target=positive,
    polaritas=st.sampled_from(["positif", "negatif"]),
    rumus=st.sampled_from(["selisih", "rasio"]),
)
def test_realisasi_equal_to_target_is_100(target, polaritas, rumus):
    assert cap(target, target, polaritas, rumus_negatif=rumus) == 100


@given(target=nonneg, realisasi=nonneg)
def test_negatif_and_rentang_never_go_below_zero(target, realisasi):
    assert cap(target, realisasi, "negatif") >= 0
    assert cap(None, realisasi, "rentang", batas_bawah=target, batas_atas=target + 1) >= 0


@given(
    value=st.decimals(min_value=D(-1000), max_value=D(10**6), places=4, allow_nan=False),
    aturan=st.sampled_from(["kumulatif", "nilai_akhir", "rata_rata"]),
)
def test_aggregating_one_quarter_gives_that_quarter(value, aturan):
    assert agregasi_realisasi({1: value}, 1, aturan).nilai == value
    assert agregasi_target({1: value}, 1, aturan).nilai == value


def test_the_explanation_never_prints_scientific_notation():
    hasil = hitung_periode(
        Indikator("positif", "nilai_akhir"),
        target_tw={1: D("60.0000")},
        target_tahunan=None,
        realisasi_tw={1: D("100.0000")},
        periode=PERIODE["tw1"],
    )
    text = hasil.penjelasan(Indikator("positif", "nilai_akhir"))
    assert "T = 60, R = 100" in text
    assert "E+" not in text


def test_the_ratio_variant_is_capped_at_200_and_says_so():
    hasil = evaluasi_capaian(
        target=D("0.03"), realisasi=D("0.01"), polaritas="negatif", rumus_negatif="rasio"
    )
    assert hasil.nilai == D(200)
    assert "dibatasi 200%" in hasil.alasan
