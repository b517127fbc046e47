"""Targets of the seed's programmes, loadable in one click (issue 5 §1).

The figures are the seed's own; they load as entered-actual targets (the body's records do
not hold another body's history). 北海道 sets head-counts per level, but the figures are
in a chart the seed's text does not give, so there is no preset for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TargetPreset:
    key: str
    name: str
    unit: str
    cumulative: bool
    # A year with None is counted without a target of its own (a 3-year total's first years).
    yearly_targets: dict[int, int | None]
    final: tuple[int, int] | None = None
    actuals: dict[int, int] = field(default_factory=dict)
    # What the platform counts, or "manual" for an actual the body enters.
    metric: str = "manual"


TARGET_PRESETS = {
    preset.key: preset
    for preset in (
        TargetPreset(
            "shiga_challengers",
            "DX推進チャレンジャー 450人（滋賀県、R4〜R6）",
            "人",
            True,
            {2022: None, 2023: None, 2024: 450},
            final=(2024, 450),
        ),
        TargetPreset(
            "shiga_systems",
            "内製システム 100本（滋賀県、R4〜R6）",
            "本",
            True,
            {2022: None, 2023: None, 2024: 100},
            final=(2024, 100),
            # Counted from the register of in-house systems (improvements.InHouseSystem).
            metric="in_house_systems",
        ),
        TargetPreset(
            "tsukuba_literacy",
            "データリテラシー研修の受講者（つくば市）",
            "人",
            False,
            {2022: 510, 2023: 630, 2024: 750},
            actuals={2021: 493},
        ),
        TargetPreset(
            "kanazawa_leaders",
            "デジタル行政推進リーダー 100人（金沢市、R7まで）",
            "人",
            True,
            {2025: 100},
            final=(2025, 100),
        ),
        TargetPreset(
            "fukuroi_staff",
            "BPRを実践できる職員 毎年度24人・R2〜R5で96人（袋井市）",
            "人",
            True,
            {2020: 24, 2021: 48, 2022: 72, 2023: 96},
            final=(2023, 96),
            # Each year's BPR workshop is an improvement project of its cohort: a person
            # counts once, in the year of their first project.
            metric="project_members",
        ),
        TargetPreset(
            "fukuroi_improvements",
            "業務改善 毎年度3件・R2〜R5で12件（袋井市）",
            "件",
            True,
            {2020: 3, 2021: 6, 2022: 9, 2023: 12},
            final=(2023, 12),
            # Counted from the body's improvements, adopted proposals included (④).
            metric="improvements",
        ),
    )
}
