"""The roles of DESIGN.md's access model. They belong to the access layer (core); the
organisations app grants them per body (RoleGrant)."""

from django.db import models


class Role(models.TextChoices):
    """Roles of DESIGN.md's access model, granted per body."""

    OPERATOR = "operator", "運営者（県DX推進課）"
    BODY_ADMIN = "body_admin", "団体管理者"
    HR_OFFICER = "hr_officer", "人事・DX担当"
    DEPT_HEAD = "dept_head", "所属長"
    STAFF = "staff", "職員"
    EXPERT = "expert", "外部専門家"
    # A side-job professional on a fixed term (三宅町): sees and writes only their own terms.
    ADVISER = "adviser", "外部アドバイザー"
