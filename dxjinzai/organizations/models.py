"""Bodies, consortia, departments, job grades, staff, appointments and role grants."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from dxjinzai.core import clock
from dxjinzai.core.roles import Role
from dxjinzai.core.scoping import BodyOwnedModel
from dxjinzai.lib.bodycode import BodyCodeError, normalize_body_code
from dxjinzai.lib.text import (
    is_katakana,
    normalize_code,
    staff_number_problem,
    to_fullwidth_katakana,
)
from dxjinzai.organizations.rules import (
    AppointmentKind,
    FixedTermBasis,
    appointment_term_error,
    hire_date_error,
    validity_error,
)


class BodyKind(models.TextChoices):
    PREFECTURE = "prefecture", "都道府県"
    MUNICIPALITY = "municipality", "市区町村"
    SCHOOL_BOARD = "school_board", "教育委員会"
    SCHOOL = "school", "学校"
    UNIVERSITY = "university", "大学"
    NPO = "npo", "NPO"
    OTHER = "other", "その他"


# Kinds that are 地方公共団体 and so must carry a 団体コード.
PUBLIC_BODY_KINDS = {BodyKind.PREFECTURE, BodyKind.MUNICIPALITY}


# How long a session may stay idle unless the body says otherwise (settings.SESSION_IDLE_SECONDS).
DEFAULT_IDLE_MINUTES = 480


class Body(models.Model):
    """団体: the unit of data ownership. Not body-owned itself; visibility is in the access layer."""

    code = models.CharField("団体コード", max_length=6, unique=True, null=True, blank=True)
    name = models.CharField("名称", max_length=100)
    kana = models.CharField("フリガナ", max_length=200, blank=True)
    kind = models.CharField("種別", max_length=20, choices=BodyKind.choices)
    population = models.PositiveIntegerField("人口", null=True, blank=True)
    is_active = models.BooleanField("有効", default=True)
    # Spreadsheet programs drop the leading zeros of codes ("000123" → 123); an import pads
    # such a number back to this width (organizations.rules.restore_leading_zeros).
    staff_number_digits = models.PositiveSmallIntegerField(
        "職員番号の桁数",
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(20)],
        help_text="先頭の0を含む桁数（例：000123 なら6）。取込で0が落ちた番号をこの桁数に補います。"
        "番号の桁数が決まっていないときは空欄にします。",
    )
    department_code_digits = models.PositiveSmallIntegerField(
        "所属コードの桁数",
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(20)],
        help_text="先頭の0を含む桁数（例：0110 なら4）。取込で0が落ちたコードをこの桁数に補います。",
    )
    # Sessions idle this long are signed out (issue 19 §4); a person of several bodies gets
    # the shortest of theirs. The session cookie lives at most 12 hours (settings).
    idle_timeout_minutes = models.PositiveSmallIntegerField(
        "操作がないときのログアウト（分）",
        default=DEFAULT_IDLE_MINUTES,
        validators=[MinValueValidator(15), MaxValueValidator(720)],
        help_text="この時間、操作がないとログアウトします（15〜720分。既定は480分＝8時間）。"
        "変更は次のログインから。",
    )
    # Those who see others' data (roles above 職員) must use a second factor (issue 19 §2).
    requires_second_factor = models.BooleanField(
        "二要素認証を必須にする",
        default=False,
        help_text="人事担当・団体管理者・所属長・運営者などの権限がある人は、認証アプリの確認コードがないとログインできなくなります。"
        "職員（自分の情報のみ）は任意です。",
    )

    class Meta:
        verbose_name = "団体"
        verbose_name_plural = "団体"
        ordering = ["code", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.code:
            try:
                self.code = normalize_body_code(self.code)
            except BodyCodeError as error:
                raise ValidationError({"code": str(error)}) from error
        elif self.kind in PUBLIC_BODY_KINDS:
            raise ValidationError({"code": "都道府県・市区町村には団体コードが必要です。"})
        else:
            self.code = None
        if self.kana and not is_katakana(self.kana):
            raise ValidationError({"kana": "フリガナは全角カタカナで入力してください。"})

    @property
    def url_key(self) -> str:
        """What identifies the body in a URL: its 団体コード, or its id for other requesters."""
        return self.code or f"x{self.pk}"


class SignInClaim(models.TextChoices):
    """What the identity provider's claim holds, to find the person's staff record."""

    EMAIL = "email", "メールアドレス"
    STAFF_NUMBER = "staff_number", "職員番号"


class SingleSignOn(models.Model):
    """シングルサインオン: the OpenID Connect identity provider a body's people sign in with.

    The provider only proves who someone is; the platform's account must already exist and
    be linked to the staff record the claim names. Nothing here grants a role."""

    body = models.OneToOneField(
        Body, on_delete=models.CASCADE, related_name="single_sign_on", verbose_name="団体"
    )
    enabled = models.BooleanField(
        "シングルサインオンを使う",
        default=False,
        help_text="有効にすると、ログイン画面に「（団体名）のアカウントでログイン」が表示されます。",
    )
    issuer = models.URLField(
        "発行者（Issuer）のURL",
        max_length=300,
        help_text="IdP の管理画面に表示される Issuer（例：https://login.example.lg.jp/realms/pref）。"
        "末尾の /.well-known/openid-configuration は不要です。",
    )
    client_id = models.CharField("クライアントID", max_length=200)
    # Fernet-sealed with a key derived from SECRET_KEY (organizations.sealing); never shown.
    client_secret_sealed = models.TextField("クライアントシークレット（暗号化）", blank=True)
    match_by = models.CharField(
        "職員との照合",
        max_length=20,
        choices=SignInClaim.choices,
        default=SignInClaim.EMAIL,
        help_text="IdP から届く値を、職員名簿のメールアドレスと職員番号のどちらと照合するか。",
    )
    claim = models.CharField(
        "照合に使う属性（クレーム名）",
        max_length=100,
        default="email",
        help_text="IdP の ID トークンで値が入っている属性の名前（例：email、employee_number）。",
    )
    password_sign_in = models.BooleanField(
        "パスワードでのログインも認める",
        default=True,
        help_text="外すと、この団体の職員・権限のある人はパスワードではログインできず、"
        "パスワードを忘れた場合のメールも届きません。",
    )

    class Meta:
        verbose_name = "シングルサインオン"
        verbose_name_plural = "シングルサインオン"

    def __str__(self) -> str:
        return f"{self.body}のシングルサインオン"

    def clean(self) -> None:
        self.issuer = self.issuer.rstrip("/")
        if not self.issuer.startswith("https://") and not settings.SSO_ALLOW_HTTP_ISSUER:
            raise ValidationError({"issuer": "発行者のURLは https:// で始まる必要があります。"})


class Consortium(models.Model):
    """連携協議会: an operator prefecture and the bodies that share talent with it."""

    name = models.CharField("名称", max_length=100)
    operator = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="operated_consortia", verbose_name="運営団体"
    )
    members: models.ManyToManyField = models.ManyToManyField(
        Body, through="ConsortiumMembership", related_name="consortia", verbose_name="参加団体"
    )

    class Meta:
        verbose_name = "連携協議会"
        verbose_name_plural = "連携協議会"

    def __str__(self) -> str:
        return self.name


class ConsortiumMembership(models.Model):
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE)
    body = models.ForeignKey(Body, on_delete=models.CASCADE)
    joined_on = models.DateField("参加日", null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consortium", "body"], name="unique_consortium_member")
        ]

    def __str__(self) -> str:
        return f"{self.consortium} / {self.body}"


class Grade(BodyOwnedModel):
    """職層: job grades, named and ordered by each body (つくば市: 主事・主任級, 主査級, 管理職)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="grades")
    name = models.CharField("職層", max_length=50)
    rank = models.PositiveSmallIntegerField("順位", default=0, help_text="小さいほど下位")
    is_manager = models.BooleanField("管理職", default=False)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "職層"
        verbose_name_plural = "職層"
        ordering = ["body", "rank"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="unique_grade_name")]

    def __str__(self) -> str:
        return self.name


