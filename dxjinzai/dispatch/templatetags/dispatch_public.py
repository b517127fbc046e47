"""What the pages outside the dispatch app show of it: the public request forms, linked
from the login page for schools, boards and NPOs that have no account."""

from __future__ import annotations

from django import template

from dxjinzai.dispatch.models import DispatchScheme
from dxjinzai.dispatch.selectors import public_scheme_list

register = template.Library()


@register.simple_tag
def public_dispatch_schemes() -> list[DispatchScheme]:
    return public_scheme_list()
