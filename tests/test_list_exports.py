"""The lists that had no download now offer one (CSV UTF-8-BOM / Shift_JIS, XLSX), audited
like every export: the pool, joint contracts, targets, requirements, frameworks and the
public form's submissions."""

import csv
import io

import pytest
from django.urls import reverse

from dxjinzai.core.models import AuditAction, AuditEntry
from dxjinzai.dispatch.testing import build_dispatch_cast
from dxjinzai.training.testing import build_training_cast

LISTS = {
    "pool_list": "表示名",
    "contract_list": "年度",
    "target_list": "目標",
    "requirement_list": "研修",
    "framework_list": "名称",
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_each_list_downloads_with_its_header(name, cast, client_as):
    build_training_cast(cast)
    url = reverse(name, args=[cast.bodies["A"].code])
    client = client_as("A.hr")
    assert "この一覧をダウンロード" in client.get(url).content.decode()
    response = client.get(f"{url}?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header[0] == LISTS[name]
    assert AuditEntry.unscoped.filter(action=AuditAction.EXPORT).exists()


def test_the_requirements_download_says_whom_each_asks(cast, client_as):
    build_training_cast(cast)
    url = reverse("requirement_list", args=[cast.bodies["A"].code])
    response = client_as("A.hr").get(f"{url}?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][:4] == ["情報セキュリティ研修", "必須", "全職員", "令和6年度"]


def test_the_submissions_download(cast, client_as):
    made = build_dispatch_cast(cast)
    url = reverse("dispatch_submissions", args=[made["scheme"].pk])
    response = client_as("P.admin").get(f"{url}?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
