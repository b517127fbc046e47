"""Forms read in Japanese down to the empty choice of a select."""

from django.urls import reverse


def test_an_empty_choice_reads_in_japanese(cast, client_as):
    page = client_as("A.hr").get(reverse("course_create", args=[cast.bodies["A"].code]))
    html = page.content.decode()
    assert '<option value="" selected>選んでください</option>' in html
    assert "---------" not in html
