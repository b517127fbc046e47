"""Forms read in Japanese down to the empty choice of a select."""

from django.urls import reverse


def test_an_empty_choice_reads_in_japanese(cast, client_as):
    page = client_as("A.hr").get(reverse("course_create", args=[cast.bodies["A"].code]))
    html = page.content.decode()
    assert '<option value="" selected>選んでください</option>' in html
    assert "---------" not in html


def test_the_error_summary_links_each_field_in_error(cast, client_as):
    page = client_as("A.hr").post(
        reverse("course_create", args=[cast.bodies["A"].code]), {"title": "", "hours": "2"}
    )
    html = page.content.decode()
    assert '<a href="#id_title">研修名：このフィールドは必須です。</a>' in html
    assert 'aria-invalid="true"' in html
