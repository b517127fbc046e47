"""Finding one's work: a person of one body reaches its sections from the menu on any page
(the home page names no body), and the 人材育成 menu comes in three labelled groups."""

from django.urls import reverse


def test_a_person_of_one_body_reaches_its_sections_from_the_home_page(cast, client_as):
    code = cast.bodies["A"].code
    html = client_as("A.hr").get(reverse("home")).content.decode()
    for name in ("course_list", "pool_list", "target_list", "staff_list"):
        assert f'href="{reverse(name, args=[code])}"' in html, name


def test_the_training_menu_is_grouped(cast, client_as):
    html = (
        client_as("A.hr").get(reverse("course_list", args=[cast.bodies["A"].code])).content.decode()
    )
    for label in ("人材・スキル", "研修", "目標・成果"):
        assert 'class="subnav__label"' in html and label in html
    assert html.count('class="subnav__group"') == 3


def test_an_expert_is_not_offered_the_bodys_internal_sections(cast, client_as):
    code = cast.bodies["P"].code
    html = client_as("P.expert").get(reverse("home")).content.decode()
    assert f'href="{reverse("course_list", args=[code])}"' not in html
    assert f'href="{reverse("dispatch_home")}"' in html
