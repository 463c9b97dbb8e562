"""The capaian engine: DOMAIN.md section 5 examples, every edge case, and properties."""

from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja.capaian import (
    PERIODS,
    PERMENDAGRI_86_SCALE,
    Band,
    Indicator,
    InvalidScale,
    Settings,
    aggregate_realisasi,
    aggregate_target,
    compute_capaian,
    compute_period,
    predikat,
    validate_scale,
)


def cap(target, realisasi, polarity="positif", **kw):
    """The capaian percent the engine computes (None when it cannot be computed)."""
    return compute_capaian(
        target=None if target is None else D(str(target)),
        realisasi=None if realisasi is None else D(str(realisasi)),
        polarity=polarity,
        **kw,
    ).value


# ---- DOMAIN.md examples, exactly


def test_positif_example():
    assert cap(30, 21) == D(70)


def test_negatif_selisih_examples():
    assert cap(7, "6.5", "negatif") == D("7.5") / D(7) * 100
    assert round(cap(7, "6.5", "negatif"), 2) == D("107.14")
    assert cap(8, 9, "negatif") == D("87.5")


def test_negatif_rasio_variant():
    assert cap(8, 10, "negatif", negative_formula="rasio") == D(80)
    assert cap(7, "6.5", "negatif", negative_formula="rasio") == D(7) / D("6.5") * 100


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
    assert cap(None, realisasi, "rentang", band_lower=D(95), band_upper=D(105)) == expected


# ---- edge cases, each with a defined answer and a reason


def test_no_realisasi_yet_is_empty_not_zero():
    result = compute_capaian(target=D(10), realisasi=None, polarity="positif")
    assert result.value is None
    assert result.reason == "belum diisi"


def test_target_zero_positif_cannot_be_computed():
    result = compute_capaian(target=D(0), realisasi=D(5), polarity="positif")
    assert result.value is None
    assert result.reason == "target 0: capaian tidak dapat dihitung"


@pytest.mark.parametrize(("realisasi", "expected"), [(0, D(100)), (1, D(0)), ("0.5", D(0))])
def test_target_zero_negatif(realisasi, expected):
    result = compute_capaian(target=D(0), realisasi=D(str(realisasi)), polarity="negatif")
    assert result.value == expected
    assert "target 0" in result.reason


def test_realisasi_zero_with_rasio_is_capped_and_says_so():
    result = compute_capaian(target=D(5), realisasi=D(0), polarity="negatif", negative_formula="rasio")
    assert result.value == D(200)
    assert "tidak terdefinisi" in result.reason


def test_negatif_selisih_is_floored_at_zero():
    result = compute_capaian(target=D(4), realisasi=D(12), polarity="negatif")
    assert result.value == 0
    assert "dibatasi 0%" in result.reason


def test_missing_target_says_so():
    result = compute_capaian(target=None, realisasi=D(5), polarity="positif")
    assert result.value is None
    assert result.reason == "target belum ditetapkan"


def test_rentang_without_bounds_cannot_be_computed():
    result = compute_capaian(target=D(1), realisasi=D(5), polarity="rentang")
    assert result.value is None
    assert "batas rentang" in result.reason


def test_above_100_is_kept_unless_the_pemda_caps_it():
    assert cap(10, 15) == D(150)
    result = compute_capaian(target=D(10), realisasi=D(15), polarity="positif", capaian_cap=D(120))
    assert result.value == D(120)
    assert "dibatasi 120%" in result.reason


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
    predikat_scale = validate_scale([Band(D(0), D(60), "Kurang", "#f00"), Band(D(60), None, "Baik", "#0f0")])
    assert predikat(D(59), predikat_scale) == "Kurang"
    assert predikat(D(60), predikat_scale) == "Baik"


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
    with pytest.raises(InvalidScale, match=message):
        validate_scale(bands)


def test_the_default_scale_is_valid():
    assert validate_scale(PERMENDAGRI_86_SCALE) == list(PERMENDAGRI_86_SCALE)


# ---- aggregation


def test_kumulatif_sums_the_quarters():
    result = aggregate_realisasi({1: D(52), 2: D(61), 3: D(40)}, 2, "kumulatif")
    assert result.value == D(113)
    assert result.used == (1, 2)


def test_kumulatif_with_a_missing_quarter_says_so():
    result = aggregate_realisasi({1: D(52), 3: D(40)}, 3, "kumulatif")
    assert result.value == D(92)
    assert result.missing == (2,)
    assert "TW II belum diisi" in result.note


def test_nilai_akhir_uses_the_latest_reported_quarter_and_says_which():
    result = aggregate_realisasi({1: D("4.12"), 2: D("3.98")}, 3, "nilai_akhir")
    assert result.value == D("3.98")
    assert result.note == "memakai nilai TW II (TW III belum diisi)"


def test_rata_rata_averages_the_reported_quarters():
    result = aggregate_realisasi({1: D(80), 2: None, 3: D(90)}, 3, "rata_rata")
    assert result.value == D(85)
    assert "TW II belum diisi" in result.note


def test_nothing_reported_is_empty():
    assert aggregate_realisasi({}, 4, "kumulatif").value is None


