from django.contrib.admin.apps import AdminConfig


class SakipAdminConfig(AdminConfig):
    """The admin with the site that asks the policy (replaces django.contrib.admin)."""

    default_site = "sakip.admin_site.SakipAdminSite"
