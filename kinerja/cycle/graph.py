"""The cycle's states and transitions, declared once (DOMAIN.md section 6).

Data, not code: the model builds its django-fsm transitions from ``TRANSITIONS``; the policy
says who takes each one (``kinerja.policy.TRANSITION_ROLES``); the services run them; the
cycle page draws its buttons and the tests build their matrix from the same tuples. Nothing
here touches the database or imports a model.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DISPOSISI = "disposisi", _("Disposisi")
    PENGUMPULAN = "pengumpulan", _("Pengumpulan")
    REKAP = "rekap", _("Rekap")
    REVIU = "reviu", _("Reviu")
    PENGESAHAN = "pengesahan", _("Pengesahan")
    ARSIP = "arsip", _("Arsip")


STATE_ORDER = [s.value for s in State]


@dataclass(frozen=True)
class Transition:
    name: str
    source: str
    target: str
    label: Promise
    # A return sends the cycle back and needs a note saying what to fix.
    is_return: bool = False


TRANSITIONS: tuple[Transition, ...] = (
    Transition("mulai_pengumpulan", State.DISPOSISI, State.PENGUMPULAN, _("Mulai pengumpulan data")),
    Transition("ajukan_rekap", State.PENGUMPULAN, State.REKAP, _("Selesai pengumpulan, lanjut rekap")),
    Transition("ajukan_reviu", State.REKAP, State.REVIU, _("Ajukan rekap untuk direviu")),
    Transition(
        "kembalikan_ke_pengumpulan",
        State.REVIU,
        State.PENGUMPULAN,
        _("Kembalikan untuk perbaikan data"),
        is_return=True,
    ),
    Transition(
        "kembalikan_ke_rekap", State.REVIU, State.REKAP, _("Kembalikan untuk perbaikan rekap"), is_return=True
    ),
    Transition("teruskan_pengesahan", State.REVIU, State.PENGESAHAN, _("Teruskan ke Kepala untuk disahkan")),
    Transition(
        "kembalikan_ke_reviu", State.PENGESAHAN, State.REVIU, _("Kembalikan ke Sekretaris"), is_return=True
    ),
    Transition("sahkan", State.PENGESAHAN, State.ARSIP, _("Sahkan dan arsipkan")),
)

BY_NAME: dict[str, Transition] = {t.name: t for t in TRANSITIONS}
NAMES: tuple[str, ...] = tuple(BY_NAME)
RETURNS = frozenset(t.name for t in TRANSITIONS if t.is_return)

# The transitions that carry a meaning of their own beyond moving the state.
REVIEW = "teruskan_pengesahan"  # its takers review the items (mark "perlu perbaikan") in reviu
RECAP = "ajukan_reviu"  # who takes it recapped the values
SIGN = "sahkan"  # the head signs: values frozen, the report issued


def leaving(state: str) -> list[Transition]:
    """The transitions out of ``state``, forward moves first, in the order declared."""
    return sorted((t for t in TRANSITIONS if t.source == state), key=lambda t: t.is_return)


def source_of(name: str) -> str:
    return BY_NAME[name].source
