"""Database constraints hold even when code skips the forms."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kinerja import services
from kinerja.models import Budget, Membership, PlanElement, Realisasi, Target
from tests.factories import (
    ElementFactory,
    IndicatorFactory,
    OPDFactory,
    RenstraFactory,
    TargetFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def integrity_error(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_codes_are_unique_within_a_renstra_but_not_across():
    renstra = RenstraFactory()
    tujuan = ElementFactory(renstra=renstra)
    sasaran = ElementFactory(renstra=renstra, level="sasaran", parent=tujuan)
    PlanElement.objects.create(renstra=renstra, level="program", parent=sasaran, code="2.07.03", name="A")
    integrity_error(
        lambda: PlanElement.objects.create(
            renstra=renstra, level="program", parent=sasaran, code="2.07.03", name="B"
        )
    )
    other = RenstraFactory(opd=renstra.opd, start_year=2030, end_year=2034)
    other_tujuan = ElementFactory(renstra=other)
    other_sasaran = ElementFactory(renstra=other, level="sasaran", parent=other_tujuan)
    PlanElement.objects.create(renstra=other, level="program", parent=other_sasaran, code="2.07.03", name="A")


def test_the_database_refuses_a_malformed_code():
    sasaran = ElementFactory(level="sasaran", parent=ElementFactory())
    integrity_error(
        lambda: PlanElement.objects.create(
            renstra=sasaran.renstra, level="program", parent=sasaran, code="2.7.3", name="x"
        )
    )


def test_only_a_tujuan_has_no_parent():
    renstra = RenstraFactory()
    integrity_error(lambda: PlanElement.objects.create(renstra=renstra, level="sasaran", code="S1", name="x"))


def test_a_band_is_required_for_rentang_and_ordered():
    integrity_error(lambda: IndicatorFactory(polarity="rentang"))
    integrity_error(
        lambda: IndicatorFactory(polarity="rentang", band_lower=Decimal(10), band_upper=Decimal(5))
    )
    IndicatorFactory(polarity="rentang", band_lower=Decimal(95), band_upper=Decimal(105))


def test_targets_are_unique_per_indicator_year_and_quarter():
    target = TargetFactory()
    integrity_error(
        lambda: Target.objects.create(
            indicator=target.indicator, year=target.year, quarter=target.quarter, value=1
        )
    )
    integrity_error(lambda: Target.objects.create(indicator=target.indicator, year=2026, quarter=5, value=1))


def test_budget_cannot_be_negative():
    element = ElementFactory()
    integrity_error(lambda: Budget.objects.create(element=element, year=2026, quarter=1, pagu=-1))


def test_realisasi_needs_a_value_or_a_reason():
    indicator = IndicatorFactory()
    user = UserFactory()
    integrity_error(
        lambda: Realisasi.objects.create(indicator=indicator, year=2026, quarter=1, entered_by=user)
    )


def test_a_kepala_unit_membership_names_its_unit():
    opd = OPDFactory()
    integrity_error(lambda: Membership.objects.create(user=UserFactory(), opd=opd, role="kepala_unit"))
    Membership.objects.create(user=UserFactory(), opd=opd, role="kepala_unit", unit=UnitFactory(opd=opd))


def test_kegiatan_code_must_extend_its_program_code():
    program = ElementFactory(
        level="program",
        code="2.07.03",
        parent=ElementFactory(level="sasaran", parent=ElementFactory()),
    )
    with pytest.raises(ValidationError) as exc:
        services.element_create(
            renstra=program.renstra,
            level="kegiatan",
            parent=program,
            data={"code": "2.07.04.2.01", "name": "Salah induk"},
        )
    assert "diawali kode induknya" in str(exc.value)


def test_negative_target_is_refused_unless_the_satuan_allows_it():
    indicator = IndicatorFactory(element__renstra__start_year=2025)
    with pytest.raises(ValidationError):
        services.targets_set(indicator=indicator, year=2026, values={0: Decimal(-5)})
    assert not indicator.targets.exists()
    growth = IndicatorFactory(allow_negative=True, satuan="%")
    services.targets_set(indicator=growth, year=2026, values={0: Decimal("-1.5")})
    assert growth.targets.get().value == Decimal("-1.5")


def test_targets_outside_the_renstra_are_refused():
    indicator = IndicatorFactory()
    with pytest.raises(ValidationError):
        services.targets_set(indicator=indicator, year=2031, values={0: Decimal(1)})


def test_realisasi_history_records_who_changed_what():
    indicator = IndicatorFactory()
    alice, bob = UserFactory(), UserFactory()
    services.realisasi_save(indicator=indicator, year=2026, quarter=1, user=alice, data={"value": Decimal(5)})
    services.realisasi_save(
        indicator=indicator, year=2026, quarter=1, user=bob, data={"value": Decimal(7), "solusi": "Percepat"}
    )
    services.realisasi_save(indicator=indicator, year=2026, quarter=1, user=bob, data={"value": Decimal(7)})
    realisasi = Realisasi.objects.get()
    assert realisasi.value == 7
    assert realisasi.version == 2
    history = list(realisasi.history.order_by("id"))
    assert [h.changed_by for h in history] == [alice, bob]
    assert history[1].changes == {"value": ["5.0000", "7"], "solusi": ["", "Percepat"]}


def test_deleting_an_element_with_realisasi_is_refused():
    indicator = IndicatorFactory()
    services.realisasi_save(
        indicator=indicator, year=2026, quarter=1, user=UserFactory(), data={"value": Decimal(1)}
    )
    with pytest.raises(ValidationError):
        services.element_delete(element=indicator.element)
    assert PlanElement.objects.filter(pk=indicator.element_id).exists()
