"""Monthly partner reports."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.reports": {"en": "Reports", "vi": "Báo cáo"},
    "reports.heading": {"en": "Monthly reports", "vi": "Báo cáo theo tháng"},
    "reports.intro": {
        "en": "Revenue per customer and service group is usage × list price − discount; credits used are that revenue, charged to the customer's credit; commission is the month's revenue at the rate of the tier it reaches.",
        "vi": "Doanh thu theo khách hàng và nhóm dịch vụ = sản lượng × giá niêm yết − giảm giá; tín dụng đã dùng là phần doanh thu đó, trừ vào tín dụng của khách hàng; hoa hồng là doanh thu của tháng nhân với mức của bậc đạt được.",
    },
    "reports.month": {"en": "Month", "vi": "Tháng"},
    "reports.totals": {"en": "Totals for {month}", "vi": "Tổng tháng {month}"},
    "reports.revenue": {"en": "Revenue", "vi": "Doanh thu"},
    "reports.discounts": {"en": "Discounts given", "vi": "Giảm giá đã áp dụng"},
    "reports.topped_up": {"en": "Credit topped up", "vi": "Tín dụng đã nạp"},
    "reports.commission": {"en": "Commission", "vi": "Hoa hồng"},
    "reports.commission_line": {
        "en": "Commission rate this month: {rate}. Changes are against {previous}.",
        "vi": "Mức hoa hồng tháng này: {rate}. Mức thay đổi so với tháng {previous}.",
    },
    "reports.revenue_heading": {
        "en": "Revenue per customer and service group",
        "vi": "Doanh thu theo khách hàng và nhóm dịch vụ",
    },
    "reports.discounts_heading": {
        "en": "Discounts per customer and service group",
        "vi": "Giảm giá theo khách hàng và nhóm dịch vụ",
    },
    "reports.credits_heading": {
        "en": "Credits topped up and used per customer",
        "vi": "Tín dụng đã nạp và đã dùng theo khách hàng",
    },
    "reports.no_usage": {
        "en": "No usage by your customers was imported for this month.",
        "vi": "Chưa có dữ liệu sử dụng của khách hàng trong tháng này.",
    },
    "reports.no_credits": {
        "en": "No credit was topped up or used this month.",
        "vi": "Tháng này không có tín dụng được nạp hoặc sử dụng.",
    },
    "reports.col.customer": {"en": "Customer", "vi": "Khách hàng"},
    "reports.col.group": {"en": "Service group", "vi": "Nhóm dịch vụ"},
    "reports.col.gross": {"en": "At list price (VND)", "vi": "Theo giá niêm yết (VND)"},
    "reports.col.discount": {"en": "Discount (VND)", "vi": "Giảm giá (VND)"},
    "reports.col.revenue": {"en": "Revenue (VND)", "vi": "Doanh thu (VND)"},
    "reports.col.topped_up": {"en": "Topped up (VND)", "vi": "Đã nạp (VND)"},
    "reports.col.used": {"en": "Used (VND)", "vi": "Đã dùng (VND)"},
    "reports.col.series": {"en": "Credit", "vi": "Tín dụng"},
}