def test_target_to_date():
    targets = {1: D(48), 2: D(60), 3: D(60), 4: D(72)}
    assert aggregate_target(targets, 2, "kumulatif").value == D(108)
    assert aggregate_target(targets, 2, "nilai_akhir").value == D(60)
    assert aggregate_target(targets, 3, "rata_rata").value == D(60)


def test_missing_quarter_target_falls_back_to_the_annual_one_and_says_so():
    result = aggregate_target({1: D(10)}, 2, "nilai_akhir", annual_target=D(45))
    assert result.value == D(45)
    assert "memakai target tahunan" in result.note
    missing = aggregate_target({1: D(10)}, 2, "kumulatif")
    assert missing.value is None
    assert "TW II belum ada target" in missing.note


def test_a_period_result_with_trend_and_explanation():
    indicator = Indicator("positif", "kumulatif")
    result = compute_period(
        indicator,
        quarterly_targets={1: D(48), 2: D(60), 3: D(60), 4: D(72)},
        annual_target=D(240),
        quarterly_realisasi={1: D(52), 2: D(61)},
        period=PERIODS["tw2"],
    )
    assert result.target.value == D(108)
    assert result.realisasi.value == D(113)
    assert result.capaian.value == D(113) / D(108) * 100
    assert result.predikat.label == "Sangat Tinggi"
    assert result.trend == (D(52) / D(48) * 100, D(113) / D(108) * 100)
    text = result.explanation(indicator)
    assert "kumulatif" in text and "T = 108" in text and "R = 113" in text and "R / T × 100" in text


def test_the_annual_period_compares_with_the_annual_target():
    result = compute_period(
        Indicator("negatif", "nilai_akhir"),
        quarterly_targets={4: D("4.10")},
        annual_target=D("4.05"),
        quarterly_realisasi={4: D("4.05")},
        period=PERIODS["tahun"],
        settings=Settings(negative_formula="rasio"),
    )
    assert result.capaian.value == D(100)


# ---- properties

positive = st.decimals(min_value=D("0.01"), max_value=D(10**6), places=2, allow_nan=False)
nonneg = st.decimals(min_value=D(0), max_value=D(10**6), places=2, allow_nan=False)


@given(target=positive, r1=nonneg, r2=nonneg)
def test_positif_is_monotonic_increasing_in_r(target, r1, r2):
    assume(r1 <= r2)
    assert cap(target, r1) <= cap(target, r2)


@given(target=positive, r1=nonneg, r2=nonneg, formula=st.sampled_from(["selisih", "rasio"]))
def test_negatif_is_monotonic_decreasing_in_r(target, r1, r2, formula):
    assume(r1 <= r2)
    assert cap(target, r1, "negatif", negative_formula=formula) >= cap(
        target, r2, "negatif", negative_formula=formula
    )


@given(a=positive, width=nonneg, r1=nonneg, r2=nonneg)
def test_rentang_rises_to_the_band_and_falls_after_it(a, width, r1, r2):
    b = a + width
    assume(r1 <= r2)
    c1 = cap(None, r1, "rentang", band_lower=a, band_upper=b)
    c2 = cap(None, r2, "rentang", band_lower=a, band_upper=b)
    if r2 <= b:
        assert c1 <= c2
    if r1 >= a:
        assert c1 >= c2
    assert c1 <= 100 and c2 <= 100


@given(
    target=positive,
    polarity=st.sampled_from(["positif", "negatif"]),
    formula=st.sampled_from(["selisih", "rasio"]),
)
def test_realisasi_equal_to_target_is_100(target, polarity, formula):
    assert cap(target, target, polarity, negative_formula=formula) == 100


@given(target=nonneg, realisasi=nonneg)
def test_negatif_and_rentang_never_go_below_zero(target, realisasi):
    assert cap(target, realisasi, "negatif") >= 0
    assert cap(None, realisasi, "rentang", band_lower=target, band_upper=target + 1) >= 0


@given(
    value=st.decimals(min_value=D(-1000), max_value=D(10**6), places=4, allow_nan=False),
    aggregation=st.sampled_from(["kumulatif", "nilai_akhir", "rata_rata"]),
)
def test_aggregating_one_quarter_gives_that_quarter(value, aggregation):
    assert aggregate_realisasi({1: value}, 1, aggregation).value == value
    assert aggregate_target({1: value}, 1, aggregation).value == value


def test_the_explanation_never_prints_scientific_notation():
    result = compute_period(
        Indicator("positif", "nilai_akhir"),
        quarterly_targets={1: D("60.0000")},
        annual_target=None,
        quarterly_realisasi={1: D("100.0000")},
        period=PERIODS["tw1"],
    )
    text = result.explanation(Indicator("positif", "nilai_akhir"))
    assert "T = 60, R = 100" in text
    assert "E+" not in text


def test_the_ratio_variant_is_capped_at_200_and_says_so():
    result = compute_capaian(
        target=D("0.03"), realisasi=D("0.01"), polarity="negatif", negative_formula="rasio"
    )
    assert result.value == D(200)
    assert "dibatasi 200%" in result.reason
