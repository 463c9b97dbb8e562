"""Recap pages, dashboard and Pemda settings: scoping, content, filters, empty states."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja import services
from kinerja.models import Indicator, PemdaSettings, PlanElement, Target
from kinerja.views.recap import default_period
from tests.factories import MembershipFactory, OPDFactory, RenstraFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(world):
    """The world's IKU: target 240 per year, 48/60/60/72 per TW, realisasi 52 and 61."""
    services.targets_set(
        indicator=world.indicator,
        year=2026,
        values={0: Decimal(240), 1: Decimal(48), 2: Decimal(60), 3: Decimal(60), 4: Decimal(72)},
    )
    for quarter, value in ((1, 52), (2, 61)):
        services.realisasi_save(
            indicator=world.indicator,
            year=2026,
            quarter=quarter,
            user=world.users["tim_sakip"],
            data={"value": Decimal(value), "faktor_penghambat": "Cuaca ekstrem di Candipuro"},
        )
    negatif = Indicator.objects.create(
        element=world.program,
        name="Tingkat Pengangguran Terbuka",
        satuan="%",
        polarity="negatif",
        aggregation="nilai_akhir",
    )
    services.targets_set(indicator=negatif, year=2026, values={0: Decimal(7), 2: Decimal(7)})
    services.realisasi_save(
        indicator=negatif, year=2026, quarter=2, user=world.users["tim_sakip"], data={"value": Decimal("6.5")}
    )
    return world


def recap_url(world, **params):
    query = "&".join(f"{k}={v}" for k, v in {"tahun": 2026, "periode": "tw2", **params}.items())
    return reverse("kinerja:opd_recap", args=[world.opd.pk]) + "?" + query


def test_the_recap_shows_target_realisasi_capaian_and_predikat(login, filled):
    page = login(filled.users["operator"]).get(recap_url(filled))
    assert page.status_code == 200
    text = page.text
    assert "Jumlah wirausaha baru" in text
    # kumulatif s.d. TW II: target 48 + 60 = 108, realisasi 52 + 61 = 113, capaian 104,63%
    assert ">108<" in text and ">113<" in text
    assert "104,63%" in text
    # negatif: T 7, R 6,5 -> 107,14%
    assert "107,14%" in text
    assert "Sangat Tinggi" in text
    assert "Cuaca ekstrem di Candipuro" in text


def test_the_capaian_explanation_says_how_it_was_computed(login, filled):
    text = login(filled.users["operator"]).get(recap_url(filled)).text
    assert "Agregasi kumulatif (dijumlahkan); realisasi dari TW I, TW II." in text
    assert "Rumus: R / T × 100 dengan T = 108, R = 113." in text
    assert "Rumus: (2T − R) / T × 100 dengan T = 7, R = 6.5." in text


def test_an_indicator_without_realisasi_says_belum_diisi(login, world):
    text = login(world.users["operator"]).get(recap_url(world)).text
    assert "belum diisi" in text
    assert "Belum dapat dihitung" in text


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({"iku": "1"}, "Jumlah wirausaha baru", "Tingkat Pengangguran Terbuka"),
        ({"tingkat": "program"}, "Tingkat Pengangguran Terbuka", "Jumlah wirausaha baru"),
        ({"predikat": "Rendah"}, "Tidak ada indikator yang cocok", "Jumlah wirausaha baru"),
    ],
)
def test_recap_filters(login, filled, params, present, absent):
    text = login(filled.users["operator"]).get(recap_url(filled, **params)).text
    assert present in text
    assert absent not in text


def test_filter_by_unit(login, filled):
    filled.indicator.unit = filled.unit
    filled.indicator.save()
    text = login(filled.users["operator"]).get(recap_url(filled, unit=filled.unit.pk)).text
    assert "Jumlah wirausaha baru" in text
    assert "Tingkat Pengangguran Terbuka" not in text


def test_totals_per_predikat(login, filled):
    page = login(filled.users["operator"]).get(recap_url(filled))
    assert page.context["recap"].totals[0].label == "Sangat Tinggi"
    assert page.context["recap"].totals[0].count == 2


def test_bad_filter_values_do_not_crash(login, filled):
    client = login(filled.users["operator"])
    url = reverse("kinerja:opd_recap", args=[filled.opd.pk])
    for query in (
        "?tahun=abc",
        "?periode=tw9",
        "?tingkat=zzz",
        "?unit=x",
        "?tahun=9999",
        "?predikat=" + "x" * 500,
    ):
        assert client.get(url + query).status_code == 200, query


