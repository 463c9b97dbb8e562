from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = _("Kinerja")

    def ready(self) -> None:
        from kinerja import (
            checks,  # noqa: F401  (registers the deploy checks)
            sessions,  # noqa: F401  (marks a new session as seen at login)
        )
