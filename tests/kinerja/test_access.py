"""Every planning page, requested by every kind of user (healthchecks-style threes and more)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OWNER_ROLES = ("kepala", "sekretaris", "kepala_unit", "tim_sakip", "operator")
READERS = (*OWNER_ROLES, "admin_pemda", "pemantau", "superuser")
EDITORS = ("tim_sakip", "admin_pemda", "superuser")
OUTSIDERS = ("other_tim_sakip", "foreign_admin_pemda", "foreign_pemantau")


def read_urls(w):
    return [
        reverse("kinerja:opd_detail", args=[w.opd.pk]),
        reverse("kinerja:indicator_detail", args=[w.indicator.pk]),
    ]


def edit_urls(w):
    return [
        reverse("kinerja:renstra_create", args=[w.opd.pk]),
        reverse("kinerja:renstra_edit", args=[w.renstra.pk]),
        reverse("kinerja:element_create", args=[w.renstra.pk]),
        reverse("kinerja:element_create", args=[w.renstra.pk]) + f"?induk={w.sasaran.pk}",
        reverse("kinerja:element_edit", args=[w.program.pk]),
        reverse("kinerja:element_delete", args=[w.program.pk]),
        reverse("kinerja:indicator_create", args=[w.sasaran.pk]),
        reverse("kinerja:indicator_edit", args=[w.indicator.pk]),
        reverse("kinerja:indicator_delete", args=[w.indicator.pk]),
        reverse("kinerja:targets_edit", args=[w.indicator.pk, 2026]),
    ]


def test_anonymous_users_are_sent_to_login(client, world):
    for url in [reverse("kinerja:home"), *read_urls(world), *edit_urls(world)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("role", READERS)
def test_every_role_of_the_opd_and_its_pemda_can_read(login, world, role):
    client = login(world.users[role])
    for url in read_urls(world):
        response = client.get(url)
        assert response.status_code == 200, (role, url)
        assert "Jumlah wirausaha baru" in response.text


@pytest.mark.parametrize("role", OUTSIDERS)
def test_users_of_other_opds_get_404_and_no_data(login, world, role):
    client = login(world.users[role])
    for url in [*read_urls(world), *edit_urls(world)]:
        response = client.get(url)
        assert response.status_code == 404, (role, url)
        assert "Jumlah wirausaha baru" not in response.text
        assert "Dinas Tenaga Kerja" not in response.text


@pytest.mark.parametrize("role", EDITORS)
def test_plan_editors_can_open_every_edit_page(login, world, role):
    client = login(world.users[role])
    for url in edit_urls(world):
        assert client.get(url).status_code == 200, (role, url)


@pytest.mark.parametrize("role", sorted(set(READERS) - set(EDITORS)))
def test_readers_get_403_on_edit_pages_and_posts_change_nothing(login, world, role):
    client = login(world.users[role])
    for url in edit_urls(world):
        assert client.get(url).status_code == 403, (role, url)
    response = client.post(
        reverse("kinerja:indicator_edit", args=[world.indicator.pk]),
        {"name": "Diubah diam-diam", "satuan": "x", "polarity": "positif", "aggregation": "kumulatif"},
    )
    assert response.status_code == 403
    response = client.post(reverse("kinerja:indicator_delete", args=[world.indicator.pk]))
    assert response.status_code == 403
    world.indicator.refresh_from_db()
    assert world.indicator.name == "Jumlah wirausaha baru"


def test_readers_see_no_edit_buttons_and_editors_do(login, world):
    page = login(world.users["operator"]).get(reverse("kinerja:opd_detail", args=[world.opd.pk]))
    assert reverse("kinerja:indicator_create", args=[world.sasaran.pk]) not in page.text
    page = login(world.users["tim_sakip"]).get(reverse("kinerja:opd_detail", args=[world.opd.pk]))
    assert reverse("kinerja:indicator_create", args=[world.sasaran.pk]) in page.text


def test_home_lists_only_my_opds(login, world):
    page = login(world.users["operator"]).get(reverse("kinerja:home"))
    assert "Dinas Tenaga Kerja" in page.text
    assert "Kecamatan Candipuro" not in page.text
    assert "Rahasia" not in page.text


def test_pemda_roles_see_every_opd_of_their_pemda_only(login, world):
    page = login(world.users["pemantau"]).get(reverse("kinerja:home"))
    assert "Dinas Tenaga Kerja" in page.text
    assert "Kecamatan Candipuro" in page.text
    assert "Rahasia" not in page.text


def test_a_user_without_any_role_sees_an_empty_state(login, db):
    from tests.factories import UserFactory

    page = login(UserFactory()).get(reverse("kinerja:home"))
    assert page.status_code == 200
    assert "belum terdaftar di OPD" in page.text


def test_an_opd_without_renstra_shows_how_to_start(login, world):
    from tests.factories import MembershipFactory

    MembershipFactory(user=world.users["tim_sakip"], opd=world.other_opd, role="tim_sakip")
    page = login(world.users["tim_sakip"]).get(reverse("kinerja:opd_detail", args=[world.other_opd.pk]))
    assert "Belum ada Renstra" in page.text
    assert reverse("kinerja:renstra_create", args=[world.other_opd.pk]) in page.text


def test_logout_needs_post(login, world):
    client = login(world.users["operator"])
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("kinerja:home")).status_code == 302
