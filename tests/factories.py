from decimal import Decimal

import factory

from kinerja.models import (
    OPD,
    Indicator,
    Membership,
    Pemda,
    PemdaMembership,
    PlanElement,
    RenstraPeriod,
    Target,
    Unit,
    User,
)


class PemdaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemda

    name = factory.Sequence(lambda n: f"Pemerintah Kabupaten Uji {n}")
    kind = Pemda.Kind.KABUPATEN
    code = factory.Sequence(lambda n: f"uji-{n}")


class OPDFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OPD

    pemda = factory.SubFactory(PemdaFactory)
    name = factory.Sequence(lambda n: f"Dinas Uji Coba {n}")
    short_name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    kind = OPD.Kind.DINAS
    code = factory.Sequence(lambda n: f"2.07.0.00.0.00.{n:02d}.0000")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    opd = factory.SubFactory(OPDFactory)
    name = factory.Sequence(lambda n: f"Bidang Uji {n}")
    kind = Unit.Kind.BIDANG


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    full_name = factory.Sequence(lambda n: f"Pegawai Uji {n}")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    opd = factory.SubFactory(OPDFactory)
    role = "tim_sakip"


class PemdaMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PemdaMembership

    user = factory.SubFactory(UserFactory)
    pemda = factory.SubFactory(PemdaFactory)
    role = "pemantau"


class RenstraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RenstraPeriod

    opd = factory.SubFactory(OPDFactory)
    name = "Renstra 2025-2029"
    start_year = 2025
    end_year = 2029


class ElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanElement

    renstra = factory.SubFactory(RenstraFactory)
    level = "tujuan"
    parent = None
    code = factory.Sequence(lambda n: f"T{n}")
    name = factory.Sequence(lambda n: f"Tujuan uji {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    element = factory.SubFactory(ElementFactory)
    name = factory.Sequence(lambda n: f"Indikator uji {n}")
    satuan = "orang"
    polarity = "positif"
    aggregation = "kumulatif"


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2026
    quarter = 0
    value = Decimal("100")
