"""Monthly reports: revenue, discounts, credits and commission, for a partner (staff: any)."""

from datetime import date

import streamlit as st

from core.money.reports import (
    month_report,
    month_start,
    month_to_open,
    partner_choices,
    previous_month,
)
from core.platform.errors import DomainError
from core.platform.identity import Role
from ui.context import (
    T,
    current_lang,
    db,
    reader,
    require_role,
    show_domain_error,
    through_home,
    today_local,
)
from ui.formatting import change_metric, chart_config, show_table, spreadsheet_safe
from ui.kept import kept
from ui.money import vnd
from ui.report_charts import as_text, credits_chart, credits_frame, group_frame, stacked

through_home()

identity = require_role(Role.APPLICANT, Role.REVIEWER, Role.MANAGER, Role.FINANCE)
lang = current_lang()
st.title(T("reports.heading"))
st.caption(T("reports.intro"))

months: list[date] = [month_start(today_local())]
while len(months) < 13:
    months.append(previous_month(months[-1]))
left, right = st.columns(2)
partner_id = None
if identity.is_team:
    with db() as session:
        choices = partner_choices(session, identity)
    if not choices:
        st.info(T("finance.no_partners"))
        st.stop()
    partner_id = right.selectbox(
        T("credits.col.partner"),
        list(choices),
        format_func=choices.get,
        key=kept("reports_partner"),
    )
try:
    with db() as session:
        opens_on = month_to_open(session, identity, partner_id, today_local())
except DomainError as error:
    show_domain_error(error)
    st.stop()
month = left.selectbox(
    T("reports.month"),
    months,
    index=months.index(opens_on) if opens_on in months else 0,
    format_func=lambda m: m.strftime("%m/%Y"),
    key=kept("reports_month"),
)
try:
    with db() as session:
        report = month_report(session, identity, month, partner_id=partner_id)
except DomainError as error:
    show_domain_error(error)
    st.stop()

now, before = report.totals, report.previous
st.subheader(T("reports.totals", month=month.strftime("%m/%Y")))
columns = [*st.columns(2), *st.columns(2)]
for column, key, this, last in (
    (columns[0], "reports.revenue", now.revenue, before.revenue),
    (columns[1], "reports.discounts", now.discounts, before.discounts),
    (columns[2], "reports.topped_up", now.topped_up, before.topped_up),
    (columns[3], "reports.commission", now.commission, before.commission),
):
    change_metric(
        column, T(key), f"{vnd(this)} VND", this - last if last or this else None, unit=" VND"
    )
st.caption(
    T(
        "reports.commission_line",
        rate=reader().percent(now.commission_bp),
        previous=previous_month(month).strftime("%m/%Y"),
    )
)


def in_language(chart):
    return chart.configure(**chart_config(lang))


groups = group_frame(report, lang)
st.subheader(T("reports.revenue_heading"))
if groups.empty:
    st.info(T("reports.no_usage"))
else:
    st.altair_chart(in_language(stacked(groups, T("reports.col.revenue"), lang)), width="stretch")
    st.subheader(T("reports.discounts_heading"))
    st.altair_chart(in_language(stacked(groups, T("reports.col.discount"), lang)), width="stretch")
    show_table(as_text(groups, lang), hide_index=True, width="stretch")
    st.download_button(
        T("metrics.download"),
        spreadsheet_safe(groups).to_csv(index=False).encode("utf-8-sig"),
        file_name=f"revenue-{month:%Y-%m}.csv",
        mime="text/csv",
        key="reports_csv_revenue",
    )

credits = credits_frame(report, lang)
st.subheader(T("reports.credits_heading"))
if credits.empty:
    st.info(T("reports.no_credits"))
else:
    st.altair_chart(in_language(credits_chart(credits, lang)), width="stretch")
    show_table(as_text(credits, lang), hide_index=True, width="stretch")
    st.download_button(
        T("metrics.download"),
        spreadsheet_safe(credits).to_csv(index=False).encode("utf-8-sig"),
        file_name=f"credits-{month:%Y-%m}.csv",
        mime="text/csv",
        key="reports_csv_credits",
    )
