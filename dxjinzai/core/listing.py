"""One way to serve a list page: filters, pagination, htmx partial refresh and export."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render

from dxjinzai.core.db_routing import for_reports
from dxjinzai.core.exports import EXPORT_FORMATS, Column, audited_export, cp932_losses

PAGE_SIZE = 50


def list_response(
    request: HttpRequest,
    *,
    template: str,
    rows: QuerySet | Sequence[Any],
    columns: list[Column],
    export_basename: str,
    body: Any,
    context: dict[str, Any],
    page_context: Callable[[Page], dict[str, Any]] | None = None,
) -> HttpResponseBase:
    """Render one page of `rows`, or the whole filtered list as a download (audited).

    An htmx request (the filter form as it changes) gets only the results part.
    `page_context` adds what depends on the page shown (e.g. a chart of its rows).
    """
    download = download_if_asked(
        request,
        rows=rows,
        columns=columns,
        export_basename=export_basename,
        body=body,
        context=context,
    )
    if download is not None:
        return download
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    context = {
        **context,
        "page": page,
        "columns": columns,
        "query_string": query.urlencode(),
        "export_formats": EXPORT_FORMATS,
        **(page_context(page) if page_context else {}),
    }
    if getattr(request, "htmx", False) and not request.htmx.boosted:  # type: ignore[attr-defined]
        return render(request, template, context | {"partial": True})
    return render(request, template, context)


def whole_list_response(
    request: HttpRequest,
    *,
    template: str,
    rows: QuerySet | Sequence[Any],
    columns: list[Column],
    export_basename: str,
    body: Any,
    context: dict[str, Any],
) -> HttpResponseBase:
    """A list shown whole on its page (no pagination, its rows in `context` as the template
    names them): the page, or the whole list as a download (audited) when asked."""
    download = download_if_asked(
        request,
        rows=rows,
        columns=columns,
        export_basename=export_basename,
        body=body,
        context=context,
    )
    if download is not None:
        return download
    return render(request, template, {**context, "export_formats": EXPORT_FORMATS})


def download_if_asked(
    request: HttpRequest,
    *,
    rows: QuerySet | Sequence[Any],
    columns: list[Column],
    export_basename: str,
    body: Any,
    context: dict[str, Any],
) -> HttpResponseBase | None:
    """The list as a download (audited) when `?export=` asks for one, else None (the page
    is then rendered by list_response or whole_list_response)."""
    export_format = request.GET.get("export", "")
    if export_format == "csv_cp932" and not request.GET.get("accept_loss"):
        # Shift_JIS cannot hold every name (𠮷, some 髙): say so before the file is made.
        losses = cp932_losses(_iterate(rows), columns)
        if losses:
            as_utf8, accepted = request.GET.copy(), request.GET.copy()
            as_utf8["export"] = "csv"
            accepted["accept_loss"] = "1"
            return render(
                request,
                "core/cp932_warning.html",
                {
                    **context,
                    "losses": losses,
                    "utf8_query": as_utf8.urlencode(),
                    "accepted_query": accepted.urlencode(),
                },
            )
    if export_format in EXPORT_FORMATS:
        return audited_export(
            actor=request.user,
            body=body,
            rows=_iterate(for_reports(rows)),
            columns=columns,
            export_format=export_format,
            basename=export_basename,
            count=rows.count() if isinstance(rows, QuerySet) else len(rows),
        )
    return None


def _iterate(rows: QuerySet | Sequence[Any]) -> Iterable[Any]:
    # A query is read in chunks so that a 100k-row export never sits in memory whole.
    return rows.iterator(chunk_size=2000) if isinstance(rows, QuerySet) else rows
