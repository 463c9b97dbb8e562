"""Forms of the planning pages. Shape checks here; domain rules in the models' clean()."""

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kinerja.models import (
    OPD,
    Delegation,
    Indicator,
    PemdaSettings,
    PlanElement,
    RenstraPeriod,
    ReportNarrative,
    Target,
    Unit,
    User,
)
from kinerja.numbers import format_plain, parse_decimal


class DatePicker(forms.DateInput):
    """The browser's date picker: ``<input type=date>`` reads and writes ISO dates (2026-11-26) whatever
    the locale, so a saved date must be rendered that way or it comes back blank."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class IndonesianDecimalField(forms.Field):
    """A number typed the Indonesian way (``1.234,56``); a decimal point is accepted too."""

    default_error_messages = {
        "invalid": _("Masukkan angka yang valid, misalnya 1.234,56."),
        "too_large": _("Angka terlalu besar."),
    }
    widget = forms.TextInput

    def __init__(self, *, max_whole_digits: int = 16, **kwargs):
        self.max_whole_digits = max_whole_digits
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_plain(value)
        return value

    def to_python(self, value) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            number = parse_decimal(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if number.adjusted() >= self.max_whole_digits:
            raise ValidationError(self.error_messages["too_large"], code="too_large")
        return number


def add_validation_error(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field where the form has it."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


class CrispyMixin:
    submit_label = _("Simpan")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class RenstraForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = RenstraPeriod
        fields = ["name", "start_year", "end_year"]


class PlanElementForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = PlanElement
        fields = ["code", "name", "unit", "order"]
        widgets = {"name": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, opd, level: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(opd=opd)
        if level in ("tujuan", "sasaran"):
            self.fields["code"].label = _("Nomor")
            self.fields["code"].help_text = _("Opsional, misalnya T1 atau S1.2.")
        else:
            self.fields["code"].required = True


class IndicatorForm(CrispyMixin, forms.ModelForm):
    band_lower = IndonesianDecimalField(label=_("Batas bawah rentang"), required=False)
    band_upper = IndonesianDecimalField(label=_("Batas atas rentang"), required=False)
    baseline_value = IndonesianDecimalField(label=_("Nilai baseline"), required=False)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "satuan",
            "is_iku",
            "requires_evidence",
            "definition",
            "formula",
            "data_source",
            "polarity",
            "band_lower",
            "band_upper",
            "aggregation",
            "frequency",
            "baseline_year",
            "baseline_value",
            "allow_negative",
            "unit",
            "order",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "definition": forms.Textarea(attrs={"rows": 3}),
            "formula": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, opd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(opd=opd)


class TargetsForm(CrispyMixin, forms.Form):
    """The annual target and the four quarterly targets (Rencana Aksi) of one year."""

    def __init__(self, *args, indicator: Indicator, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.year = year
        for quarter, label in Target.Quarter.choices:
            self.fields[f"q{quarter}"] = IndonesianDecimalField(
                label=f"{label} ({indicator.satuan})", required=False
            )

    def clean(self):
        cleaned = super().clean()
        if not self.indicator.allow_negative:
            for name, value in list(cleaned.items()):
                if value is not None and value < 0:
                    self.add_error(
                        name,
                        _("Target tidak boleh negatif untuk satuan %(satuan)s.")
                        % {"satuan": self.indicator.satuan},
                    )
        return cleaned

    def values(self) -> dict[int, Decimal | None]:
        return {q: self.cleaned_data.get(f"q{q}") for q, _label in Target.Quarter.choices}


class PemdaSettingsForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    capaian_cap = IndonesianDecimalField(
        label=_("Batas maksimum capaian (%)"),
        required=False,
        help_text=_("Kosongkan bila capaian di atas 100% tidak dibatasi."),
    )

    class Meta:
        model = PemdaSettings
        fields = ["negative_formula", "capaian_cap"]
        widgets = {"negative_formula": forms.RadioSelect}


class PredikatBandForm(forms.Form):
    minimum = IndonesianDecimalField(label=_("Dari (≥)"))
    maksimum = IndonesianDecimalField(label=_("Sampai (<)"), required=False)
    label = forms.CharField(label=_("Predikat"), max_length=40)
    warna = forms.RegexField(
        label=_("Warna"),
        regex=r"^#[0-9a-fA-F]{6}$",
        initial="#6c757d",
        error_messages={"invalid": _("Warna harus kode heksadesimal, misalnya #198754.")},
        widget=forms.TextInput(attrs={"type": "color"}),
    )


class BasePredikatBandFormSet(forms.BaseFormSet):
    def bands_json(self) -> list[dict]:
        bands = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            bands.append(
                {
                    "minimum": str(data["minimum"]),
                    "maksimum": None if data.get("maksimum") is None else str(data["maksimum"]),
                    "label": data["label"].strip(),
                    "warna": data["warna"],
                }
            )
        return bands


class PredikatBandHelper(FormHelper):
    template = "bootstrap5/table_inline_formset.html"
    form_tag = False


PredikatBandFormSet = forms.formset_factory(
    PredikatBandForm, formset=BasePredikatBandFormSet, extra=1, can_delete=True, max_num=10, absolute_max=11
)


class ExcelUploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas Excel (.xlsx)"), allow_empty_file=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class NarrativeForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = ReportNarrative
        fields = ["ikhtisar", "pendahuluan", "perencanaan", "akuntabilitas", "penutup"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}


class DelegationForm(CrispyMixin, forms.ModelForm):
    submit_label = _("Catat Plt./Plh.")

    class Meta:
        model = Delegation
        fields = [
            "user",
            "kind",
            "jabatan",
            "name",
            "nip",
            "pangkat",
            "starts_on",
            "ends_on",
            "letter_number",
            "letter_date",
        ]
        widgets = {
            "starts_on": DatePicker(),
            "ends_on": DatePicker(),
            "letter_date": DatePicker(),
        }
        help_texts = {
            "user": _("Akun yang akan bertindak sebagai kepala OPD selama Plt./Plh. berlaku."),
            "name": _("Nama pelaksana seperti dicetak di bawah tanda tangan."),
            "nip": _("NIP pelaksana sendiri (bukan NIP kepala yang digantikan)."),
        }

    def __init__(self, *args, opd: OPD, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(memberships__opd__pemda_id=opd.pemda_id, is_active=True)
            .distinct()
            .order_by("full_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: f"{u} ({u.username})"
        if not self.is_bound and not self.initial.get("jabatan"):
            self.initial["jabatan"] = f"Kepala {opd.name}"
