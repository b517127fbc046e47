"""The URL converter for a 職員番号, registered as ``staff_number`` for pages and the API.

New numbers hold only safe characters (``lib.text.staff_number_problem``), but records saved
before that rule may hold "/", "?", "#", "%" or spaces. Escaping the number here, on top of
the escaping ``reverse`` does, keeps every such record reachable so that it can be corrected:
the server decodes the path once, and ``to_python`` decodes what ``to_url`` added.
"""

from urllib.parse import quote, unquote

from django.urls import register_converter


class StaffNumberConverter:
    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return unquote(value)

    def to_url(self, value: str) -> str:
        return quote(value, safe="")


register_converter(StaffNumberConverter, "staff_number")
