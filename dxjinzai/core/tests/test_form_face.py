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


def test_a_list_of_names_in_a_select_is_in_natural_order(cast):
    from django import forms

    from dxjinzai.core.forms import limit_choices
    from dxjinzai.organizations.models import Body, BodyKind
    from dxjinzai.organizations.services import body_create

    for n in (10, 2, 1):
        body_create(actor=None, name=f"県立高等学校{n}", kind=BodyKind.SCHOOL)

    class Pick(forms.Form):
        body = forms.ModelChoiceField(queryset=Body.objects.none())

    form = Pick()
    limit_choices(form, "body", Body.objects.filter(name__startswith="県立"), natural=True)
    html = str(form["body"])
    labels = [html.index(f">県立高等学校{n}<") for n in (1, 2, 10)]
    assert labels == sorted(labels)
    assert html.index(">選んでください<") < labels[0]  # the empty choice first
