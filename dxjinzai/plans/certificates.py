"""認定証 and 表彰状: the PDF of one certification or award."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from dxjinzai.core.pdf import FONT, a4_pdf
from dxjinzai.lib.fiscal import wareki_with_seireki
from dxjinzai.plans.models import Certification, RecognitionKind

_NUMBER = ParagraphStyle("number", fontName=FONT, fontSize=10, leading=14, alignment=2)
_TITLE = ParagraphStyle("title", fontName=FONT, fontSize=28, leading=40, alignment=1)
_NAME = ParagraphStyle("name", fontName=FONT, fontSize=18, leading=26)
_BODY = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=22)
_ISSUER = ParagraphStyle("issuer", fontName=FONT, fontSize=13, leading=20, alignment=2)


def certificate_pdf(certification: Certification) -> bytes:
    """認定証 (or 表彰状): the body, the person, the certification, the date in 和暦 with
    西暦, the number and the validity."""
    rule, staff = certification.rule, certification.staff
    is_award = rule.kind == RecognitionKind.AWARD
    title = "表　彰　状" if is_award else "認　定　証"
    granted = rule.grants_talent_type or rule.grants_level
    wording = (
        f"あなたは「{rule.name}」の受賞者として、その功績をたたえここに表彰します。"
        if is_award
        else f"あなたを「{rule.name}」として認定します。"
        + (f"<br/>認定する人材像・レベル　{granted}" if granted else "")
    )
    validity = (
        f"<br/>有効期限　{wareki_with_seireki(certification.valid_until)}"
        if certification.valid_until
        else ""
    )
    story = [
        Paragraph(certification.number, _NUMBER),
        Spacer(1, 20 * mm),
        Paragraph(title, _TITLE),
        Spacer(1, 15 * mm),
        Paragraph(f"{staff.full_name}　様", _NAME),
        Spacer(1, 10 * mm),
        Paragraph(
            f"{wording}<br/><br/>認定日　{wareki_with_seireki(certification.certified_on)}{validity}",
            _BODY,
        ),
        Spacer(1, 30 * mm),
        Paragraph(rule.body.name, _ISSUER),
    ]
    return a4_pdf(
        story,
        title=f"{title.replace('　', '')} {staff.full_name} {rule.name}",
        author=rule.body.name,
        margin_mm=25,
    )
