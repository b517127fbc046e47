"""The national qualification catalogue every body starts from (editable per body).

Names are the examinations' own. 情報処理安全確保支援士 is a registration renewed every
3 years with a 6-digit registration number; AWS certifications are valid for 3 years.
"""

from __future__ import annotations

IPA = "独立行政法人情報処理推進機構（IPA）"
JDLA = "一般社団法人日本ディープラーニング協会（JDLA）"

# (name, category, issuer, has_sitting, number_pattern, number_example, validity_years)
NATIONAL_CATALOGUE: list[tuple[str, str, str, bool, str, str, int | None]] = [
    ("ITパスポート試験", "ipa", IPA, False, "", "", None),
    ("情報セキュリティマネジメント試験", "ipa", IPA, False, "", "", None),
    ("基本情報技術者試験", "ipa", IPA, False, "", "", None),
    ("応用情報技術者試験", "ipa", IPA, False, "", "", None),
    ("ITストラテジスト試験", "ipa", IPA, False, "", "", None),
    ("システムアーキテクト試験", "ipa", IPA, False, "", "", None),
    ("プロジェクトマネージャ試験", "ipa", IPA, False, "", "", None),
    ("ネットワークスペシャリスト試験", "ipa", IPA, False, "", "", None),
    ("データベーススペシャリスト試験", "ipa", IPA, False, "", "", None),
    ("エンベデッドシステムスペシャリスト試験", "ipa", IPA, False, "", "", None),
    ("ITサービスマネージャ試験", "ipa", IPA, False, "", "", None),
    ("システム監査技術者試験", "ipa", IPA, False, "", "", None),
    ("情報処理安全確保支援士", "ipa", IPA, False, r"\d{6}", "012345", 3),
    ("G検定（ジェネラリスト検定）", "private", JDLA, True, "", "", None),
    ("E資格（エンジニア資格）", "private", JDLA, True, "", "", None),
    ("AWS Certified Cloud Practitioner", "vendor", "Amazon Web Services", False, "", "", 3),
    ("Microsoft Certified: Azure Fundamentals", "vendor", "Microsoft", False, "", "", None),
]
