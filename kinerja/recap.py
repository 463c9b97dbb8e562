"""Recaps: every indicator of an OPD (or every OPD of a Pemda) through the capaian engine.

Reads in a fixed number of queries whatever the number of indicators; the arithmetic
is kinerja.capaian's.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja import capaian
from kinerja.models import (
    LEVEL_ORDER,
    OPD,
    Budget,
    Indicator,
    Level,
    Pemda,
    PemdaSettings,
    PlanElement,
    Realisasi,
    RenstraPeriod,
    Target,
)

UNRATED = "Belum dapat dihitung"


def engine_settings(pemda: Pemda | int) -> capaian.Settings:
    """The Pemda's settings, or the defaults when it has not saved any (no write on read)."""
    pemda_id = pemda if isinstance(pemda, int) else pemda.pk
    row = PemdaSettings.objects.filter(pemda_id=pemda_id).first()
    return row.engine_settings() if row else capaian.Settings()


def engine_indicator(indicator: Indicator) -> capaian.Indicator:
    return capaian.Indicator(
        polarity=indicator.polarity,
        aggregation=indicator.aggregation,
        band_lower=indicator.band_lower,
        band_upper=indicator.band_upper,
    )


@dataclass
class RecapRow:
    indicator: Indicator
    element: PlanElement
    result: capaian.PeriodResult
    explanation: str
    analysis: Realisasi | None = None

    @property
    def predikat_label(self) -> str:
        return self.result.predikat.label if self.result.predikat else UNRATED


@dataclass
class RecapGroup:
    level: str
    label: str
    rows: list[RecapRow]


@dataclass
class PredikatTotal:
    label: str
    colour: str
    count: int


@dataclass
class OpdRecap:
    opd: OPD
    renstra: RenstraPeriod | None
    year: int
    period: capaian.Period
    settings: capaian.Settings
    groups: list[RecapGroup] = field(default_factory=list)
    totals: list[PredikatTotal] = field(default_factory=list)
    total_rows: int = 0
    all_rows: int = 0

    @property
    def rows(self) -> list[RecapRow]:
        return [row for group in self.groups for row in group.rows]


def tree_order(elements: list[PlanElement]) -> dict[int, tuple]:
    """A sort key per element that follows the planning tree (depth first)."""
    children: dict[int | None, list[PlanElement]] = defaultdict(list)
    for element in elements:
        children[element.parent_id].append(element)
    for siblings in children.values():
        siblings.sort(key=lambda e: (e.order, e.code, e.pk))
    keys: dict[int, tuple] = {}

    def walk(parent_id, prefix):
        for index, element in enumerate(children.get(parent_id, [])):
            keys[element.pk] = (*prefix, index)
            walk(element.pk, keys[element.pk])

    walk(None, ())
    # Orphans (a parent outside the set) still get a place, after the tree.
    for element in elements:
        keys.setdefault(element.pk, (10**6, element.pk))
    return keys


def targets_by_indicator(**lookup) -> dict[int, dict[int, Decimal]]:
    """``{indicator id: {quarter: value}}`` of the targets matching ``lookup`` (quarter 0: the year)."""
    targets: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for ind, quarter, value in Target.objects.filter(**lookup).values_list(
        "indicator_id", "quarter", "value"
    ):
        targets[ind][quarter] = value
    return targets


def predikat_totals(labels, settings: capaian.Settings) -> list[PredikatTotal]:
    """How many rows per band of the Pemda's scale, highest first, then 'belum dapat dihitung'."""
    counts = Counter(labels)
    totals = [
        PredikatTotal(b.label, b.colour, counts.get(b.label, 0)) for b in reversed(settings.predikat_scale)
    ]
    totals.append(PredikatTotal(UNRATED, "#adb5bd", counts.get(UNRATED, 0)))
    return totals


