"""The scope registry: every body-owned model of every app has its rule, registered by the
app that owns the model; a model without a rule refuses scoped queries; a rule cannot be
registered twice by mistake."""

from importlib import import_module

import pytest
from django.apps import apps

from dxjinzai.core.access import Access
from dxjinzai.core.scoping import (
    BodyOwnedModel,
    register_scope_rules,
    scope_queryset,
    scoped_models,
)
from dxjinzai.organizations.models import StaffMember


def _body_owned_models() -> set[type]:
    return {m for m in apps.get_models() if issubclass(m, BodyOwnedModel)}


def test_every_body_owned_model_has_a_rule():
    assert _body_owned_models() - scoped_models() == set()
    assert len(_body_owned_models()) >= 35


def test_each_app_declares_the_rules_of_its_own_models_only():
    declared: set[type] = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("dxjinzai."):
            continue
        try:
            rules = import_module(f"{config.name}.scopes").SCOPE_RULES
        except ModuleNotFoundError:
            continue
        assert {m._meta.app_config for m in rules} == {config}, config.name
        declared |= set(rules)
    assert declared == scoped_models()


def test_a_model_without_a_rule_refuses_a_scoped_query(db):
    class Unruled(BodyOwnedModel):
        class Meta:
            app_label = "core"
            managed = False

    viewer = Access(user_id=1, roles_by_body={1: frozenset({"hr_officer"})})
    with pytest.raises(NotImplementedError, match="Unruled にアクセス規則がありません"):
        Unruled.objects.visible_to(viewer)
    apps.all_models["core"].pop("unruled", None)


def test_a_second_rule_for_a_model_is_refused():
    with pytest.raises(ValueError, match="既に登録されています"):
        register_scope_rules({StaffMember: lambda qs, access: qs})


def test_anonymous_gets_no_rows_whatever_the_rule(cast):
    assert StaffMember.unscoped.exists()
    assert not scope_queryset(StaffMember.unscoped.all(), Access(user_id=None)).exists()
