"""Text put in lower or upper case for a sentence or a title keeps numerals and acronyms as written."""

import pytest
from django.template import Context, Template

from kinerja.templatetags.sakip import lower_words, upper_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Triwulan III", "triwulan III"),
        ("Triwulan II", "triwulan II"),
        ("Semester I", "semester I"),
        ("Tahunan", "tahunan"),
        ("Pengumpulan", "pengumpulan"),
        ("Indikator IKU", "indikator IKU"),
        ("Laporan Kinerja (LKjIP)", "laporan kinerja (LKjIP)"),
    ],
)
def test_lower_words_keeps_roman_numerals_and_acronyms(text, expected):
    assert lower_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Laporan Kinerja Instansi Pemerintah (LKjIP)", "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)"),
        ("Triwulan III", "TRIWULAN III"),
        ("Dinas Tenaga Kerja", "DINAS TENAGA KERJA"),
    ],
)
def test_upper_words_keeps_mixed_case_acronyms(text, expected):
    assert upper_words(text) == expected


def test_the_grid_says_triwulan_iii_with_its_numeral():
    """Issue 13 bug 4: "Isi nilai triwulan iii"."""
    html = Template("{% load sakip %}Isi nilai {{ label|lower_words }}").render(
        Context({"label": "Triwulan III"})
    )
    assert html == "Isi nilai triwulan III"


@pytest.mark.django_db
def test_the_entry_grid_and_the_cycle_page_keep_the_numeral(client, world):
    from django.urls import reverse

    from tests.kinerja.cycle_helpers import force_state, new_cycle

    cycle = force_state(new_cycle(world, "tw3"), "pengumpulan", world)
    client.force_login(world.users["tim_sakip"])
    assert "Isi nilai triwulan III;" in client.get(reverse("kinerja:cycle_grid", args=[cycle.pk])).text
    assert "untuk triwulan III." in client.get(reverse("kinerja:cycle_detail", args=[cycle.pk])).text