@dataclass(frozen=True)
class RecapFilter:
    level: str = ""
    iku_only: bool = False
    predikat: str = ""
    unit_id: int | None = None

    def keep(self, row: RecapRow) -> bool:
        if self.level and row.element.level != self.level:
            return False
        if self.iku_only and not row.indicator.is_iku:
            return False
        if self.predikat and row.predikat_label != self.predikat:
            return False
        return not (self.unit_id and row.indicator.unit_id != self.unit_id)


def opd_recap(
    opd: OPD,
    renstra: RenstraPeriod | None,
    year: int,
    period: capaian.Period,
    filters: RecapFilter = RecapFilter(),
) -> OpdRecap:
    """Every indicator of the Renstra for one period: six queries whatever the size."""
    settings = engine_settings(opd.pemda_id)
    recap = OpdRecap(opd=opd, renstra=renstra, year=year, period=period, settings=settings)
    if renstra is None:
        recap.totals = predikat_totals([], settings)
        return recap
    elements = list(PlanElement.objects.filter(renstra=renstra))
    order = tree_order(elements)
    by_id = {e.pk: e for e in elements}
    indicators = list(Indicator.objects.filter(element__renstra=renstra).select_related("unit"))
    targets = targets_by_indicator(indicator__element__renstra=renstra, year=year)
    realisasi: dict[int, dict[int, Realisasi]] = defaultdict(dict)
    for real in Realisasi.objects.filter(
        indicator__element__renstra=renstra, year=year, quarter__lte=period.up_to_quarter
    ):
        realisasi[real.indicator_id][real.quarter] = real
    rows = []
    for indicator in indicators:
        ind_targets = targets.get(indicator.pk, {})
        ind_real = realisasi.get(indicator.pk, {})
        engine = engine_indicator(indicator)
        result = capaian.compute_period(
            engine,
            quarterly_targets={q: v for q, v in ind_targets.items() if q},
            annual_target=ind_targets.get(Target.ANNUAL),
            quarterly_realisasi={q: r.value for q, r in ind_real.items()},
            period=period,
            settings=settings,
        )
        latest = max(ind_real) if ind_real else None
        rows.append(
            RecapRow(
                indicator=indicator,
                element=by_id[indicator.element_id],
                result=result,
                explanation=result.explanation(engine),
                analysis=ind_real.get(latest) if latest else None,
            )
        )
    rows.sort(key=lambda r: (order[r.element.pk], r.indicator.order, r.indicator.pk))
    recap.all_rows = len(rows)
    kept = [row for row in rows if filters.keep(row)]
    recap.total_rows = len(kept)
    recap.totals = predikat_totals((row.predikat_label for row in kept), settings)
    grouped: dict[str, list[RecapRow]] = defaultdict(list)
    for row in kept:
        grouped[row.element.level].append(row)
    recap.groups = [
        RecapGroup(level, Level(level).label, grouped[level]) for level in LEVEL_ORDER if grouped[level]
    ]
    return recap


# --------------------------------------------------------------------------- Pemda


@dataclass
class OpdLine:
    opd: OPD
    counts: dict[str, int]
    indicators: int = 0
    filled: int = 0
    iku_capaian: list[Decimal] = field(default_factory=list)

    @property
    def filled_share(self) -> Decimal | None:
        return Decimal(self.filled) / self.indicators * 100 if self.indicators else None

    @property
    def iku_average(self) -> Decimal | None:
        return sum(self.iku_capaian, Decimal(0)) / len(self.iku_capaian) if self.iku_capaian else None


@dataclass
class PemdaRecap:
    pemda: Pemda
    year: int
    period: capaian.Period
    settings: capaian.Settings
    lines: list[OpdLine]
    labels: list[tuple[str, str]]  # (label, colour), best first, then BELUM