def test_recap_and_dashboard_scoping(client, login, filled):
    urls = [recap_url(filled), reverse("kinerja:opd_dashboard", args=[filled.opd.pk])]
    for url in urls:
        assert client.get(url).status_code == 302
    for role in ("other_tim_sakip", "foreign_pemantau", "foreign_admin_pemda"):
        c = login(filled.users[role])
        for url in urls:
            response = c.get(url)
            assert response.status_code == 404
            assert "wirausaha" not in response.text
    for role in ("kepala", "sekretaris", "kepala_unit", "tim_sakip", "operator", "pemantau", "admin_pemda"):
        c = login(filled.users[role])
        for url in urls:
            assert c.get(url).status_code == 200, (role, url)


def test_the_dashboard_draws_its_four_charts(login, filled):
    text = (
        login(filled.users["kepala"])
        .get(reverse("kinerja:opd_dashboard", args=[filled.opd.pk]) + "?tahun=2026&periode=tw2")
        .text
    )
    for testid in ("chart-iku", "chart-predikat", "chart-trend", "chart-efficiency"):
        assert f'data-testid="{testid}"' in text
    assert "<svg" in text and "Capaian IKU" in text
    assert "Jumlah wirausaha baru" in text


def test_the_dashboard_shows_budget_serapan_per_program(login, filled):
    kegiatan = PlanElement.objects.create(
        renstra=filled.renstra, level="kegiatan", parent=filled.program, code="2.07.04.2.01", name="K"
    )
    sub = PlanElement.objects.create(
        renstra=filled.renstra, level="sub_kegiatan", parent=kegiatan, code="2.07.04.2.01.0001", name="S"
    )
    services.budget_set(element=sub, year=2026, quarter=1, pagu=Decimal(1000), realisasi=Decimal(800))
    services.budget_set(element=sub, year=2026, quarter=2, pagu=Decimal(1000), realisasi=Decimal(900))
    page = login(filled.users["kepala"]).get(
        reverse("kinerja:opd_dashboard", args=[filled.opd.pk]) + "?tahun=2026&periode=tw2"
    )
    efficiency = {e.program.code: e for e in page.context["efficiency"]}
    assert efficiency["2.07.04"].serapan == Decimal(85)
    assert efficiency["2.07.04"].capaian == Decimal("7.5") / Decimal(7) * 100
    assert "85,00%" in page.text


def test_pemda_recap_for_pemda_roles(login, filled):
    url = reverse("kinerja:pemda_recap", args=[filled.pemda.pk]) + "?tahun=2026&periode=tw2"
    page = login(filled.users["pemantau"]).get(url)
    assert page.status_code == 200
    lines = {line.opd.name: line for line in page.context["recap"].lines}
    assert set(lines) == {"Dinas Tenaga Kerja", "Kecamatan Candipuro"}
    disnaker = lines["Dinas Tenaga Kerja"]
    assert disnaker.indicators == 2
    assert disnaker.counts["Sangat Tinggi"] == 2
    assert disnaker.filled_share == Decimal(100)
    assert disnaker.iku_average == Decimal(113) / Decimal(108) * 100
    assert reverse("kinerja:opd_recap", args=[filled.opd.pk]) in page.text
    assert "Rahasia" not in page.text


def test_pemda_recap_access(client, login, world):
    url = reverse("kinerja:pemda_recap", args=[world.pemda.pk])
    assert client.get(url).status_code == 302
    assert login(world.users["operator"]).get(url).status_code == 403
    assert login(world.users["foreign_pemantau"]).get(url).status_code == 404
    assert login(world.users["admin_pemda"]).get(url).status_code == 200


def test_pemda_settings_only_for_admin_pemda(client, login, world):
    url = reverse("kinerja:pemda_settings", args=[world.pemda.pk])
    assert client.get(url).status_code == 302
    assert login(world.users["pemantau"]).get(url).status_code == 403
    assert login(world.users["tim_sakip"]).get(url).status_code == 403
    assert login(world.users["foreign_admin_pemda"]).get(url).status_code == 404
    page = login(world.users["admin_pemda"]).get(url)
    assert page.status_code == 200
    assert not PemdaSettings.objects.exists(), "a GET must not write"


