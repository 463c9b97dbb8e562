from django.conf import settings
from django.core.checks import Error, Tags, register


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