def pemda_recap(pemda: Pemda, year: int, period: capaian.Period) -> PemdaRecap:
    """One line per OPD: predikat counts, share filled, average IKU capaian. Five queries."""
    settings = engine_settings(pemda)
    labels = [(b.label, b.colour) for b in reversed(settings.predikat_scale)] + [(UNRATED, "#adb5bd")]
    opds = list(OPD.objects.filter(pemda=pemda).order_by("name"))
    lines = {
        opd.pk: OpdLine(opd=opd, counts=dict.fromkeys([label for label, _ in labels], 0)) for opd in opds
    }
    in_force = {
        "element__renstra__opd__pemda": pemda,
        "element__renstra__start_year__lte": year,
        "element__renstra__end_year__gte": year,
    }
    indicators = list(
        Indicator.objects.filter(**in_force).values_list(
            "pk", "element__renstra__opd_id", "polarity", "aggregation", "band_lower", "band_upper", "is_iku"
        )
    )
    # Joins, not a list of 18,000 ids: PostgreSQL plans a join far better than a huge IN.
    via_indicator = {f"indicator__{key}": value for key, value in in_force.items()}
    targets = targets_by_indicator(year=year, **via_indicator)
    realisasi: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    for ind, quarter, value in Realisasi.objects.filter(
        year=year, quarter__lte=period.up_to_quarter, **via_indicator
    ).values_list("indicator_id", "quarter", "value"):
        realisasi[ind][quarter] = value
    for pk, opd_id, polarity, aggregation, lower, upper, is_iku in indicators:
        ind_targets = targets.get(pk, {})
        ind_real = realisasi.get(pk, {})
        result = capaian.compute_period(
            capaian.Indicator(polarity, aggregation, lower, upper),
            quarterly_targets={q: v for q, v in ind_targets.items() if q},
            annual_target=ind_targets.get(Target.ANNUAL),
            quarterly_realisasi=ind_real,
            period=period,
            settings=settings,
            with_trend=False,
        )
        line = lines[opd_id]
        line.indicators += 1
        if period.up_to_quarter in ind_real:
            line.filled += 1
        line.counts[result.predikat.label if result.predikat else UNRATED] += 1
        if is_iku and result.capaian.value is not None:
            line.iku_capaian.append(result.capaian.value)
    return PemdaRecap(pemda, year, period, settings, list(lines.values()), labels)


# --------------------------------------------------------------------------- budget


@dataclass
class ProgramEfficiency:
    program: PlanElement
    pagu: Decimal
    realisasi: Decimal
    capaian: Decimal | None  # average capaian of the programme's own indicators

    @property
    def serapan(self) -> Decimal | None:
        return self.realisasi / self.pagu * 100 if self.pagu else None


def program_efficiency(recap: OpdRecap) -> list[ProgramEfficiency]:
    """Serapan anggaran s.d. the period beside capaian kinerja, per programme. Two queries."""
    if recap.renstra is None:
        return []
    elements = {e.pk: e for e in PlanElement.objects.filter(renstra=recap.renstra)}

    def program_of(element_id):
        element = elements.get(element_id)
        while element is not None and element.level not in (Level.PROGRAM,):
            element = elements.get(element.parent_id)
        return element

    pagu: dict[int, Decimal] = defaultdict(Decimal)
    spent: dict[int, Decimal] = defaultdict(Decimal)
    for element_id, pagu_tw, real in Budget.objects.filter(
        element__renstra=recap.renstra, year=recap.year, quarter__lte=recap.period.up_to_quarter
    ).values_list("element_id", "pagu", "realisasi"):
        program = program_of(element_id)
        if program is not None:
            pagu[program.pk] += pagu_tw
            spent[program.pk] += real or 0
    capaian_by_program: dict[int, list[Decimal]] = defaultdict(list)
    for row in recap.rows:
        if row.element.level == Level.PROGRAM and row.result.capaian.value is not None:
            capaian_by_program[row.element.pk].append(row.result.capaian.value)
    programs = sorted(
        (e for e in elements.values() if e.level == Level.PROGRAM), key=lambda e: (e.code, e.pk)
    )
    result = []
    for program in programs:
        values = capaian_by_program.get(program.pk, [])
        result.append(
            ProgramEfficiency(
                program=program,
                pagu=pagu.get(program.pk, Decimal(0)),
                realisasi=spent.get(program.pk, Decimal(0)),
                capaian=sum(values, Decimal(0)) / len(values) if values else None,
            )
        )
    return result
