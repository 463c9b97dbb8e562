"""Forms of the measurement cycle pages."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.capaian import PERIODS
from kinerja.forms import DatePicker, IndonesianDecimalField
from kinerja.models import User


class NoTagHelper(FormHelper):
    form_tag = False
    disable_csrf = True


class CycleCreateForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    period = forms.ChoiceField(label=_("Periode"), choices=[(p.code, p.label) for p in PERIODS.values()])

    def __init__(self, *args, years: list[int], sops=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]
        self.sops = {str(r.pk): r for r in sops}
        if len(self.sops) > 1:
            self.fields["sop"] = forms.ChoiceField(
                label=_("SOP yang dijalankan"),
                choices=[(pk, f"{r.nama} (revisi {r.number})") for pk, r in self.sops.items()],
                help_text=_("OPD ini mempunyai beberapa SOP yang berlaku."),
            )
        self.helper = NoTagHelper()

    def chosen_sop(self):
        if len(self.sops) == 1:
            return next(iter(self.sops.values()))
        return self.sops.get(self.cleaned_data.get("sop", ""))


class DispositionForm(forms.Form):
    instruction = forms.CharField(
        label=_("Isi disposisi"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Perintah Kepala kepada Sekretaris, misalnya: Lakukan pengukuran kinerja TW III."),
    )
    due_date = forms.DateField(label=_("Batas waktu"), required=False, widget=DatePicker())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = NoTagHelper()


class AssignmentForm(forms.Form):
    """Tim SAKIP, the Sekretaris' direction, and a PIC and due date per indicator."""

    team = forms.ModelMultipleChoiceField(
        label=_("Anggota Tim SAKIP"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Arahan"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )

    def __init__(self, *args, members, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = NoTagHelper()
        self.fields["team"].queryset = members
        self.items = items
        for item in items:
            self.fields[f"pic_{item.pk}"] = forms.ModelChoiceField(
                label=_("PIC"), queryset=members, required=False, initial=item.pic_id
            )
            self.fields[f"due_{item.pk}"] = forms.DateField(
                label=_("Batas waktu"),
                required=False,
                initial=item.due_date,
                widget=DatePicker(),
            )

    def item_rows(self):
        for item in self.items:
            yield item, self[f"pic_{item.pk}"], self[f"due_{item.pk}"]

    def pics(self) -> dict:
        return {
            item.pk: (self.cleaned_data.get(f"pic_{item.pk}"), self.cleaned_data.get(f"due_{item.pk}"))
            for item in self.items
        }


class RealisasiRowForm(forms.Form):
    value = IndonesianDecimalField(label=_("Realisasi"), required=False)
    unmeasured_reason = forms.CharField(
        label=_("Alasan tidak terukur"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 1}),
    )
    faktor_pendukung = forms.CharField(
        label=_("Faktor pendukung"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    faktor_penghambat = forms.CharField(
        label=_("Faktor penghambat"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    solusi = forms.CharField(
        label=_("Solusi / tindak lanjut"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = NoTagHelper()
        self.helper.layout = Layout(
            Row(
                Column(Field("value", autocomplete="off"), css_class="col-md-3"),
                Column("unmeasured_reason", css_class="col-md-9"),
            ),
            Row(
                Column("faktor_pendukung", css_class="col-md-4"),
                Column("faktor_penghambat", css_class="col-md-4"),
                Column("solusi", css_class="col-md-4"),
            ),
            "version",
        )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("value") is None
            and not (cleaned.get("unmeasured_reason") or "").strip()
            and not self.errors
        ):
            raise forms.ValidationError(_("Isi realisasi, atau jelaskan mengapa tidak dapat diukur."))
        return cleaned


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Berkas"), required=False)
    link = forms.CharField(label=_("atau tautan"), required=False, max_length=500)
