from django import template

from dxjinzai.advisers.models import IdeaStatus

register = template.Library()


@register.filter
def idea_status(value: str) -> str:
    """An idea's state as the town reads it (提案, 検討中 …)."""
    return IdeaStatus(value).label
