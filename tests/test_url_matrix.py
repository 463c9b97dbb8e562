"""Every URL pattern of the project, requested by every kind of user, against the declared policy.

The patterns come from the URL resolver, so a view added tomorrow fails this test until its
policy is declared here. Each GET must also leave the database exactly as it was.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kinerja.cycle import services as cycle_services
from kinerja.models import ArchivedDocument, Delegation, Evidence
from sop.models import SopTemplate
from sop.seeds import SEED_SOPS
from sop.services import revision_save
from tests.db_state import database_state
from tests.kinerja.cycle_helpers import new_cycle

pytestmark = pytest.mark.django_db

OWNERS = ("kepala", "sekretaris", "kepala_unit", "tim_sakip", "operator")
SAME_PEMDA = ("admin_pemda", "pemantau")
OTHER_OPD = tuple(f"other_{role}" for role in OWNERS)  # another OPD of the same Pemda
OUTSIDERS = (*OTHER_OPD, "foreign_admin_pemda", "foreign_pemantau")
ACTORS = ("anonymous", *OWNERS, *SAME_PEMDA, *OUTSIDERS)


def rule(ok=(), forbidden=(), hidden=OUTSIDERS, method_only=False):
    """Expected outcome per actor: ok, 403, 404; anonymous always goes to login."""
    table = {"anonymous": "login"}
    for actor in ACTORS[1:]:
        table[actor] = (
            "ok" if actor in ok else "404" if actor in hidden else "403" if actor in forbidden else "ok"
        )
    if method_only:
        table = {actor: ("login" if actor == "anonymous" else "405") for actor in ACTORS}
    return table


READ = rule(ok=(*OWNERS, *SAME_PEMDA))
PLAN_EDIT = rule(
    ok=("tim_sakip", "admin_pemda"), forbidden=("kepala", "sekretaris", "kepala_unit", "operator", "pemantau")
)
PEMDA_READ = rule(
    ok=SAME_PEMDA, forbidden=(*OWNERS, *OTHER_OPD), hidden=("foreign_admin_pemda", "foreign_pemantau")
)
PEMDA_ADMIN = rule(
    ok=("admin_pemda",),
    forbidden=(*OWNERS, "pemantau", *OTHER_OPD),
    hidden=("foreign_admin_pemda", "foreign_pemantau"),
)
ANY_USER = rule(ok=ACTORS[1:], hidden=())
PUBLIC = dict.fromkeys(ACTORS, "ok")
POST_ONLY = rule(method_only=True)
CYCLE_CREATE = rule(
    ok=("kepala", "sekretaris", "tim_sakip", "admin_pemda"), forbidden=("kepala_unit", "operator", "pemantau")
)
ASSIGN = rule(ok=("sekretaris",), forbidden=("kepala", "kepala_unit", "tim_sakip", "operator", *SAME_PEMDA))
SOP_EDIT = rule(
    ok=("tim_sakip", "admin_pemda"), forbidden=("kepala", "sekretaris", "kepala_unit", "operator", "pemantau")
)
SOP_CREATE = rule(
    ok=("tim_sakip", "admin_pemda", "other_tim_sakip", "foreign_admin_pemda"),
    forbidden=(
        *("kepala", "sekretaris", "kepala_unit", "operator", "pemantau", "foreign_pemantau"),
        *("other_kepala", "other_sekretaris", "other_kepala_unit", "other_operator"),
    ),
    hidden=(),
)

POLICY = {
    # name: (rule, kwargs builder, query string)
    "healthz": (PUBLIC, {}, ""),
    "verify": (PUBLIC, {}, ""),
    "login": (PUBLIC, {}, ""),
    "logout": (POST_ONLY, {}, ""),
    "password_change": (ANY_USER, {}, ""),
    "password_change_done": (ANY_USER, {}, ""),
    "kinerja:home": (ANY_USER, {}, ""),
    "kinerja:inbox": (ANY_USER, {}, ""),
    "kinerja:cycle_list": (ANY_USER, {}, ""),
    "sop:list": (ANY_USER, {}, ""),
    "sop:create": (SOP_CREATE, {}, ""),
    "sop:import": (SOP_CREATE, {}, ""),
    "sop:preview": (POST_ONLY, {}, ""),
    "kinerja:opd_detail": (READ, {"pk": "opd"}, ""),
    "kinerja:opd_recap": (READ, {"pk": "opd"}, "?periode=tw2&tahun=2026"),
    "kinerja:opd_dashboard": (READ, {"pk": "opd"}, "?periode=tw2&tahun=2026"),
    "kinerja:opd_recap_xlsx": (READ, {"pk": "opd"}, ""),
    "kinerja:opd_documents": (READ, {"pk": "opd"}, ""),
    "kinerja:opd_officials": (READ, {"pk": "opd"}, ""),
    "kinerja:delegation_create": (
        rule(ok=("admin_pemda",), forbidden=(*OWNERS, "pemantau")),
        {"pk": "opd"},
        "",
    ),
    "kinerja:delegation_end": (POST_ONLY, {"pk": "delegation"}, ""),
    "kinerja:periodic_report": (READ, {"pk": "opd", "year": 2026, "period": "tw2"}, ""),
    "kinerja:agreement": (READ, {"pk": "opd", "year": 2026}, ""),
    "kinerja:narrative_edit": (PLAN_EDIT, {"pk": "opd", "year": 2026, "period": "tw2"}, ""),
    "kinerja:renstra_create": (PLAN_EDIT, {"opd_pk": "opd"}, ""),
    "kinerja:renstra_edit": (PLAN_EDIT, {"pk": "renstra"}, ""),
    "kinerja:element_create": (PLAN_EDIT, {"renstra_pk": "renstra"}, ""),
    "kinerja:element_edit": (PLAN_EDIT, {"pk": "program"}, ""),
    "kinerja:element_delete": (PLAN_EDIT, {"pk": "program"}, ""),
    "kinerja:indicator_create": (PLAN_EDIT, {"element_pk": "sasaran"}, ""),
    "kinerja:indicator_detail": (READ, {"pk": "indicator"}, ""),
    "kinerja:indicator_edit": (PLAN_EDIT, {"pk": "indicator"}, ""),
    "kinerja:indicator_delete": (PLAN_EDIT, {"pk": "indicator"}, ""),
    "kinerja:targets_edit": (PLAN_EDIT, {"pk": "indicator", "year": 2026}, ""),
    "kinerja:onboarding_upload": (PLAN_EDIT, {"pk": "renstra"}, ""),
    "kinerja:onboarding_template": (PLAN_EDIT, {"pk": "renstra"}, ""),
    "kinerja:onboarding_apply": (POST_ONLY, {"pk": "renstra"}, ""),
    "kinerja:pemda_recap": (PEMDA_READ, {"pk": "pemda"}, ""),
    "kinerja:pemda_recap_xlsx": (PEMDA_READ, {"pk": "pemda"}, ""),
    "kinerja:pemda_settings": (PEMDA_ADMIN, {"pk": "pemda"}, ""),
    "sop:compliance_pemda": (PEMDA_READ, {"pk": "pemda"}, ""),
    "sop:compliance_opd": (READ, {"pk": "opd"}, ""),
    "kinerja:cycle_create": (CYCLE_CREATE, {"opd_pk": "opd"}, ""),
    "kinerja:cycle_detail": (READ, {"pk": "cycle"}, ""),
    "kinerja:cycle_grid": (READ, {"pk": "cycle"}, ""),
    "kinerja:cycle_report": (READ, {"pk": "cycle"}, ""),
    "kinerja:worksheet_download": (READ, {"pk": "cycle"}, ""),
    "kinerja:worksheet_upload": (READ, {"pk": "cycle"}, ""),
    "kinerja:worksheet_apply": (POST_ONLY, {"pk": "cycle"}, ""),
    "kinerja:sign_off_status": (READ, {"pk": "cycle"}, ""),
    "kinerja:cycle_assign": (ASSIGN, {"pk": "cycle"}, ""),
    "kinerja:cycle_revise": (POST_ONLY, {"pk": "cycle"}, ""),
    "kinerja:cycle_dispose": (POST_ONLY, {"pk": "cycle"}, ""),
    "kinerja:cycle_action": (POST_ONLY, {"pk": "cycle", "name": "mulai_pengumpulan"}, ""),
    "kinerja:item_save": (READ, {"pk": "cycle", "item_pk": "item"}, ""),
    "kinerja:item_preview": (READ, {"pk": "cycle", "item_pk": "item"}, ""),
    "kinerja:item_check": (POST_ONLY, {"pk": "cycle", "item_pk": "item"}, ""),
    "kinerja:item_reopen": (POST_ONLY, {"pk": "cycle", "item_pk": "item"}, ""),
    "kinerja:item_review": (POST_ONLY, {"pk": "cycle", "item_pk": "item"}, ""),
    "kinerja:evidence_upload": (POST_ONLY, {"pk": "cycle", "item_pk": "item"}, ""),
    "kinerja:evidence_download": (READ, {"pk": "evidence"}, ""),
    "kinerja:evidence_delete": (POST_ONLY, {"pk": "evidence"}, ""),
    "kinerja:document_download": (READ, {"pk": "document"}, ""),
    "sop:detail": (READ, {"pk": "sop"}, ""),
    "sop:pdf": (READ, {"pk": "sop"}, ""),
    "sop:export": (READ, {"pk": "sop"}, ""),
    "sop:edit": (SOP_EDIT, {"pk": "sop"}, ""),
}


def all_url_names(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the Django admin: staff only, tested in test_project.py
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from all_url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


@pytest.fixture
def objects(world):
    cycle = new_cycle(world)
    item = cycle.items.get()
    evidence = Evidence.objects.create(
        item=item, link="https://contoh.go.id/bukti", uploaded_by=world.users["tim_sakip"]
    )
    template = SopTemplate.objects.create(pemda=world.pemda, opd=world.opd, slug="sop-uji")
    revision_save(template=template, data=dict(SEED_SOPS[0]["revision"]))
    document = ArchivedDocument(
        kind="laporan_pengukuran",
        opd=world.opd,
        cycle=cycle,
        title="Laporan uji",
        sha256="0" * 64,
        code="ABCD-EFGH-JKLM",
        size=5,
        signer_name="X",
        signer_jabatan="Y",
        signed_at=cycle.created_at,
    )
    document.file.save("uji.pdf", ContentFile(b"%PDF-"), save=False)
    document.save()
    cycle_services.cycle_dispose(
        cycle_id=cycle.pk, user=world.users["kepala"], instruction="Ukur", due_date=None
    )
    delegation = Delegation.objects.create(  # over: grants nothing today
        opd=world.opd,
        user=world.users["sekretaris"],
        jabatan="Kepala Dinas Tenaga Kerja",
        name="Plh. Uji",
        nip="197001012000031001",
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2020, 1, 31),
        letter_number="800/1/2020",
    )
    return {
        "delegation": delegation.pk,
        "opd": world.opd.pk,
        "renstra": world.renstra.pk,
        "program": world.program.pk,
        "sasaran": world.sasaran.pk,
        "indicator": world.indicator.pk,
        "pemda": world.pemda.pk,
        "cycle": cycle.pk,
        "item": item.pk,
        "evidence": evidence.pk,
        "document": document.pk,
        "sop": template.pk,
    }


def outcome(response) -> str:
    if response.status_code == 302 and "/akun/masuk/" in response.get("Location", ""):
        return "login"
    if response.status_code in (200, 302):
        return "ok"
    return str(response.status_code)


def test_every_url_pattern_has_a_declared_policy():
    missing = sorted(set(all_url_names()) - set(POLICY))
    assert not missing, f"declare the access policy of: {missing}"


@pytest.mark.slow  # ~1,000 requests
def test_every_url_for_every_actor_follows_the_policy_and_leaks_nothing(world, objects, capsys):
    secrets = ("Jumlah wirausaha baru", "Dinas Tenaga Kerja", "Program Penempatan Tenaga Kerja")
    urls = []
    for name in sorted(set(all_url_names())):
        expected_by_actor, kwargs, query = POLICY[name]
        url = reverse(name, kwargs={k: objects.get(v, v) for k, v in kwargs.items()}) + query
        urls.append((name, url, expected_by_actor))
    tried, failures = 0, []
    for actor in ACTORS:
        # One signed-in client per actor for all its requests: signing in once, not once a request.
        client = Client()
        if actor != "anonymous":
            client.force_login(world.users[actor])
        # Taken after signing in (which writes the user's last_login). No GET may change it, so
        # the state after each request is compared with the one before it, as it was.
        before = database_state()
        for name, url, expected_by_actor in urls:
            client.cookies.pop("messages", None)  # each request on its own, as from a fresh sign-in
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            tried += 1
            got, expected = outcome(response), expected_by_actor[actor]
            if got != expected:
                failures.append(f"{name} as {actor}: expected {expected}, got {got}")
            if got in ("403", "404", "login") and actor in ("anonymous", *OUTSIDERS):
                text = body.decode(errors="ignore")
                leaked = [s for s in secrets if s in text]
                if leaked:
                    failures.append(f"{name} as {actor} leaks {leaked}")
            after = database_state()
            if after != before:
                failures.append(f"GET {name} as {actor} changed the database")
                before = after
    with capsys.disabled():
        print(f"\nURL matrix: {tried} requests over {len(POLICY)} URL patterns and {len(ACTORS)} actors")
    assert not failures, "\n".join(failures)
