"""Who acts in a service: the signed-in official (`request.user`), or None when the system
acts (the demo builder, a management command, a background job without an official)."""

from django.contrib.auth.models import AnonymousUser, User

Actor = User | AnonymousUser | None


def acting_user(actor: Actor) -> User | None:
    """The account to record as the one who acted, or None for the system."""
    return actor if isinstance(actor, User) and actor.pk else None
