"""The admin's read-only pages (kinerja.admin_base.ReadOnlyAdmin): rows written by the product's
services, or frozen once written, are never added or changed in the admin, even by a superuser."""

import pytest
from django.contrib.admin.sites import site

from kinerja.models import ArchivedDocument, CycleTransition, Realisasi, RealisasiHistory
from sop.models import SopLane, SopStep


@pytest.fixture
def superuser_request(rf, world):
    request = rf.get("/admin/")
    request.user = world.users["superuser"]
    return request


@pytest.mark.parametrize("model", [Realisasi, CycleTransition, ArchivedDocument])
def test_signed_and_logged_rows_are_never_added_changed_or_deleted(superuser_request, model):
    model_admin = site._registry[model]
    assert not model_admin.has_add_permission(superuser_request)
    assert not model_admin.has_change_permission(superuser_request)
    assert not model_admin.has_delete_permission(superuser_request)


@pytest.mark.parametrize("model", [RealisasiHistory, SopLane, SopStep])
def test_read_only_rows_that_may_be_deleted_are_still_never_added_or_changed(superuser_request, model):
    model_admin = site._registry[model]
    assert not model_admin.has_add_permission(superuser_request)
    assert not model_admin.has_change_permission(superuser_request)
    assert model_admin.has_delete_permission(superuser_request)
