from django import forms

from dxjinzai.reminders.models import ReminderSettings


class DigestForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ["digest"]
        help_texts = {
            "digest": "前回のお知らせ以降に加わった対応待ちだけを、毎朝まとめてお送りします。"
        }
