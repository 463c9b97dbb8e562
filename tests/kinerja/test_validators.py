import pytest
from django.core.exceptions import ValidationError

from kinerja.validators import format_nip, validate_nip, validate_nomenclature_code


@pytest.mark.parametrize("nip", ["196811181990031005", "19681118 199003 1 005", "19780216 199703 1 001"])
def test_a_real_shaped_nip_passes(nip):
    validate_nip(nip)


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("780216 199703 1 001", "nip_length"),  # as mis-scanned in the DPMPTSP seed SOP
        ("19681118199003100", "nip_length"),
        ("1968111819900310AB", "nip_length"),
        ("19681318 199003 1 005", "nip_birth"),
        ("19681118 199013 1 005", "nip_appointment"),
        ("19681118 199003 3 005", "nip_sex"),
    ],
)
def test_a_malformed_nip_is_refused_with_a_reason(nip, code):
    with pytest.raises(ValidationError) as exc:
        validate_nip(nip)
    assert exc.value.code == code
    assert "NIP" in exc.value.messages[0]


def test_nip_prints_in_groups():
    assert format_nip("196811181990031005") == "19681118 199003 1 005"


@pytest.mark.parametrize(
    ("level", "code"),
    [
        ("program", "2.07.03"),
        ("program", "X.XX.01"),
        ("kegiatan", "2.07.03.2.01"),
        ("sub_kegiatan", "2.07.03.2.01.0001"),
        ("sub_kegiatan", "7.01.02.2.01.0001"),
        ("tujuan", ""),
        ("sasaran", "S1.2"),
    ],
)
def test_nomenclature_codes_of_the_right_shape_pass(level, code):
    validate_nomenclature_code(level, code)


@pytest.mark.parametrize(
    ("level", "code"),
    [
        ("program", "2.7.3"),
        ("program", "2.07.03.2.01"),
        ("kegiatan", "2.07.03"),
        ("kegiatan", "2.07.03.2.1"),
        ("sub_kegiatan", "2.07.03.2.01.001"),
        ("sub_kegiatan", "2.07.03.2.01.0001 "),
        ("program", ""),
    ],
)
def test_malformed_nomenclature_codes_are_refused_in_indonesian(level, code):
    with pytest.raises(ValidationError) as exc:
        validate_nomenclature_code(level, code)
    assert "contoh" in exc.value.messages[0]
