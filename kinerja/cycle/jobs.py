"""Sign-off in the background: the kepala's click returns at once, the page shows progress.

The sign-off itself is the same atomic service (freeze, render, store, transition); it just runs
in a thread of the web process. If it fails, the transaction rolls back: the cycle stays in
pengesahan and the job says why. A job older than STALE (a restarted worker) counts as failed.
"""

import datetime
import logging
import threading

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.cycle import graph
from kinerja.cycle import policy as cycle_policy
from kinerja.cycle import services as cycle_services
from kinerja.models import Cycle, SignOffJob, State, User

log = logging.getLogger(__name__)
STALE = datetime.timedelta(minutes=10)


def start_sign_off(*, cycle: Cycle, user: User) -> SignOffJob:
    """Check what can be checked now, record the job, and run the sign-off."""
    if cycle.state != State.PENGESAHAN:
        raise cycle_services.CycleError(_("Siklus tidak dalam tahap pengesahan."))
    if not cycle_policy.holds_role_for(user, cycle, graph.SIGN):
        raise PermissionDenied(_("Peran Anda tidak dapat mengesahkan siklus ini."))
    refusal = cycle_policy.four_eyes_refusal(user, cycle, graph.SIGN) or cycle_policy.signatory_refusal(
        user, cycle
    )
    if refusal:
        raise cycle_services.CycleError(refusal)
    expire_stale(cycle)
    try:
        with transaction.atomic():
            job = SignOffJob.objects.create(cycle=cycle, user=user)
    except IntegrityError:
        raise cycle_services.CycleError(_("Pengesahan siklus ini sedang diproses.")) from None
    if getattr(settings, "SAKIP_RUN_JOBS_INLINE", False):
        run(job.pk)
    else:
        threading.Thread(
            target=_run_in_thread, args=(job.pk,), daemon=True, name=f"sign-off-{job.pk}"
        ).start()
    return job


def _run_in_thread(job_id: int) -> None:
    close_old_connections()
    try:
        run(job_id)
    finally:
        connection.close()


def run(job_id: int) -> None:
    job = SignOffJob.objects.select_related("cycle", "user").get(pk=job_id)
    try:
        cycle_services.cycle_sahkan(cycle_id=job.cycle_id, user=job.user)
    except (cycle_services.CycleError, PermissionDenied) as exc:
        _finish(job, SignOffJob.Status.FAILED, str(exc))
    except Exception:  # the user is told; the details go to the log
        log.exception("sign-off job %s failed", job_id)
        _finish(
            job,
            SignOffJob.Status.FAILED,
            _("Laporan yang disahkan gagal dibuat atau disimpan. Siklus belum disahkan; coba lagi."),
        )
    else:
        _finish(job, SignOffJob.Status.DONE, _("Siklus disahkan dan laporannya diarsipkan."))


def _finish(job: SignOffJob, status: str, message: str) -> None:
    SignOffJob.objects.filter(pk=job.pk).update(status=status, message=message, finished_at=timezone.now())


def expire_stale(cycle: Cycle) -> None:
    SignOffJob.objects.filter(
        cycle=cycle, status=SignOffJob.Status.RUNNING, started_at__lt=timezone.now() - STALE
    ).update(
        status=SignOffJob.Status.FAILED,
        message=_("Proses terhenti (server dimulai ulang). Coba lagi."),
        finished_at=timezone.now(),
    )


def latest(cycle: Cycle) -> SignOffJob | None:
    """The newest job; a stale running one is shown as failed (a GET never writes)."""
    job = cycle.sign_off_jobs.order_by("-started_at", "-id").first()
    if (
        job is not None
        and job.status == SignOffJob.Status.RUNNING
        and job.started_at < timezone.now() - STALE
    ):
        job.status = SignOffJob.Status.FAILED
        job.message = _("Proses terhenti (server dimulai ulang). Coba lagi.")
    return job
