"""Which leader class and talent type the dashboards open on, before anyone chooses."""

from types import SimpleNamespace as Named

from dxjinzai.dashboards.rules import default_coverage_type, default_leader_class


def test_the_leader_class_named_dx_leader_is_the_default():
    classes = [Named(name="DX推進員"), Named(name="DXリーダー"), Named(name="DXリーダー補")]
    assert default_leader_class(classes) is classes[1]
    assert default_leader_class([Named(name="DX推進員")]) is None


def test_coverage_opens_on_the_first_leader_type_else_the_first_type():
    types = [Named(name="データ分析人材"), Named(name="DX推進リーダー"), Named(name="リーダー2")]
    assert default_coverage_type(types) is types[1]
    assert default_coverage_type(types[:1]) is types[0]
    assert default_coverage_type([]) is None