class Department(BodyOwnedModel):
    """所属. A reorganisation on 4/1 closes the old unit (valid_to) and opens a new one."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="departments")
    code = models.CharField("所属コード", max_length=20)
    name = models.CharField("所属名", max_length=100)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上位所属",
    )
    valid_from = models.DateField("設置日")
    valid_to = models.DateField("廃止日", null=True, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "所属"
        verbose_name_plural = "所属"
        ordering = ["body", "code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "code", "valid_from"], name="unique_department_code_from"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.code = normalize_code(self.code or "")
        if self.valid_from and (error := validity_error(self.valid_from, self.valid_to)):
            raise ValidationError({"valid_to": error})
        if self.parent_id and self.parent and self.parent.body_id != self.body_id:
            raise ValidationError({"parent": "上位所属は同じ団体の所属から選んでください。"})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "自分自身を上位所属にはできません。"})
        overlapping = Department.unscoped.filter(body_id=self.body_id, code=self.code).exclude(
            pk=self.pk
        )
        if self.valid_from and any(
            _periods_overlap(self.valid_from, self.valid_to, d.valid_from, d.valid_to)
            for d in overlapping
        ):
            raise ValidationError({"code": "同じ所属コードの所属が同じ期間に既にあります。"})


def _periods_overlap(start_a, end_a, start_b, end_b) -> bool:
    return (end_b is None or start_a <= end_b) and (end_a is None or start_b <= end_a)


class StaffStatus(models.TextChoices):
    ACTIVE = "active", "在職"
    RETIRED = "retired", "退職"


# What a person's record holds that officials edit and the audit log follows (the form, the
# services and the API's record all list these).
STAFF_FIELDS = (
    "number",
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "email",
    "grade",
    "department",
    "status",
    "employment_kind",
    "hire_date",
)


class StaffMember(BodyOwnedModel):
    """職員: a person employed by a body. 職員番号 is a string, unique within the body."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="staff_members")
    number = models.CharField(
        "職員番号", max_length=20, help_text="半角の英数字・ハイフン・アンダースコア（20文字以内）"
    )
    family_name = models.CharField("氏", max_length=50)
    given_name = models.CharField("名", max_length=50)
    family_name_kana = models.CharField("氏フリガナ", max_length=100)
    given_name_kana = models.CharField("名フリガナ", max_length=100)
    email = models.EmailField("メールアドレス", blank=True)
    grade = models.ForeignKey(
        Grade, on_delete=models.PROTECT, null=True, blank=True, verbose_name="職層"
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_members",
        verbose_name="主たる所属",
        help_text="人事給与システム上の現在の所属。期間ごとの任用・配置は別に記録します。",
    )
    status = models.CharField(
        "在職状況", max_length=10, choices=StaffStatus.choices, default=StaffStatus.ACTIVE
    )
    employment_kind = models.CharField(
        "雇用区分",
        max_length=30,
        choices=AppointmentKind.choices,
        blank=True,
        help_text="人事給与システム上の現在の任用区分。",
    )
    hire_date = models.DateField("採用日", null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_record",
        verbose_name="ログインアカウント",
    )

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "職員"
        verbose_name_plural = "職員"
        ordering = ["body", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="unique_staff_number")
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}"

    @property
    def full_name_kana(self) -> str:
        return f"{self.family_name_kana} {self.given_name_kana}"

    def clean(self) -> None:
        self.number = normalize_code(self.number or "")
        errors: dict[str, str] = {}
        for field in ("family_name", "given_name"):
            setattr(self, field, (getattr(self, field) or "").strip())
        for field in ("family_name_kana", "given_name_kana"):
            value = to_fullwidth_katakana((getattr(self, field) or "").strip())
            setattr(self, field, value)
            if value and not is_katakana(value):
                errors[field] = "フリガナは全角カタカナで入力してください。"
        if self.number and (problem := staff_number_problem(self.number)):
            errors["number"] = problem
        elif self.number and (
            StaffMember.unscoped.filter(body_id=self.body_id, number=self.number)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["number"] = "この職員番号は既にこの団体で使われています。"
        if self.grade_id and self.grade and self.grade.body_id != self.body_id:
            errors["grade"] = "職層はこの団体の職層から選んでください。"
        if self.department_id and self.department and self.department.body_id != self.body_id:
            errors["department"] = "所属はこの団体の所属から選んでください。"
        if self.hire_date and (problem := hire_date_error(self.hire_date, clock.today())):
            errors["hire_date"] = problem
        if errors:
            raise ValidationError(errors)


class AdviserContract(models.TextChoices):
    COMMISSION = "commission", "委嘱"
    OUTSOURCING = "outsourcing", "業務委託"


class Appointment(BodyOwnedModel):
    """任用・配置: a person in a body's department for a period, on a legal footing.

    `body` is the body the person serves here, which differs from the employer for a
    concurrent appointment to another body's office or a secondment received.
    """

    staff = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="appointments", verbose_name="職員"
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="appointments", verbose_name="配置先団体"
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name="配置先所属",
    )
    kind = models.CharField("任用区分", max_length=30, choices=AppointmentKind.choices)
    fixed_term_basis = models.CharField(
        "任期付の根拠", max_length=10, choices=FixedTermBasis.choices, blank=True
    )
    specially_needed = models.BooleanField("特に必要な場合（任期5年まで）", default=False)
    source_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seconded_out",
        verbose_name="派遣元団体",
    )
    adviser_contract = models.CharField(
        "契約形態", max_length=20, choices=AdviserContract.choices, blank=True
    )
    days_per_month = models.DecimalField(
        "月あたり勤務日数", max_digits=4, decimal_places=1, null=True, blank=True
    )
    is_concurrent = models.BooleanField("兼務・併任", default=False)
    title = models.CharField("職名", max_length=100, blank=True)
    start_date = models.DateField("開始日")
    end_date = models.DateField("終了日", null=True, blank=True)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "任用・配置"
        verbose_name_plural = "任用・配置"
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["body", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="appointment_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.get_kind_display()}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.start_date and (
            error := appointment_term_error(
                kind=self.kind,
                start=self.start_date,
                end=self.end_date,
                fixed_term_basis=self.fixed_term_basis,
                specially_needed=self.specially_needed,
            )
        ):
            errors["end_date"] = error
        if self.kind == AppointmentKind.SECONDMENT_IN and not self.source_body_id:
            errors["source_body"] = "派遣受入では派遣元の団体を選んでください。"
        if self.kind == AppointmentKind.EXTERNAL_ADVISER and not self.adviser_contract:
            errors["adviser_contract"] = (
                "外部アドバイザーは契約形態（委嘱・業務委託）を選んでください。"
            )
        if self.kind != AppointmentKind.FIXED_TERM and self.fixed_term_basis:
            errors["fixed_term_basis"] = "根拠条文は任期付職員のときだけ選べます。"
        if self.department_id and self.department and self.department.body_id != self.body_id:
            errors["department"] = "配置先所属は配置先団体の所属から選んでください。"
        if self.days_per_month is not None and not 0 < self.days_per_month <= 31:
            errors["days_per_month"] = "月あたり勤務日数は0より大きく31以下で入力してください。"
        if errors:
            raise ValidationError(errors)


