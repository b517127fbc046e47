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


def test_the_status_select_preselects_nothing_and_an_empty_choice_is_refused(cast, client_as):
    made = build_dispatch_cast(cast)
    scheme, request = made["scheme"], made["request"]
    client = client_as("P.admin")
    page = client.get(reverse("dispatch_request_detail", args=[scheme.pk, request.pk]))
    html = page.content.decode()
    assert '<select id="next-status" name="status"><option value="">選んでください</option>' in html
    response = client.post(
        reverse("dispatch_request_status", args=[scheme.pk, request.pk]),
        {"status": ""},
        follow=True,
    )
    assert "変更後の状態を選んでください。" in response.content.decode()
