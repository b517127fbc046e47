"""The completion certificate (修了証) of a course that issues one, as PDF.

The certificate number is derived from the record, so the same completion always prints the
same number: 修了第{年度}-{研修}-{修了}号.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from dxjinzai.core.pdf import FONT, a4_pdf
from dxjinzai.lib.fiscal import fiscal_year_of, wareki_with_seireki
from dxjinzai.training.models import Completion

_NUMBER = ParagraphStyle("number", fontName=FONT, fontSize=10, leading=14, alignment=2)
_TITLE = ParagraphStyle("title", fontName=FONT, fontSize=28, leading=40, alignment=1)
_NAME = ParagraphStyle("name", fontName=FONT, fontSize=18, leading=26)
_BODY = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=22)
_ISSUER = ParagraphStyle("issuer", fontName=FONT, fontSize=13, leading=20, alignment=2)


def certificate_number(completion: Completion) -> str:
    fiscal_year = fiscal_year_of(completion.completed_on)
    return f"修了第{fiscal_year}-{completion.course_id}-{completion.pk}号"


def completion_certificate_pdf(completion: Completion) -> bytes:
    course, staff = completion.course, completion.staff
    story = [
        Paragraph(certificate_number(completion), _NUMBER),
        Spacer(1, 20 * mm),
        Paragraph("修　了　証", _TITLE),
        Spacer(1, 15 * mm),
        Paragraph(f"{staff.body.name}　{staff.full_name}　様", _NAME),
        Spacer(1, 10 * mm),
        Paragraph(
            f"あなたは下記の研修を修了したことを証します。<br/><br/>"
            f"研修名　{course.title}<br/>"
            f"受講時間　{completion.hours}時間<br/>"
            f"修了日　{wareki_with_seireki(completion.completed_on)}",
            _BODY,
        ),
        Spacer(1, 30 * mm),
        Paragraph(course.body.name, _ISSUER),
    ]
    return a4_pdf(
        story,
        title=f"修了証 {staff.full_name} {course.title}",
        author=course.body.name,
        margin_mm=25,
    )