def settings_post(bands, **extra):
    data = {
        "negative_formula": "selisih",
        "capaian_cap": "",
        "skala-TOTAL_FORMS": str(len(bands)),
        "skala-INITIAL_FORMS": "0",
        "skala-MIN_NUM_FORMS": "0",
        "skala-MAX_NUM_FORMS": "10",
    }
    for i, (minimum, maximum, label) in enumerate(bands):
        data.update(
            {
                f"skala-{i}-minimum": minimum,
                f"skala-{i}-maksimum": maximum,
                f"skala-{i}-label": label,
                f"skala-{i}-warna": "#198754",
            }
        )
    data.update(extra)
    return data


def test_admin_pemda_changes_the_scale_and_the_formula(login, filled):
    client = login(filled.users["admin_pemda"])
    url = reverse("kinerja:pemda_settings", args=[filled.pemda.pk])
    response = client.post(
        url,
        settings_post(
            [("0", "60", "Kurang"), ("60", "", "Baik")], negative_formula="rasio", capaian_cap="105"
        ),
    )
    assert response.status_code == 302
    settings = PemdaSettings.objects.get(pemda=filled.pemda)
    assert settings.negative_formula == "rasio"
    assert settings.capaian_cap == Decimal(105)
    text = login(filled.users["operator"]).get(recap_url(filled)).text
    assert "Baik" in text and "Sangat Tinggi" not in text
    assert "104,63%" in text  # under the cap
    assert "105,00%" in text  # the negatif indicator: T/R = 107,69% capped at 105


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ([("0", "50", "A"), ("60", "", "B")], "celah"),
        ([("10", "", "A")], "dimulai dari 0"),
        ([("0", "70", "A"), ("60", "", "B")], "tumpang tindih"),
        ([("0", "50", "A"), ("50", "80", "B")], "terbuka ke atas"),
        ([("nol", "", "A")], "Masukkan angka yang valid"),
    ],
)
def test_a_bad_scale_is_refused_and_nothing_saved(login, world, bands, message):
    client = login(world.users["admin_pemda"])
    url = reverse("kinerja:pemda_settings", args=[world.pemda.pk])
    response = client.post(url, settings_post(bands))
    assert response.status_code == 200
    # The page's own guidance names the rules ("tanpa celah"): the refusal must add the message.
    assert response.text.count(message) > client.get(url).text.count(message)
    assert not PemdaSettings.objects.exists()


def test_a_cap_below_100_is_refused(login, world):
    client = login(world.users["admin_pemda"])
    response = client.post(
        reverse("kinerja:pemda_settings", args=[world.pemda.pk]),
        settings_post([("0", "", "Semua")], capaian_cap="80"),
    )
    assert response.status_code == 200
    assert not PemdaSettings.objects.exists()


def test_default_period_is_the_last_finished_quarter():
    import datetime

    assert default_period(datetime.date(2026, 11, 21)) == "tw3"
    assert default_period(datetime.date(2026, 4, 2)) == "tw1"
    assert default_period(datetime.date(2026, 2, 1)) == "tw1"


# ---- query counts at 10 and at 300 indicators


def plan_with(n_indicators: int):
    opd = OPDFactory()
    renstra = RenstraFactory(opd=opd)
    tujuan = PlanElement.objects.create(renstra=renstra, level="tujuan", code="T1", name="T")
    sasaran = PlanElement.objects.create(renstra=renstra, level="sasaran", parent=tujuan, code="S1", name="S")
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                element=sasaran if i % 2 else tujuan,
                name=f"Indikator {i}",
                satuan="%",
                polarity=("positif", "negatif", "rentang")[i % 3],
                band_lower=Decimal(90) if i % 3 == 2 else None,
                band_upper=Decimal(100) if i % 3 == 2 else None,
                aggregation=("kumulatif", "nilai_akhir", "rata_rata")[i % 3],
                is_iku=i % 5 == 0,
            )
            for i in range(n_indicators)
        ]
    )
    Target.objects.bulk_create(
        [
            Target(indicator=ind, year=2026, quarter=q, value=Decimal(50))
            for ind in indicators
            for q in range(5)
        ]
    )
    membership = MembershipFactory(opd=opd, role="operator")
    return opd, membership.user


