"""A stage by the name the body gives it: {{ applicant.stage|stage_name:stage_names }}."""

from django import template

from dxjinzai.recruitment.models import Stage

register = template.Library()


@register.filter
def stage_name(stage: str, names: dict[str, str]) -> str:
    if not stage:
        return ""
    return names.get(stage) or Stage(stage).label
