"""The whole demo consortium: the organisations app builds the bodies and people, then each
app's own demo builder adds its records on them, in the order the apps depend on each
other. This is the one place that knows every app; nothing imports it but its command and
its tests.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings

from dxjinzai.advisers.demo import build_advisers_demo
from dxjinzai.careers.demo import build_careers_demo
from dxjinzai.community.demo import build_community_demo
from dxjinzai.core import clock
from dxjinzai.dispatch.demo import build_dispatch_demo
from dxjinzai.improvements.demo import build_projects_demo, build_workshop_demo
from dxjinzai.organizations.demo import (
    CONSORTIUM_NAME,
    DEMO_PASSWORD,
    build_organizations_demo,
    build_standalone_town,
)
from dxjinzai.organizations.models import Body, Consortium, StaffMember
from dxjinzai.plans.demo import build_plans_demo
from dxjinzai.recruitment.demo import build_recruitment_demo
from dxjinzai.sharing.demo import build_sharing_demo
from dxjinzai.skills.search import search_documents_deferred
from dxjinzai.subsidies.demo import build_subsidies_demo
from dxjinzai.training.demo import build_training_demo


class DemoAlreadyBuilt(RuntimeError):
    pass


@dataclass
class Built:
    bodies: dict[str, Body]
    accounts: list[tuple[str, str]]
    staff_count: int


def build_demo(*, seed: int = 2026, size: float = 1.0) -> Built:
    """Build the whole demo consortium in one transaction."""
    if Consortium.objects.filter(name=CONSORTIUM_NAME).exists():
        raise DemoAlreadyBuilt(CONSORTIUM_NAME)
    # The demo's requests would mail their (fictitious) contacts on every status change.
    # Each person's search document is built once, at the end, not at every record added.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
        search_documents_deferred(),
    ):
        return _build(seed, size)


def _build(seed: int, size: float) -> Built:
    rng = random.Random(seed)
    base = build_organizations_demo(rng=rng, size=size)
    bodies, staff_by_body = base.bodies, base.staff_by_body
    build_dispatch_demo(
        pref=bodies["pref"],
        consortium=base.consortium,
        expert_user=get_user_model().objects.get(username="expert-demo"),
    )
    build_training_demo(bodies=bodies, staff_by_body=staff_by_body, rng=rng)
    build_plans_demo(bodies=bodies, staff_by_body=staff_by_body, rng=rng)
    build_sharing_demo(bodies=bodies, staff_by_body=staff_by_body, today=clock.today())
    build_subsidies_demo(bodies=bodies, staff_by_body=staff_by_body, today=clock.today())
    build_recruitment_demo(bodies=bodies, now=clock.now())
    build_careers_demo(body=bodies["pref"], staff=staff_by_body["pref"], today=clock.today())
    build_projects_demo(body=bodies["pref"], staff=staff_by_body["pref"], today=clock.today())
    build_workshop_demo(body=bodies["mishima"], staff=staff_by_body["mishima"])
    build_community_demo(pref=bodies["pref"], staff_by_body=staff_by_body, now=clock.now())
    # 三宅町, outside the consortium, runs its advisers on the platform alone.
    town = build_standalone_town(seed=seed, size=size)
    adviser_accounts = build_advisers_demo(
        body=town.body, staff=town.staff, password=DEMO_PASSWORD, today=clock.today()
    )
    bodies = {**bodies, "miyake": town.body}
    # The app builders add people of their own (福井県's example division).
    staff_count = StaffMember.unscoped.filter(body__in=bodies.values()).count()
    accounts = [*base.accounts, *town.accounts, *adviser_accounts]
    return Built(bodies=bodies, accounts=accounts, staff_count=staff_count)