class RoleGrant(models.Model):
    """A user holds a role in a body; a department head's grant names the department."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("権限", max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, null=True, blank=True, verbose_name="所属"
    )

    class Meta:
        verbose_name = "権限"
        verbose_name_plural = "権限"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "body", "role", "department"], name="unique_role_grant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.body} {self.get_role_display()}"

    def clean(self) -> None:
        if self.role == Role.DEPT_HEAD and not self.department_id:
            raise ValidationError({"department": "所属長の権限には所属を選んでください。"})
        if self.department_id and self.department and self.department.body_id != self.body_id:
            raise ValidationError({"department": "所属はこの団体の所属から選んでください。"})
        if (
            self.role == Role.OPERATOR
            and self.body_id
            and not self.body.operated_consortia.exists()
        ):
            raise ValidationError(
                {"role": "運営者の権限は連携協議会の運営団体でのみ付与できます。"}
            )


class WorkDays(BodyOwnedModel):
    """勤務日数: the days a part-time appointee (長井市's external head of the digital office,
    about 4 days a month) actually worked in a month, against the days agreed."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="work_days", verbose_name="任用"
    )
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    days = models.DecimalField("勤務日数", max_digits=3, decimal_places=1)

    class Meta(BodyOwnedModel.Meta):
        verbose_name = "勤務日数"
        verbose_name_plural = "勤務日数"
        ordering = ["appointment", "year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "year", "month"], name="unique_work_days_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.appointment} {self.year}-{self.month:02d}"
