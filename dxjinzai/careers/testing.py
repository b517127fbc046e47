"""The test cast's 甲市 with this year's 挑戦制度 call open now and 職員 次郎 (A.staff)
applying for ICT・DX分野: used by the access matrix and the app's page tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from dxjinzai.careers import services
from dxjinzai.core import clock
from dxjinzai.lib.fiscal import fiscal_year_of
from dxjinzai.organizations.testing import Cast


def build_careers_cast(cast: Cast) -> dict[str, Any]:
    today = clock.today()
    call = services.call_save(
        actor=None,
        body=cast.bodies["A"],
        fiscal_year=fiscal_year_of(today),
        offered_fields=["ICT・DX分野", "福祉分野"],
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=10),
        min_years_of_service=10,
        description="班長ポストに就くまで、選んだ分野を軸に職務を行います。",
    )
    application = services.application_submit(
        actor=None,
        call=call,
        staff=cast.staff["A.member"],
        field="ICT・DX分野",
        statement="庁内のデータ活用を進めたい。",
        today=today,
    )
    return {"call": call, "application": application}
