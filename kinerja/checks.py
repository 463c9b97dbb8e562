from django.conf import settings
from django.core.checks import Error, Tags, register

from kinerja import policy
from kinerja.cycle import graph


@register(Tags.security, deploy=True)
def secret_key_given(app_configs, **kwargs):
    if getattr(settings, "SECRET_KEY_MISSING", False):
        return [
            Error(
                "SECRET_KEY tidak diisi: set environment variable SECRET_KEY untuk produksi.",
                id="sakip.E001",
            )
        ]
    return []


@register()
def every_transition_has_its_takers(app_configs, **kwargs):
    """The graph declares the transitions, the policy who takes them: none may lack its takers."""
    missing = [name for name in graph.NAMES if name not in policy.TRANSITION_ROLES]
    unknown = [name for name in policy.TRANSITION_ROLES if name not in graph.BY_NAME]
    errors = []
    if missing:
        errors.append(Error(f"TRANSITION_ROLES tidak menyebut {', '.join(missing)}", id="sakip.E002"))
    if unknown:
        errors.append(Error(f"TRANSITION_ROLES menyebut transisi tak dikenal {unknown}", id="sakip.E003"))
    return errors
