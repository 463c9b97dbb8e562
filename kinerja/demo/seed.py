"""Load the demo data idempotently (``python manage.py seed_demo``)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from kinerja import services
from kinerja.capaian import PERIODS
from kinerja.cycle import entry as cycle_entry
from kinerja.cycle import policy as cycle_policy
from kinerja.cycle import services as cycle_services
from kinerja.demo.opds import ANALYSIS_GOOD, ANALYSIS_WEAK, OPDS, PEMDA, QUARTER_SHARES, OpdSpec
from kinerja.demo.plans import E, I
from kinerja.models import (
    OPD,
    Budget,
    Cycle,
    Delegation,
    Indicator,
    Membership,
    Official,
    Pemda,
    PemdaMembership,
    PlanElement,
    Realisasi,
    RenstraPeriod,
    Role,
    Unit,
    User,
)
from kinerja.selectors import current_year
from sop.selectors import revisions_in_force
from sop.services import load_seed_sops

DEMO_PASSWORD = "demo-sakip"  # noqa: S105 (documented demo password, demo data only)

# The two source SOPs signed by a "Pt." (read: Plt.) head: Disnaker Lumajang, Kecamatan Candipuro.
DELEGATED_PREFIX = "Pt. "


def renstra_years(year: int) -> tuple[int, int]:
    """The five-year Renstra period (2025-2029, 2030-2034, ...) that holds ``year``."""
    start = 2025 + 5 * ((year - 2025) // 5)
    return start, start + 4


def quarter_targets(spec: I) -> list[Decimal]:
    if spec.quarters:
        return [Decimal(v) for v in spec.quarters]
    annual = Decimal(spec.target)
    if spec.aggregation != "kumulatif":
        return [annual] * 4
    places = Decimal(1) if annual == annual.to_integral_value() else Decimal("0.01")
    first = [(annual * share).quantize(places, rounding=ROUND_HALF_UP) for share in QUARTER_SHARES]
    return [*first, annual - sum(first)]


class Seeder:
    def __init__(self, year: int | None = None, stdout=None):
        self.year = year or current_year()
        self.stdout = stdout
        self.created_users: list[str] = []

    def log(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text)

    @transaction.atomic
    def run(self) -> None:
        pemdas = {slug: self.pemda(slug, *spec) for slug, spec in PEMDA.items()}
        opds = [(spec, self.opd(spec, pemdas[spec.pemda])) for spec in OPDS]
        load_seed_sops()
        for spec, opd in opds:
            for period, state in spec.cycles:
                CycleSeeder(self.year, opd, spec).run(period, state)
        for slug, pemda in pemdas.items():
            self.user(
                f"{slug}.admin", f"Admin SAKIP {pemda.name.split()[-1]}", pemda_role=(pemda, "admin_pemda")
            )
            self.user(
                f"{slug}.pemantau", f"Inspektorat {pemda.name.split()[-1]}", pemda_role=(pemda, "pemantau")
            )
        admin, created = User.objects.get_or_create(
            username="admin",
            defaults={"full_name": "Administrator Sistem", "is_staff": True, "is_superuser": True},
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()
            self.created_users.append(admin.username)

    def pemda(self, slug: str, name: str, kind: str, head_title: str, head_name: str) -> Pemda:
        pemda, _ = Pemda.objects.update_or_create(code=slug, defaults={"name": name, "kind": kind})
        Official.objects.update_or_create(
            pemda=pemda, opd=None, jabatan=head_title, defaults={"name": head_name, "nip": ""}
        )
        return pemda

    def opd(self, spec: OpdSpec, pemda: Pemda) -> OPD:
        opd, _ = OPD.objects.update_or_create(
            pemda=pemda,
            name=spec.name,
            defaults={"short_name": spec.short_name, "kind": spec.kind, "code": spec.code},
        )
        units: dict[str, Unit] = {}
        for key, (name, kind, parent_key) in spec.units.items():
            units[key], _ = Unit.objects.update_or_create(
                opd=opd,
                name=name,
                defaults={"kind": kind, "parent": units.get(parent_key) if parent_key else None},
            )
        start, end = renstra_years(self.year)
        renstra, _ = RenstraPeriod.objects.get_or_create(
            opd=opd,
            start_year=start,
            defaults={"end_year": end, "name": f"Renstra {spec.short_name} {start}-{end}"},
        )
        # People first: realisasi is entered by the OPD's Tim SAKIP.
        jabatan, name, nip = spec.kepala
        if jabatan.startswith(DELEGATED_PREFIX):
            # The source SOP is signed by a "Pt." (Plt.) head: the post is held by a recorded
            # delegation, not by a kepala membership; documents print "Plt. <jabatan>".
            kepala = self.user(f"{spec.slug}.kepala", name, nip=nip)
            Membership.objects.filter(user=kepala, opd=opd, role=Role.KEPALA).delete()
            Official.objects.filter(opd=opd, user=kepala, jabatan=jabatan).delete()
            today = timezone.localdate()
            Delegation.objects.update_or_create(
                opd=opd,
                user=kepala,
                letter_number=f"800.1.3.3/{112 + len(spec.slug)}/427.55/{self.year - 1}",
                defaults={
                    "kind": Delegation.Kind.PLT,
                    "jabatan": jabatan[len(DELEGATED_PREFIX) :],
                    "name": name,
                    "nip": nip,
                    "starts_on": datetime.date(self.year - 1, 10, 1),
                    "ends_on": datetime.date(max(self.year, today.year), 12, 31),
                    "letter_date": datetime.date(self.year - 1, 9, 28),
                },
            )
        else:
            kepala = self.user(f"{spec.slug}.kepala", name, opd_role=(opd, Role.KEPALA, None), nip=nip)
            Official.objects.update_or_create(
                pemda=pemda,
                opd=opd,
                jabatan=jabatan,
                defaults={"name": name, "nip": nip, "user": kepala},
            )
        self.user(f"{spec.slug}.sekretaris", spec.staff["sekretaris"], opd_role=(opd, Role.SEKRETARIS, None))
        self.user(
            f"{spec.slug}.kabid",
            spec.staff["kepala_unit"],
            opd_role=(opd, Role.KEPALA_UNIT, units[spec.kepala_unit]),
        )
        tim = self.user(
            f"{spec.slug}.timsakip", spec.staff["tim_sakip"], opd_role=(opd, Role.TIM_SAKIP, None)
        )
        self.user(
            f"{spec.slug}.operator",
            spec.staff["operator"],
            opd_role=(opd, Role.OPERATOR, units[spec.operator_unit]),
        )
        for order, node in enumerate(spec.plan, start=1):
            self.element(renstra, node, None, units, tim, order)
        return opd

    def user(self, username: str, full_name: str, *, opd_role=None, pemda_role=None, nip: str = "") -> User:
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "nip": nip}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            self.created_users.append(username)
        if opd_role:
            opd, role, unit = opd_role
            Membership.objects.get_or_create(user=user, opd=opd, role=role, unit=unit)
        if pemda_role:
            pemda, role = pemda_role
            PemdaMembership.objects.get_or_create(user=user, pemda=pemda, role=role)
        return user

    def element(self, renstra, node: E, parent, units, tim: User, order: int) -> PlanElement:
        lookup = {"renstra": renstra, "code": node.code}
        element = PlanElement.objects.filter(**lookup).first()
        data = {"name": node.name, "unit": units.get(node.unit) if node.unit else None, "order": order}
        if element is None:
            element = services.element_create(
                renstra=renstra, level=node.level, parent=parent, data={"code": node.code, **data}
            )
        elif any(getattr(element, k) != v for k, v in data.items()):
            element = services.element_update(element=element, data=data)
        for i_order, spec in enumerate(node.indicators, start=1):
            self.indicator(element, spec, units, tim, i_order)
        if node.level == "sub_kegiatan":
            self.budget(element)
        for c_order, child in enumerate(node.children, start=1):
            self.element(renstra, child, element, units, tim, c_order)
        return element

    def indicator(self, element, spec: I, units, tim: User, order: int) -> Indicator:
        data = {
            "satuan": spec.satuan,
            "polarity": spec.polarity,
            "aggregation": spec.aggregation,
            "band_lower": Decimal(spec.band[0]) if spec.band else None,
            "band_upper": Decimal(spec.band[1]) if spec.band else None,
            "is_iku": spec.iku,
            "requires_evidence": spec.iku,
            "allow_negative": spec.allow_negative,
            "baseline_year": element.renstra.start_year - 1 if spec.baseline else None,
            "baseline_value": Decimal(spec.baseline) if spec.baseline else None,
            "unit": units.get(spec.unit or "") or element.unit,
            "definition": spec.definition,
            "formula": spec.formula,
            "data_source": spec.data_source,
            "order": order,
        }
        indicator = Indicator.objects.filter(element=element, name=spec.name).first()
        if indicator is None:
            indicator = services.indicator_create(element=element, data={"name": spec.name, **data})
        elif any(getattr(indicator, k) != v for k, v in data.items()):
            indicator = services.indicator_update(indicator=indicator, data=data)
        quarters = quarter_targets(spec)
        services.targets_set(
            indicator=indicator,
            year=self.year,
            values={0: Decimal(spec.target), 1: quarters[0], 2: quarters[1], 3: quarters[2], 4: quarters[3]},
        )
        for quarter, value in enumerate(spec.realisasi, start=1):
            reason = spec.unmeasured.get(quarter, "")
            if value is None and not reason:
                continue
            if Realisasi.objects.filter(indicator=indicator, year=self.year, quarter=quarter).exists():
                continue  # entered already (by a previous run, a demo cycle or a user): keep it
            good = value is not None and self._on_track(spec, Decimal(value), quarters[quarter - 1])
            pendukung, penghambat, solusi = ANALYSIS_GOOD if good else ANALYSIS_WEAK
            services.realisasi_save(
                indicator=indicator,
                year=self.year,
                quarter=quarter,
                user=tim,
                data={
                    "value": Decimal(value) if value is not None else None,
                    "unmeasured_reason": reason,
                    "faktor_pendukung": pendukung,
                    "faktor_penghambat": "" if good else penghambat,
                    "solusi": solusi,
                },
            )
        return indicator

    @staticmethod
    def _on_track(spec: I, value: Decimal, target: Decimal) -> bool:
        if spec.polarity == "negatif":
            return value <= target
        if spec.polarity == "rentang" and spec.band:
            return Decimal(spec.band[0]) <= value <= Decimal(spec.band[1])
        return value >= target

    def budget(self, element: PlanElement) -> None:
        """DPA of a sub kegiatan: a pagu per TW and the realisasi of TW I-II."""
        seed = int(element.code.replace(".", "")[-6:]) % 7 + 1
        pagu_year = Decimal(75_000_000 + seed * 37_500_000)
        for quarter, (share, absorbed) in enumerate(
            [("0.20", "0.93"), ("0.30", "0.81"), ("0.30", None), ("0.20", None)], start=1
        ):
            pagu = (pagu_year * Decimal(share)).quantize(Decimal(1))
            realisasi = (pagu * Decimal(absorbed)).quantize(Decimal(1)) if absorbed else None
            existing = Budget.objects.filter(element=element, year=self.year, quarter=quarter).first()
            if existing and existing.pagu == pagu and existing.realisasi == realisasi:
                continue
            services.budget_set(
                element=element, year=self.year, quarter=quarter, pagu=pagu, realisasi=realisasi
            )


class CycleSeeder:
    """Runs a demo cycle through the real services up to the state the demo shows.

    Every step is taken by a demo user holding the role the cycle's SOP names for it.
    """

    def __init__(self, year: int, opd: OPD, spec: OpdSpec):
        self.year, self.opd, self.spec = year, opd, spec
        self.by_role: dict[str, User] = {}
        for membership in Membership.objects.filter(
            opd=opd, user__username__startswith=f"{spec.slug}."
        ).select_related("user"):
            self.by_role.setdefault(membership.role, membership.user)
        for delegation in Delegation.objects.filter(opd=opd, user__username__startswith=f"{spec.slug}."):
            self.by_role.setdefault(Role.KEPALA, delegation.user)  # a Plt. acts as the head

    def actor(self, roles) -> User:
        for role in ("kepala", "sekretaris", "tim_sakip", "kepala_unit", "operator"):
            if role in roles and role in self.by_role:
                return self.by_role[role]
        raise LookupError(f"no demo user for {sorted(roles)} in {self.opd}")

    def take(self, cycle, name: str, note: str = ""):

        cycle.refresh_from_db()
        user = self.actor(cycle_policy.roles_for(cycle, name))
        return cycle_services.cycle_take(cycle_id=cycle.pk, name=name, user=user, note=note)

    def run(self, period: str, target: str) -> None:

        if Cycle.objects.filter(opd=self.opd, year=self.year, period=period).exists():
            return
        sops = revisions_in_force(self.opd, timezone.localdate())
        # DPMPTSP has two SOPs in force; its cycles follow "Pengukuran Kinerja".
        sop = next((r for r in sops if "PENGUKURAN" in r.nama.upper()), sops[0] if sops else None)
        cycle = cycle_services.cycle_create(
            opd=self.opd, year=self.year, period=period, user=self.by_role["kepala"], sop_revision=sop
        )
        if target == "disposisi":
            return
        dispose_roles, assign_roles = cycle_policy._disposition_roles(cycle)
        label = PERIODS[period].label
        cycle_services.cycle_dispose(
            cycle_id=cycle.pk,
            user=self.actor(dispose_roles),
            instruction=f"Laksanakan pengukuran dan pengumpulan data kinerja {label} {self.year} sesuai SOP.",
            due_date=None,
        )
        operator, tim = self.by_role["operator"], self.by_role["tim_sakip"]
        operator_units = set(operator.memberships.filter(opd=self.opd).values_list("unit_id", flat=True))
        pics = {
            item.pk: (operator if item.indicator.unit_id in operator_units else tim, None)
            for item in cycle.items.select_related("indicator")
        }
        cycle_services.cycle_assign(
            cycle_id=cycle.pk,
            user=self.actor(assign_roles),
            team=[tim],
            note="Koordinasikan dengan kepala bidang; lengkapi bukti dukung untuk IKU.",
            pics=pics,
        )
        self.take(cycle, "mulai_pengumpulan")
        if target == "pengumpulan":
            return
        for item in cycle.items.select_related("indicator"):
            if item.indicator.requires_evidence and not item.evidence.exists():
                cycle_entry.evidence_add(
                    item_id=item.pk,
                    user=tim,
                    link=f"https://drive.{self.spec.pemda}kab.go.id/sakip/{self.spec.slug}/{period}/{item.indicator_id}",
                )
        self.take(cycle, "ajukan_rekap")
        if target == "rekap":
            return
        self.take(cycle, "ajukan_reviu")
        if target == "reviu" and period == "tw2":
            self.review_round(cycle)
            return
        if target == "reviu":
            return
        self.take(cycle, "teruskan_pengesahan")
        if target == "pengesahan":
            return
        self.take(cycle, "sahkan")

    def review_round(self, cycle) -> None:
        """A realistic round: the reviewer sends one IKU back, Tim SAKIP completes its analysis."""

        reviewer = self.actor(cycle_policy.roles_for(cycle, "kembalikan_ke_pengumpulan"))
        item = cycle.items.filter(indicator__is_iku=True).order_by("pk").first()
        cycle_entry.item_review(
            item_id=item.pk,
            user=reviewer,
            needs_revision=True,
            note="Lengkapi analisis faktor penghambat dan solusinya.",
        )
        self.take(cycle, "kembalikan_ke_pengumpulan", note="Satu indikator IKU perlu dilengkapi analisisnya.")
        current = Realisasi.objects.get(indicator=item.indicator, year=self.year, quarter=cycle.entry_quarter)
        cycle_entry.item_save(
            item_id=item.pk,
            user=self.by_role["tim_sakip"],
            data={
                "value": current.value,
                "unmeasured_reason": current.unmeasured_reason,
                "faktor_pendukung": current.faktor_pendukung,
                "faktor_penghambat": "Sebagian data dari instansi vertikal terlambat diterima.",
                "solusi": "Permintaan data dijadwalkan bulanan melalui surat Kepala Dinas.",
            },
            version=current.version,
        )
        self.take(cycle, "ajukan_rekap")
        self.take(cycle, "ajukan_reviu")
