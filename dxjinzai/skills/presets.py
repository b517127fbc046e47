"""Preset talent frameworks, loadable in one click (issue 4).

Names of types, levels, role classes and categories are the seed's (the Ministry's case
collection) or the national standards' own. Where the seed gives only a count (愛知県:
"技術系スキル 6分類21項目") the item names are our wording and are marked `our_wording`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Our wording for the four steps of every skill item's proficiency scale.
PROFICIENCY_SCALE = [
    "知識として理解している",
    "助言を受けながら実践できる",
    "自ら実践できる",
    "他の職員を指導・支援できる",
]


@dataclass(frozen=True)
class CategoryPreset:
    name: str
    kind: str
    items: list[str]
    our_wording: bool = False


@dataclass(frozen=True)
class FrameworkPreset:
    key: str
    name: str
    description: str
    types: list[tuple[str, int | None]] = field(default_factory=list)
    levels: list[tuple[str, str]] = field(default_factory=list)
    role_classes: list[tuple[str, list[str]]] = field(default_factory=list)
    categories: list[CategoryPreset] = field(default_factory=list)
    is_reference: bool = False


AICHI = FrameworkPreset(
    key="aichi",
    name="愛知県職員デジタル人材育成計画（5つのデジタル人材）",
    description="5つのデジタル人材とスキルマップ（ソフトスキル3分類3項目、技術系スキル6分類21項目）。",
    types=[
        ("DX推進マネジャー", None),
        ("DX推進リーダー", None),
        ("DX推進デザイナー", None),
        ("デジタル導入担当者", None),
        ("デジタルアドバイザー", None),
    ],
    categories=[
        CategoryPreset("リーダーシップ", "soft", ["リーダーシップ"]),
        CategoryPreset("企画力", "soft", ["企画力"]),
        CategoryPreset("マネジメント", "soft", ["マネジメント"]),
        CategoryPreset(
            "全般",
            "technical",
            ["デジタル技術の基礎知識", "データ利活用", "行政のデジタル化の動向"],
            our_wording=True,
        ),
        CategoryPreset(
            "BPR",
            "technical",
            ["業務の可視化", "業務分析", "業務改善策の立案"],
            our_wording=True,
        ),
        CategoryPreset(
            "戦略",
            "technical",
            ["DX戦略の立案", "サービスデザイン", "利用者ニーズの把握"],
            our_wording=True,
        ),
        CategoryPreset(
            "企画調達運用",
            "technical",
            ["システム企画", "IT調達・仕様書作成", "プロジェクト管理", "運用・保守管理"],
            our_wording=True,
        ),
        CategoryPreset(
            "構築",
            "technical",
            ["ローコード・ノーコード開発", "RPA", "クラウドサービスの活用", "ネットワーク"],
            our_wording=True,
        ),
        CategoryPreset(
            "情報セキュリティ",
            "technical",
            [
                "情報セキュリティポリシー",
                "リスク評価",
                "インシデント対応",
                "個人情報保護",
            ],
            our_wording=True,
        ),
    ],
)

FUKUI = FrameworkPreset(
    key="fukui",
    name="福井県職員デジタル人材育成方針（役職区分）",
    description="役職区分ごとに必要な要件とスキルマップを定めた方針。",
    role_classes=[
        ("推進マネジメント層", ["戦略", "組織運営"]),
        ("プロジェクトリーダー層", ["プロジェクト運営", "専門スキル"]),
        ("DXリーダー", ["リテラシー", "知識", "業務改善"]),
        ("一般職員", ["リテラシー", "知識"]),
    ],
    categories=[
        CategoryPreset(
            "推進マネジメント層",
            "soft",
            ["リーダーシップ", "人材育成", "組織文化の変革", "インシデント管理"],
        ),
        CategoryPreset(
            "プロジェクトリーダー層",
            "technical",
            ["プロジェクトマネジメント", "DX実践知識", "DX推進ノウハウ"],
        ),
        CategoryPreset(
            "DXリーダー・一般職員",
            "technical",
            ["DX基礎知識", "業務改善", "システム開発・運営", "EBPM"],
        ),
    ],
)

TOKYO = FrameworkPreset(
    key="tokyo",
    name="東京都 デジタル力のレベルと育成体系",
    description="デジタル力のレベル（イメージ）と、それぞれに対応する育成策。",
    levels=[
        ("デジタルをつくる", "プロフェッショナル"),
        ("デジタルを使える", "リスキリング"),
        ("デジタルが分かる", "リテラシー"),
    ],
)

KANAZAWA = FrameworkPreset(
    key="kanazawa",
    name="金沢市 育成体制（将来数）",
    description="一般職員約2,000人から専門人材までの育成体制と将来の目標人数。",
    types=[
        ("一般職員", 2000),
        ("デジタル行政推進リーダー", 100),
        ("DXアドバイザー", 40),
        ("DXスペシャリスト", 10),
    ],
)

DX_SKILL_STANDARD = FrameworkPreset(
    key="dss",
    name="DX推進スキル標準（経済産業省・IPA）",
    description="DXを推進する人材の5つの人材類型。",
    types=[
        ("ビジネスアーキテクト", None),
        ("デザイナー", None),
        ("データサイエンティスト", None),
        ("ソフトウェアエンジニア", None),
        ("サイバーセキュリティ", None),
    ],
    is_reference=True,
)

DX_LITERACY = FrameworkPreset(
    key="dsl",
    name="DXリテラシー標準（経済産業省・IPA）",
    description="すべての働き手が身につけるべき知識・スキルの4つの柱。",
    categories=[
        CategoryPreset("マインド・スタンス", "soft", ["変化への適応", "データ・デジタルの活用"]),
        CategoryPreset("Why（DXの背景）", "technical", ["社会の変化", "顧客価値の変化"]),
        CategoryPreset("What（データ・技術）", "technical", ["データ", "デジタル技術"]),
        CategoryPreset("How（活用）", "technical", ["活用事例", "留意点"]),
    ],
    is_reference=True,
)

ITSS = FrameworkPreset(
    key="itss",
    name="ITスキル標準（ITSS）レベル",
    description="ITスキル標準の7段階のレベル。",
    levels=[(f"ITSSレベル{n}", "") for n in range(7, 0, -1)],
    is_reference=True,
)

MIC_EXTERNAL = FrameworkPreset(
    key="mic_external",
    name="自治体DX外部人材スキル標準（総務省）",
    description="自治体DX推進に必要とされる外部人材の4つの人材像。",
    types=[
        ("プロデューサー（CIO補佐官等）", None),
        ("プロジェクトマネージャー", None),
        ("サービスデザイナー", None),
        ("エンジニア", None),
    ],
    is_reference=True,
)

PRESETS: dict[str, FrameworkPreset] = {
    preset.key: preset
    for preset in (
        AICHI,
        FUKUI,
        TOKYO,
        KANAZAWA,
        DX_SKILL_STANDARD,
        DX_LITERACY,
        ITSS,
        MIC_EXTERNAL,
    )
}
