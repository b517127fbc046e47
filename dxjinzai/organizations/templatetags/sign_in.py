"""The sign-in page's buttons for the bodies whose people sign in through a provider."""

from __future__ import annotations

from django import template

from dxjinzai.organizations import selectors
from dxjinzai.organizations.models import SingleSignOn

register = template.Library()


@register.simple_tag
def single_sign_on_choices() -> list[SingleSignOn]:
    return list(selectors.bodies_signing_in_through_a_provider().order_by("body__code"))