def queries_for(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("view", ["kinerja:opd_recap", "kinerja:opd_dashboard"])
def test_recap_query_count_is_the_same_at_10_and_300_indicators(client, view):
    counts = []
    for n in (10, 300):
        opd, user = plan_with(n)
        client.force_login(user)
        counts.append(queries_for(client, reverse(view, args=[opd.pk]) + "?tahun=2026&periode=tw2"))
    assert counts[0] == counts[1] <= 16


def test_pemda_recap_query_count_is_the_same_at_10_and_300_indicators(client, world):
    from tests.factories import PemdaMembershipFactory

    counts = []
    for n in (10, 300):
        opd, _user = plan_with(n)
        pemantau = PemdaMembershipFactory(pemda=opd.pemda, role="pemantau")
        client.force_login(pemantau.user)
        counts.append(queries_for(client, reverse("kinerja:pemda_recap", args=[opd.pemda.pk])))
    assert counts[0] == counts[1] <= 13  # 13: the user's roles include running Plt./Plh. delegations


def test_a_nilai_akhir_missing_this_quarter_shows_which_quarter_it_used(login, filled):
    text = login(filled.users["operator"]).get(recap_url(filled, periode="tw3")).text
    assert "memakai nilai TW II (TW III belum diisi)" in text
    assert "TW III belum diisi, tidak dijumlahkan" in text


def test_recap_exports_to_excel_with_colours_and_parameters(login, filled):
    import io

    from openpyxl import load_workbook

    client = login(filled.users["operator"])
    response = client.get(reverse("kinerja:opd_recap_xlsx", args=[filled.opd.pk]) + "?tahun=2026&periode=tw2")
    assert response["Content-Disposition"].startswith("attachment")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Rekap", "Ringkasan", "Parameter"]
    ws = wb["Rekap"]
    rows = list(ws.iter_rows(min_row=6, values_only=True))
    by_name = {r[3]: r for r in rows}
    assert round(by_name["Jumlah wirausaha baru"][10], 2) == 104.63
    assert by_name["Jumlah wirausaha baru"][11] == "Sangat Tinggi"
    colour = ws.cell(row=6 + [r[3] for r in rows].index("Jumlah wirausaha baru"), column=12).fill.fgColor.rgb
    assert colour.endswith("198754")
    params = {r[0]: r[1] for r in wb["Parameter"].iter_rows(values_only=True) if r and r[0]}
    assert params["Rumus negatif"].startswith("(2T − R) / T")
    assert params["Sangat Tinggi"].startswith("≥ 91")


def test_pemda_recap_exports_and_keeps_its_scope(login, filled):
    import io

    from openpyxl import load_workbook

    url = reverse("kinerja:pemda_recap_xlsx", args=[filled.pemda.pk])
    assert login(filled.users["operator"]).get(url).status_code == 403
    assert login(filled.users["foreign_pemantau"]).get(url).status_code == 404
    wb = load_workbook(
        io.BytesIO(login(filled.users["pemantau"]).get(url + "?periode=tw2&tahun=2026").content)
    )
    names = [r[0] for r in wb["Rekap Pemda"].iter_rows(min_row=5, values_only=True)]
    assert names == ["Dinas Tenaga Kerja", "Kecamatan Candipuro"]


def test_exported_text_never_runs_as_a_formula(login, filled):
    import io

    from openpyxl import load_workbook

    filled.indicator.name = "=cmd|' /C calc'!A0"
    filled.indicator.save()
    ws = load_workbook(
        io.BytesIO(
            login(filled.users["operator"])
            .get(reverse("kinerja:opd_recap_xlsx", args=[filled.opd.pk]) + "?tahun=2026&periode=tw2")
            .content
        )
    )["Rekap"]
    cells = [c for row in ws.iter_rows(min_row=6) for c in row if c.value == "=cmd|' /C calc'!A0"]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_a_forged_band_count_is_refused_without_building_a_thousand_forms(login, world):
    client = login(world.users["admin_pemda"])
    post = {
        "negative_formula": "rasio",
        "capaian_cap": "200",
        "skala-TOTAL_FORMS": str(10**20),
        "skala-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("kinerja:pemda_settings", args=[world.pemda.pk]), post)
    assert response.status_code == 200
    assert response.text.count('name="skala-') < 12 * 6  # 11 band rows at most, ~6 fields each
    assert response.text.count("paling banyak 10 formulir") == 1  # said once, not just dropped
    assert not PemdaSettings.objects.filter(pemda=world.pemda).exists()
