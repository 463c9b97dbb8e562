"""E-mail to the people a cycle now waits for (console backend in development)."""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail

from kinerja.cycle import policy as cycle_policy
from kinerja.models import Cycle, Membership, State

log = logging.getLogger(__name__)


def recipients(cycle: Cycle) -> list[str]:
    roles = cycle_policy.waiting_roles(cycle)
    users = {m.user for m in Membership.objects.filter(opd=cycle.opd, role__in=roles).select_related("user")}
    if cycle.state == State.PENGUMPULAN:
        users |= set(cycle.team.all())
        users |= {item.pic for item in cycle.items.select_related("pic") if item.pic}
    return sorted({u.email for u in users if u.email})


def notify_state(cycle_id: int, actor_name: str, note: str = "") -> int:
    """Tell the next actors; a mail failure is logged, never undoes the transition."""
    cycle = Cycle.objects.select_related("opd").get(pk=cycle_id)
    to = recipients(cycle)
    if not to:
        return 0
    subject = f"[SAKIP] {cycle}: tahap {cycle.get_state_display()}"
    body = (
        f"Siklus pengukuran {cycle} sekarang pada tahap {cycle.get_state_display()}.\n"
        f"Tindakan terakhir oleh {actor_name}.\n"
        + (f"Catatan: {note}\n" if note else "")
        + "\nBuka SAKIP Kinerja untuk menindaklanjuti."
    )
    try:
        return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in to])
    except Exception:  # mail is best effort; the transition stands
        log.exception("notification for cycle %s failed", cycle_id)
        return 0
