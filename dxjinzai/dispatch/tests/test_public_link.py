"""Schools, boards and NPOs without an account find the public request form from the
login page."""

from django.urls import reverse

from dxjinzai.dispatch.testing import build_dispatch_cast


def test_the_login_page_links_the_public_request_form(cast, client):
    made = build_dispatch_cast(cast)
    page = client.get(reverse("login")).content.decode()
    url = reverse("dispatch_public_request", args=[made["scheme"].pk])
    assert f'href="{url}"' in page
    assert "専門家の派遣を依頼する（自治体・学校・NPOの方）" in page
