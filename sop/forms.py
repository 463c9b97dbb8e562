"""The SOP editor: identity, six lists, lanes and steps; turned into the exchange format."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.forms import DatePicker, IndonesianDecimalField
from kinerja.models import Role, State
from sop.models import Symbol, TimeUnit
from sop.validation import LISTS

LIST_LABELS = {
    "dasar_hukum": _("Dasar hukum"),
    "kualifikasi": _("Kualifikasi pelaksana"),
    "keterkaitan": _("Keterkaitan"),
    "peralatan": _("Peralatan/perlengkapan"),
    "peringatan": _("Peringatan"),
    "pencatatan": _("Pencatatan dan pendataan"),
}


class NoTagHelper(FormHelper):
    form_tag = False
    disable_csrf = True


class IdentityForm(forms.Form):
    nama = forms.CharField(label=_("Nama SOP"), max_length=250)
    nomor = forms.CharField(label=_("Nomor SOP"), max_length=100)
    pemda_label = forms.CharField(label=_("Nama Pemda (kop)"), max_length=200)
    opd_label = forms.CharField(label=_("Nama OPD (kop)"), max_length=250)
    unit_label = forms.CharField(label=_("Unit (kop)"), max_length=200, required=False)
    tanggal_pembuatan = forms.DateField(label=_("Tanggal pembuatan"), widget=DatePicker())
    tanggal_revisi = forms.DateField(label=_("Tanggal revisi"), required=False, widget=DatePicker())
    tanggal_efektif = forms.DateField(label=_("Tanggal efektif"), widget=DatePicker())
    disahkan_jabatan = forms.CharField(label=_("Disahkan oleh: jabatan"), max_length=250)
    disahkan_nama = forms.CharField(label=_("Disahkan oleh: nama"), max_length=150)
    disahkan_nip = forms.CharField(label=_("Disahkan oleh: NIP"), max_length=25, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in LISTS:
            self.fields[key] = forms.CharField(
                label=LIST_LABELS[key],
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Satu butir per baris."),
            )
        self.helper = NoTagHelper()

    @staticmethod
    def initial_from(data: dict) -> dict:
        initial = {k: v for k, v in data.items() if k not in ("lanes", "steps", *LISTS)}
        for key in LISTS:
            initial[key] = "\n".join(data.get(key) or [])
        return initial

    def data_dict(self) -> dict:
        cleaned = self.cleaned_data
        out = {k: v for k, v in cleaned.items() if k not in LISTS}
        for key in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
            out[key] = cleaned[key].isoformat() if cleaned.get(key) else None
        out["disahkan_nip"] = (cleaned.get("disahkan_nip") or "").replace(" ", "")
        for key in LISTS:
            out[key] = [line.strip() for line in (cleaned.get(key) or "").splitlines() if line.strip()]
        return out


class BlankRowMixin:
    """A row whose key fields are blank is an unused spare row, whatever its selects say."""

    key_fields: tuple[str, ...] = ()

    def has_changed(self) -> bool:
        return any((self.data.get(self.add_prefix(name)) or "").strip() for name in self.key_fields)


class LaneForm(BlankRowMixin, forms.Form):
    key_fields = ("label",)
    label = forms.CharField(label=_("Pelaksana"), max_length=120)
    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices)


class StepForm(BlankRowMixin, forms.Form):
    key_fields = ("description", "waktu", "kelengkapan", "output")
    description = forms.CharField(
        label=_("Kegiatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    lane = forms.IntegerField(label=_("Pelaksana (kolom ke-)"), min_value=1)
    symbol = forms.ChoiceField(label=_("Simbol"), choices=Symbol.choices)
    ya = forms.IntegerField(label=_("Ya ke no."), required=False, min_value=1)
    tidak = forms.IntegerField(label=_("Tidak ke no."), required=False, min_value=1)
    kelengkapan = forms.CharField(
        label=_("Kelengkapan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    waktu = IndonesianDecimalField(label=_("Waktu"))
    satuan = forms.ChoiceField(label=_("Satuan"), choices=TimeUnit.choices)
    output = forms.CharField(label=_("Output"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    keterangan = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    state = forms.ChoiceField(label=_("Tahap siklus"), choices=State.choices)


class TableHelper(FormHelper):
    template = "bootstrap5/table_inline_formset.html"
    form_tag = False
    disable_csrf = True


# absolute_max bounds what a POST can make the server build: a forged TOTAL_FORMS of 10**20 is
# refused with a message after at most this many forms, not rendered as ~1,000 empty rows.
LaneFormSet = forms.formset_factory(LaneForm, extra=1, can_delete=True, max_num=12, absolute_max=13)
StepFormSet = forms.formset_factory(
    StepForm, extra=1, can_delete=True, can_order=True, max_num=60, absolute_max=61
)


def formsets_to_data(identity: IdentityForm, lanes, steps) -> tuple[dict | None, list[str]]:
    """Turn valid forms into the exchange format; lane and branch numbers follow deletions and
    reordering (a branch keeps pointing at the same step)."""
    errors: list[str] = []
    data = identity.data_dict()
    lane_map: dict[int, int] = {}
    data["lanes"] = []
    for position, form in enumerate(lanes.forms, start=1):
        cleaned = form.cleaned_data
        if not cleaned or cleaned.get("DELETE") or not cleaned.get("label"):
            continue
        lane_map[position] = len(data["lanes"])
        data["lanes"].append({"label": cleaned["label"].strip(), "role": cleaned["role"]})
    kept = []
    for position, form in enumerate(steps.forms, start=1):
        cleaned = form.cleaned_data
        if not cleaned or cleaned.get("DELETE"):
            continue
        order = cleaned.get("ORDER")
        kept.append((order if order is not None else position, position, cleaned))
    kept.sort(key=lambda item: (item[0], item[1]))
    number_of = {position: index for index, (_o, position, _c) in enumerate(kept, start=1)}
    data["steps"] = []
    for _order, position, cleaned in kept:
        number = number_of[position]
        if cleaned["lane"] not in lane_map:
            errors.append(f"Langkah {number}: pelaksana kolom ke-{cleaned['lane']} tidak ada (atau dihapus).")
        branch = {}
        for key in ("ya", "tidak"):
            target = cleaned.get(key)
            if target is not None and target not in number_of:
                errors.append(
                    f"Langkah {number}: cabang {key} menuju langkah {target} yang tidak ada (atau dihapus)."
                )
            branch[key] = number_of.get(target) if target is not None else None
        data["steps"].append(
            {
                "number": number,
                "description": cleaned.get("description") or "",
                "lane": lane_map.get(cleaned["lane"], -1),
                "symbol": cleaned["symbol"],
                "ya": branch["ya"],
                "tidak": branch["tidak"],
                "kelengkapan": cleaned.get("kelengkapan") or "",
                "waktu": str(cleaned["waktu"]),
                "satuan": cleaned["satuan"],
                "output": cleaned.get("output") or "",
                "keterangan": cleaned.get("keterangan") or "",
                "state": cleaned["state"],
            }
        )
    return (None if errors else data), errors


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas JSON SOP"))
