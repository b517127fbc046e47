"""Forms of the organisation pages. Field rules live on the models; these only present them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db import models

from dxjinzai.core.access import Access
from dxjinzai.core.forms import MonthField, limit_choices, set_choices
from dxjinzai.lib.text import normalize_code
from dxjinzai.organizations.models import (
    DEFAULT_IDLE_MINUTES,
    STAFF_FIELDS,
    Appointment,
    Body,
    Department,
    Grade,
    Role,
    SingleSignOn,
    StaffMember,
    StaffStatus,
)
from dxjinzai.organizations.selectors import account_list, staff_by_number

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = [
            "code",
            "name",
            "kana",
            "kind",
            "population",
            "staff_number_digits",
            "department_code_digits",
            "idle_timeout_minutes",
            "requires_second_factor",
        ]
        help_texts = {"code": "6桁。5桁で入力すると検査数字を補います。"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Left empty, the idle limit is the platform's default (8 hours).
        self.fields["idle_timeout_minutes"].required = False

    def clean_idle_timeout_minutes(self) -> int:
        minutes = self.cleaned_data.get("idle_timeout_minutes")
        return DEFAULT_IDLE_MINUTES if minutes is None else minutes


def _https_by_default(field: Any, **kwargs: Any) -> Any:
    """An address typed without a scheme is https (Django 6's default, chosen now)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class SingleSignOnForm(forms.ModelForm):
    """A body's identity provider. The secret is write-only: empty keeps the stored one."""

    client_secret = forms.CharField(
        label="クライアントシークレット",
        required=False,
        strip=True,
        max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="IdP でこのプラットフォームを登録したときに発行された値。保存後は表示しません（変更するときだけ入力）。",
    )

    class Meta:
        model = SingleSignOn
        fields = ["enabled", "issuer", "client_id", "match_by", "claim", "password_sign_in"]
        formfield_callback = _https_by_default


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["code", "name", "parent", "valid_from", "valid_to"]
        widgets = {"valid_from": DATE_WIDGET, "valid_to": DATE_WIDGET}

    def __init__(self, *args: Any, access: Access, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.body = body
        parents = Department.objects.visible_to(access).filter(body=body)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        limit_choices(self, "parent", parents)


class StaffForm(forms.ModelForm):
    class Meta:
        model = StaffMember
        fields = list(STAFF_FIELDS)
        widgets = {"hire_date": DATE_WIDGET}

    def __init__(self, *args: Any, access: Access, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.body = body
        limit_choices(self, "grade", Grade.objects.visible_to(access).filter(body=body))
        limit_choices(
            self,
            "department",
            (Department.objects.visible_to(access).filter(body=body, valid_to__isnull=True)),
        )


class AppointmentForm(forms.ModelForm):
    class Meta:
        model = Appointment
        fields = [
            "kind",
            "body",
            "department",
            "title",
            "is_concurrent",
            "fixed_term_basis",
            "specially_needed",
            "source_body",
            "adviser_contract",
            "days_per_month",
            "start_date",
            "end_date",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def __init__(
        self, *args: Any, access: Access, staff: StaffMember, bodies: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instance.staff = staff
        if not self.instance.pk:
            self.initial.setdefault("body", staff.body_id)
        limit_choices(self, "body", bodies, natural=True)
        limit_choices(self, "source_body", Body.objects.all(), natural=True)
        limit_choices(
            self,
            "department",
            (
                Department.objects.visible_to(access)
                .filter(body__in=bodies, valid_to__isnull=True)
                .select_related("body")
            ),
            label=lambda d: f"{d.body.name} {d.name}（{d.code}）",
        )


class StaffFilterForm(forms.Form):
    q = forms.CharField(label="氏名・フリガナ・職員番号", required=False)
    department = forms.ModelChoiceField(
        label="所属", queryset=Department.unscoped.none(), required=False, empty_label="すべて"
    )
    grade = forms.ModelChoiceField(
        label="職層", queryset=Grade.unscoped.none(), required=False, empty_label="すべて"
    )
    status = forms.ChoiceField(
        label="在職状況",
        choices=[("", "すべて"), *StaffStatus.choices],
        required=False,
        initial=StaffStatus.ACTIVE,
    )

    def __init__(self, *args: Any, access: Access, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            "department",
            Department.objects.visible_to(access).filter(body=body, valid_to__isnull=True),
        )
        limit_choices(self, "grade", Grade.objects.visible_to(access).filter(body=body))


class DepartmentFilterForm(forms.Form):
    q = forms.CharField(label="所属コード・所属名", required=False)
    as_of = forms.DateField(label="基準日", required=False, widget=DATE_WIDGET)
    include_closed = forms.BooleanField(label="廃止済みも含める", required=False)


_GRANTABLE_ROLES: list[tuple[str, str]] = [
    (Role.BODY_ADMIN, Role.BODY_ADMIN.label),
    (Role.HR_OFFICER, Role.HR_OFFICER.label),
    (Role.DEPT_HEAD, Role.DEPT_HEAD.label),
    (Role.EXPERT, Role.EXPERT.label),
    (Role.ADVISER, Role.ADVISER.label),
]


def _role_choices(body: Body) -> list[tuple[str, str]]:
    choices = list(_GRANTABLE_ROLES)
    if body.operated_consortia.exists():
        choices.insert(0, (Role.OPERATOR, Role.OPERATOR.label))
    return choices


class _RoleFields(forms.Form):
    department = forms.ModelChoiceField(
        label="所属（所属長のとき）",
        queryset=Department.unscoped.none(),
        required=False,
        empty_label="選択してください",
    )

    def __init__(self, *args: Any, access: Access, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.access = access
        self.body = body
        limit_choices(
            self,
            "department",
            Department.objects.visible_to(access).filter(body=body, valid_to__isnull=True),
        )


class AccountForm(_RoleFields):
    staff_number = forms.CharField(label="職員番号", max_length=20)
    username = forms.CharField(
        label="ユーザー名",
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="半角英数字と @ . + - _ が使えます。",
    )
    password = forms.CharField(
        label="初期パスワード",
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=(
            "空のままにすると、職員の記録のメールアドレスに招待メールを送り、本人がパスワードを"
            "設定します。入れる場合は12文字以上で、本人に伝え、最初のログイン後に変更してもらって"
            "ください。"
        ),
    )
    role = forms.ChoiceField(label="権限", required=False)
    field_order = ["staff_number", "username", "password", "role", "department"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "role", [("", "職員（自分の情報のみ）"), *_role_choices(self.body)])

    def clean_staff_number(self) -> StaffMember:
        number = normalize_code(self.cleaned_data["staff_number"])
        staff = staff_by_number(self.access, self.body, number)
        if staff is None:
            raise forms.ValidationError("この職員番号の職員は見つかりません。")
        return staff


class RoleGrantForm(_RoleFields):
    username = forms.CharField(label="ユーザー名", max_length=150)
    role = forms.ChoiceField(label="権限")
    field_order = ["username", "role", "department"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "role", _role_choices(self.body))

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"].strip()
        for account in account_list(self.access, self.body):
            if account.user.username == username:
                return account.user
        raise forms.ValidationError(
            "この団体のアカウントではありません。先にアカウントを作成してください。"
        )


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label="職員ファイル",
        help_text="人事給与システムから出力したCSV（UTF-8 または Shift_JIS）かExcel（.xlsx）。30MBまで。",
    )
    sheet = forms.CharField(
        label="シート名（Excelのとき）",
        required=False,
        help_text="空欄なら最初のシートを読みます。",
    )
    dry_run = forms.BooleanField(label="確認だけ行う（書き込まない）", required=False, initial=True)
    complete = forms.BooleanField(
        label="全職員のファイルとして扱う（載っていない在職者を退職にする）", required=False
    )
    only_valid = forms.BooleanField(
        label="エラーのある行を除いて、正しい行だけ取り込む", required=False
    )
    confirm_retirements = forms.BooleanField(
        label="退職になる人が在職者の1割を超えても取り込む（全職員のファイルのとき）",
        required=False,
        help_text="番号の崩れたファイルで在職者を退職にしないよう、1割を超えるときは止めて確認します。",
    )


class WorkDaysForm(forms.Form):
    month = MonthField(label="年月")
    days = forms.DecimalField(label="勤務日数", min_value=0, max_digits=3, decimal_places=1)
