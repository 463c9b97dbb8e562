from django.utils.functional import SimpleLazyObject

from kinerja import access
from kinerja.cycle import selectors as cycle_selectors


def navigation(request):
    """The OPDs for the navigation menu, fetched only if a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_opds": SimpleLazyObject(lambda: list(access.visible_opds(user)[:100])),
        "nav_pemdas": SimpleLazyObject(lambda: access.pemda_links(user)),
        "nav_inbox": SimpleLazyObject(lambda: cycle_selectors.inbox(user)),
    }
