import pytest


def test_home_page_is_swedish_and_links_the_accessibility_statement(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="sv">' in response.text
    assert "Tillgänglighetsredogörelse" in response.text


@pytest.mark.parametrize("path", [
    "/my-councils", "/councils/", "/councils/socialtjanst", "/councils/socialtjanst/members",
    "/councils/socialtjanst/members/new", "/councils/socialtjanst/edit", "/admin/councils/new",
    "/admin/organisations/", "/admin/organisations/new", "/admin/accounts", "/admin/accounts/new",
    "/admin/audit", "/profile", "/profile/password", "/tillganglighet",
])
def test_admin_pages_render(client, auth, world, path):
    auth.login(world.admin)
    response = client.get(path)
    assert response.status_code == 200, response.text
