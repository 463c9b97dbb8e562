"""Who may do what: the one declaration every permission check reads.

Three things decide an answer: the user's role (an OPD role from ``Role`` or a Pemda-wide
role from ``PemdaRole``), where the object lives (its OPD and Pemda) and, in a measurement
cycle, the cycle's state. This module holds the role sets; ``kinerja.access`` applies them
to OPDs and Pemda (scope: who sees what), ``kinerja.cycle_policy`` to cycles (state, and an
SOP's lanes replacing the default roles of a state), ``sop.access`` to SOP templates, and
the admin site asks ``may_use_admin``. No view holds a role name of its own.

Seeing is scope: a user sees the OPDs they hold a role in, and every OPD of a Pemda where
they hold a Pemda role. Objects outside that scope answer 404, never 403.
"""

from kinerja.cycle import graph
from kinerja.models import PemdaRole, Role, State

# ---------------------------------------------------------------- plan and Pemda

# Renstra, plan elements, indicators, targets, onboarding workbooks, report narratives
# (a Pemda role reaches every OPD of its Pemda).
PLAN_EDITORS = frozenset({Role.TIM_SAKIP, PemdaRole.ADMIN_PEMDA})
# Pemda-wide views: the Pemda recap and its export, SOP compliance across OPDs.
PEMDA_READERS = frozenset({PemdaRole.ADMIN_PEMDA, PemdaRole.PEMANTAU})
# Pemda settings: capaian formula, predikat scale, signature place.
PEMDA_CONFIGURERS = frozenset({PemdaRole.ADMIN_PEMDA})
# Record and end the Plt./Plh. delegations of an OPD's head (Bagian Organisasi / BKPSDM letters).
DELEGATION_RECORDERS = frozenset({PemdaRole.ADMIN_PEMDA})

# ---------------------------------------------------------------- SOP templates

# The Pemda's shared SOPs and those of each of its OPDs.
SOP_EDITORS_PEMDA = frozenset({PemdaRole.ADMIN_PEMDA})
# The SOPs of the user's own OPD.
SOP_EDITORS_OPD = frozenset({Role.TIM_SAKIP})

# ---------------------------------------------------------------- measurement cycles
# DOMAIN.md section 6. Only OPD roles act in a cycle: a Pemda-wide role reads it.

CYCLE_CREATORS = frozenset({Role.KEPALA, Role.SEKRETARIS, Role.TIM_SAKIP, PemdaRole.ADMIN_PEMDA})

# Who takes each transition of the graph (``kinerja.cycle.graph``: source, target, label, return)
# when the cycle's SOP has no step in its source state; with an SOP, the roles of that state's
# lanes take it instead. A system check (``kinerja.checks``) refuses a graph transition missing here.
TRANSITION_ROLES: dict[str, frozenset[str]] = {
    "mulai_pengumpulan": frozenset({Role.SEKRETARIS}),
    "ajukan_rekap": frozenset({Role.TIM_SAKIP}),
    "ajukan_reviu": frozenset({Role.TIM_SAKIP}),
    "kembalikan_ke_pengumpulan": frozenset({Role.SEKRETARIS}),
    "kembalikan_ke_rekap": frozenset({Role.SEKRETARIS}),
    "teruskan_pengesahan": frozenset({Role.SEKRETARIS}),
    "kembalikan_ke_reviu": frozenset({Role.KEPALA}),
    "sahkan": frozenset({Role.KEPALA}),
}

# The floor no SOP can lower (DOMAIN.md section 6, segregation of duties): in these states only
# these roles act, whatever the SOP's lanes say. An SOP may narrow a state to some of them,
# never widen it. The head signs; a person holding a recorded Plt./Plh. delegation for the
# OPD's head acts as the head (holds ``HEAD_ROLE`` there) while the delegation runs.
STATE_FLOOR: dict[str, frozenset[str]] = {
    State.REVIU: frozenset({Role.SEKRETARIS, Role.KEPALA}),
    State.PENGESAHAN: frozenset({Role.KEPALA}),
}
HEAD_ROLE = Role.KEPALA

# Four eyes: these transitions certify the cycle's values (passing the review, signing).
# Within one cycle nobody takes them for values they entered (realisasi saved in this cycle)
# or recapped (``graph.RECAP``), and the signer is not the person who passed the review
# (``graph.REVIEW``), unless the SOP gives reviu and pengesahan to the same pelaksana
# (DPMPTSP's Pengukuran Kinerja SOP: the Kadin reviews and signs).
CERTIFYING = frozenset({graph.REVIEW, graph.SIGN})

# Work inside a state that is not a transition (defaults; an SOP's disposisi steps
# replace them: the first step's lane disposes, the others assign).
DISPOSERS = frozenset({Role.KEPALA})  # writes the disposition, in disposisi
ASSIGNERS = frozenset({Role.SEKRETARIS})  # assigns Tim SAKIP and PICs, in disposisi and pengumpulan
ASSIGN_STATES = frozenset({State.DISPOSISI, State.PENGUMPULAN})
# Realisasi and evidence change only in pengumpulan, by these roles, the item's PIC or a
# member of the cycle's team; an archived cycle changes only through a revision cycle.
ENTRY_STATE = State.PENGUMPULAN
ENTRY_ROLES = frozenset({Role.TIM_SAKIP})
# Period ownership (DOMAIN.md section 6): each quarter's realisasi of an indicator belongs to
# one period's cycle (``capaian.owning_period``); only that cycle writes it. Once that cycle
# is in one of these states its values are shown (recap, review, signature, archive) and
# change only through it (returned to pengumpulan) or a revision cycle of its archive.
FROZEN_STATES = frozenset({State.REKAP, State.REVIU, State.PENGESAHAN, State.ARSIP})
# Of those, the ones still under review: what feeds their computed values (targets, the
# indicators' computation, the Pemda's capaian settings) holds until they leave them.
REVIEW_STATES = FROZEN_STATES - {State.ARSIP}
# Reopens an item a unit head marked complete, to correct it.
ITEM_REOPENERS = frozenset({Role.TIM_SAKIP})
# A unit head marks their unit's items complete or sends them back, in pengumpulan.
ITEM_CHECKERS = frozenset({Role.KEPALA_UNIT})

# Told by e-mail when a cycle is archived (in other states: whoever it now waits for).
ARCHIVE_NOTIFIED = frozenset({Role.TIM_SAKIP, Role.SEKRETARIS})


def floor_violations(steps) -> list[str]:
    """Steps whose lane maps a state to a role below its floor, in words naming step and lane.

    ``steps``: (number, state, lane label, role) for every step of an SOP revision.
    """
    labels = dict(Role.choices)
    problems = []
    for number, state, lane, role in steps:
        floor = STATE_FLOOR.get(state)
        if floor is not None and role not in floor:
            allowed = " atau ".join(str(labels[r]) for r in sorted(floor))
            problems.append(
                f"Langkah {number}: pelaksana '{lane}' ({labels.get(role, role)}) tidak boleh bertindak "
                f"pada tahap {State(state).label.lower()}; tahap ini hanya untuk {allowed}"
                + (" (atau Plt./Plh. yang tercatat)." if HEAD_ROLE in floor else ".")
            )
    return problems


# ---------------------------------------------------------------- the Django admin

# The Django admin edits every Pemda's rows without scope: it is the platform operator's
# tool (superusers), never an OPD's or a Pemda's. Their work has its own pages.


def may_use_admin(user) -> bool:
    return bool(user.is_active and user.is_superuser)
