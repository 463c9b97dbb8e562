"""Arbitrary input to every form and htmx endpoint: never a server error, never a partial write."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.cycle import services as cycle_services
from tests.db_state import database_state
from tests.kinerja.cycle_helpers import new_cycle

pytestmark = pytest.mark.django_db

NASTY = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1e999",
            "NaN",
            "12,5",
            "1.234,56",
            "9" * 40,
            "<script>alert(1)</script>",
            "=cmd|' /C calc'!A0",
            "../../etc/passwd",
            "\x00",
            "ñ 数据 🙂",
            "true",
            "2026-13-45",
        ]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def fields(*names):
    return st.fixed_dictionaries(dict.fromkeys(names, NASTY))


FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check(client, url, data, *, htmx=False):
    before = database_state()
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(url, data, **headers)  # the test client re-raises any server error
    assert response.status_code < 500
    if (
        response.status_code not in (302,)
        and response.status_code != 200
        or (response.status_code == 200 and not htmx)
    ):
        # A re-shown form (or a refusal) means nothing was written.
        assert database_state() == before, (url, data)
    return response


@FUZZ
@given(
    data=fields(
        "code",
        "name",
        "satuan",
        "polarity",
        "aggregation",
        "frequency",
        "band_lower",
        "band_upper",
        "baseline_year",
        "baseline_value",
        "order",
        "unit",
    )
)
def test_indicator_form(client, world, data):
    client.force_login(world.users["tim_sakip"])
    check(client, reverse("kinerja:indicator_edit", args=[world.indicator.pk]), data)


@FUZZ
@given(data=fields("code", "name", "order", "unit"))
def test_element_form(client, world, data):
    client.force_login(world.users["tim_sakip"])
    check(
        client,
        reverse("kinerja:element_create", args=[world.renstra.pk]) + f"?induk={world.program.pk}",
        data,
    )


@FUZZ
@given(data=fields("q0", "q1", "q2", "q3", "q4"))
def test_targets_form(client, world, data):
    client.force_login(world.users["tim_sakip"])
    check(client, reverse("kinerja:targets_edit", args=[world.indicator.pk, 2026]), data)


@FUZZ
@given(data=fields("name", "start_year", "end_year"))
def test_renstra_form(client, world, data):
    client.force_login(world.users["admin_pemda"])
    check(client, reverse("kinerja:renstra_create", args=[world.opd.pk]), data)


@FUZZ
@given(
    data=fields("value", "unmeasured_reason", "faktor_pendukung", "faktor_penghambat", "solusi", "version")
)
def test_grid_row_htmx(client, world, data):
    cycle = getattr(test_grid_row_htmx, "_cycle", None)
    if cycle is None or not cycle.__class__.objects.filter(pk=cycle.pk).exists():
        cycle = new_cycle(world)
        cycle_services.cycle_dispose(
            cycle_id=cycle.pk, user=world.users["kepala"], instruction="x", due_date=None
        )
        cycle_services.cycle_assign(
            cycle_id=cycle.pk,
            user=world.users["sekretaris"],
            team=[world.users["tim_sakip"]],
            note="",
            pics={},
        )
        cycle_services.cycle_mulai_pengumpulan(cycle_id=cycle.pk, user=world.users["sekretaris"])
        test_grid_row_htmx._cycle = cycle
    item = cycle.items.get()
    client.force_login(world.users["tim_sakip"])
    prefixed = {f"r{item.pk}-{k}": v for k, v in data.items()}
    before = database_state()
    response = client.post(
        reverse("kinerja:item_save", args=[cycle.pk, item.pk]), prefixed, HTTP_HX_REQUEST="true"
    )
    assert response.status_code in (200, 403, 409, 422)
    if response.status_code != 200:
        assert database_state() == before


@FUZZ
@given(data=fields("instruction", "due_date"))
def test_disposition_form(client, world, data):
    cycle = new_cycle(world, "tw4") if not hasattr(test_disposition_form, "_c") else test_disposition_form._c
    test_disposition_form._c = cycle
    client.force_login(world.users["kepala"])
    response = client.post(reverse("kinerja:cycle_dispose", args=[cycle.pk]), data)
    assert response.status_code == 302


@pytest.mark.slow  # hypothesis cases, each re-showing the settings form
@FUZZ
@given(
    data=fields(
        "negative_formula",
        "capaian_cap",
        "skala-TOTAL_FORMS",
        "skala-INITIAL_FORMS",
        "skala-0-minimum",
        "skala-0-maksimum",
        "skala-0-label",
        "skala-0-warna",
    )
)
def test_pemda_settings_form(client, world, data):
    client.force_login(world.users["admin_pemda"])
    check(client, reverse("kinerja:pemda_settings", args=[world.pemda.pk]), data)


@pytest.mark.slow  # hypothesis cases, each rendering the SOP diagram and the editor
@FUZZ
@given(
    data=fields(
        "nama",
        "nomor",
        "tanggal_pembuatan",
        "tanggal_efektif",
        "lane-TOTAL_FORMS",
        "lane-INITIAL_FORMS",
        "lane-0-label",
        "lane-0-role",
        "step-TOTAL_FORMS",
        "step-INITIAL_FORMS",
        "step-0-lane",
        "step-0-waktu",
        "step-0-symbol",
        "step-0-ya",
        "step-0-ORDER",
    )
)
def test_sop_preview_and_create(client, world, data):
    client.force_login(world.users["tim_sakip"])
    response = client.post(reverse("sop:preview"), data)
    assert response.status_code == 200
    check(client, reverse("sop:create"), {**data, "owner": f"opd-{world.opd.pk}"})


@FUZZ
@given(data=fields("kode"))
def test_verification_form(client, data):
    assert client.post(reverse("verify"), data).status_code == 200


@FUZZ
@given(data=fields("opd", "tahun", "periode", "tahap", "terlambat", "hal"))
def test_cycle_list_filters(client, world, data):
    client.force_login(world.users["kepala"])
    assert client.get(reverse("kinerja:cycle_list"), data).status_code == 200


@FUZZ
@given(data=fields("tahun", "periode", "tingkat", "predikat", "unit", "iku"))
def test_recap_filters(client, world, data):
    client.force_login(world.users["kepala"])
    assert client.get(reverse("kinerja:opd_recap", args=[world.opd.pk]), data).status_code == 200
