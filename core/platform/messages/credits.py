"""Credit: finance grants to partners, partners' top-ups of customers, balances and history."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.finance": {"en": "Partner credit", "vi": "Tín dụng đối tác"},
    "nav.credits": {"en": "Credits", "vi": "Tín dụng"},
    # Refusals
    "credits.amount_whole": {
        "en": "Enter a whole number of VND, without decimals (for example 5000000 or 5.000.000).",
        "vi": "Nhập số tiền VND nguyên, không có phần thập phân (ví dụ 5000000 hoặc 5.000.000).",
    },
    "credits.amount_format": {
        "en": "Enter the amount as digits, optionally grouped by thousands (5.000.000 or 5,000,000).",
        "vi": "Nhập số tiền bằng chữ số, có thể nhóm hàng nghìn (5.000.000 hoặc 5,000,000).",
    },
    "credits.amount_positive": {
        "en": "The amount must be more than 0 VND.",
        "vi": "Số tiền phải lớn hơn 0 VND.",
    },
    "credits.amount_limits": {
        "en": "A top-up is between {minimum} and {maximum} VND.",
        "vi": "Mỗi lần nạp từ {minimum} đến {maximum} VND.",
    },
    "credits.over_balance": {
        "en": "Your credit balance does not cover this top-up. Nothing was moved.",
        "vi": "Số dư tín dụng của bạn không đủ cho lần nạp này. Chưa có khoản nào được chuyển.",
    },
    "credits.customer_not_active": {
        "en": "Credit can be topped up only for an active customer.",
        "vi": "Chỉ có thể nạp tín dụng cho khách hàng đang hoạt động.",
    },
    "credits.reference_required": {
        "en": "Enter the invoice or payment reference (3 to {maximum} characters).",
        "vi": "Nhập số hoá đơn hoặc mã thanh toán (từ 3 đến {maximum} ký tự).",
    },
    "credits.key_reused": {
        "en": "This attempt was already used for a different movement. Start again.",
        "vi": "Lần thao tác này đã được dùng cho một giao dịch khác. Vui lòng làm lại từ đầu.",
    },
    "credits.bad_attempt": {
        "en": "This form has expired. Start again.",
        "vi": "Biểu mẫu đã hết hạn. Vui lòng làm lại từ đầu.",
    },
    "credits.no_partner": {"en": "No such partner.", "vi": "Không tìm thấy đối tác."},
    # Shared
    "credits.balance": {"en": "Credit balance", "vi": "Số dư tín dụng"},
    "credits.vnd": {"en": "{amount} VND", "vi": "{amount} VND"},
    "credits.amount": {"en": "Amount (VND)", "vi": "Số tiền (VND)"},
    "credits.history": {"en": "Credit history", "vi": "Lịch sử tín dụng"},
    "credits.none": {"en": "No credit movements yet.", "vi": "Chưa có giao dịch tín dụng."},
    "credits.col.at": {"en": "When", "vi": "Thời điểm"},
    "credits.col.kind": {"en": "Movement", "vi": "Giao dịch"},
    "credits.col.partner": {"en": "Partner", "vi": "Đối tác"},
    "credits.col.customer": {"en": "Customer", "vi": "Khách hàng"},
    "credits.col.amount": {"en": "Amount (VND)", "vi": "Số tiền (VND)"},
    "credits.col.reference": {"en": "Reference or note", "vi": "Tham chiếu hoặc ghi chú"},
    "credits.col.by": {"en": "By", "vi": "Bởi"},
    "credits.col.balance": {"en": "Balance (VND)", "vi": "Số dư (VND)"},
    "credits.col.topped_total": {
        "en": "Credit topped up (VND)",
        "vi": "Tín dụng đã nạp (VND)",
    },
    "credits.kind.grant": {"en": "Credit granted", "vi": "Cấp tín dụng"},
    "credits.kind.topup": {"en": "Customer top-up", "vi": "Nạp cho khách hàng"},
    "credits.cancel": {"en": "Back", "vi": "Quay lại"},
    "credits.col.pending": {
        "en": "Of which pending at billing (VND)",
        "vi": "Trong đó đang chờ hệ thống tính cước (VND)",
    },
    "credits.pending_help": {
        "en": "A top-up is pending until GreenNode's billing system confirms it; it is retried until it does.",
        "vi": "Khoản nạp ở trạng thái chờ cho đến khi hệ thống tính cước của GreenNode xác nhận; hệ thống sẽ gửi lại cho đến khi được xác nhận.",
    },
    "billing.not_failed": {
        "en": "This delivery is not failed: it is delivered or already being retried.",
        "vi": "Lần gửi này không ở trạng thái lỗi: đã được gửi hoặc đang được gửi lại.",
    },
    "billing.heading": {"en": "Deliveries to billing", "vi": "Gửi sang hệ thống tính cước"},
    "billing.all_well": {
        "en": "Every top-up has reached billing or is on its way.",
        "vi": "Mọi khoản nạp đã đến hệ thống tính cước hoặc đang được gửi.",
    },
    "billing.col.topup": {"en": "Top-up", "vi": "Khoản nạp"},
    "billing.col.status": {"en": "Status", "vi": "Trạng thái"},
    "billing.col.attempts": {"en": "Attempts", "vi": "Số lần gửi"},
    "billing.col.error": {"en": "Last error", "vi": "Lỗi gần nhất"},
    "billing.status.pending": {"en": "Retrying", "vi": "Đang gửi lại"},
    "billing.status.failed": {"en": "Failed", "vi": "Thất bại"},
    "billing.status.sent": {"en": "Confirmed", "vi": "Đã xác nhận"},
    "billing.retry": {"en": "Send again", "vi": "Gửi lại"},
    "billing.retried": {
        "en": "Delivery {id} will be sent again, with the same key: billing applies it once.",
        "vi": "Lần gửi {id} sẽ được gửi lại với cùng khoá: hệ thống tính cước chỉ áp dụng một lần.",
    },
    "billing.pick": {"en": "Failed delivery", "vi": "Lần gửi thất bại"},
    # Finance
    "finance.heading": {"en": "Partner credit", "vi": "Tín dụng đối tác"},
    "finance.intro": {
        "en": "Grant credit to a partner's balance against an invoice or a payment received. Every grant is final: a correction is a new movement.",
        "vi": "Cấp tín dụng vào số dư của đối tác theo hoá đơn hoặc khoản thanh toán đã nhận. Mỗi lần cấp là cố định: muốn điều chỉnh thì tạo giao dịch mới.",
    },
    "finance.partners": {"en": "Partners' balances", "vi": "Số dư của các đối tác"},
    "finance.no_partners": {"en": "There are no partners yet.", "vi": "Chưa có đối tác nào."},
    "finance.grant_heading": {"en": "Grant credit", "vi": "Cấp tín dụng"},
    "finance.partner": {"en": "Partner", "vi": "Đối tác"},
    "finance.reference": {
        "en": "Invoice or payment reference",
        "vi": "Số hoá đơn hoặc mã thanh toán",
    },
    "finance.review": {"en": "Review the grant", "vi": "Xem lại trước khi cấp"},
    "finance.confirm_text": {
        "en": "Grant **{amount} VND** to **{partner}** against **{reference}**?",
        "vi": "Cấp **{amount} VND** cho **{partner}** theo **{reference}**?",
    },
    "finance.confirm": {"en": "Confirm the grant", "vi": "Xác nhận cấp"},
    "finance.granted": {
        "en": "{amount} VND granted to {partner}.",
        "vi": "Đã cấp {amount} VND cho {partner}.",
    },
    # Partner
    "credits.heading": {"en": "Credits", "vi": "Tín dụng"},
    "credits.intro": {
        "en": "Top up credit for your active customers from your partner balance. GreenNode adds credit to your balance when it receives your payment.",
        "vi": "Nạp tín dụng cho khách hàng đang hoạt động từ số dư đối tác của bạn. GreenNode cộng tín dụng vào số dư khi nhận được khoản thanh toán của bạn.",
    },
    "credits.customers": {"en": "Your customers' credit", "vi": "Tín dụng của khách hàng"},
    "credits.no_active": {
        "en": "You have no active customer yet: add one under Customers.",
        "vi": "Bạn chưa có khách hàng đang hoạt động: hãy thêm trong mục Khách hàng.",
    },
    "credits.topup_heading": {"en": "Top up a customer", "vi": "Nạp tín dụng cho khách hàng"},
    "credits.customer": {"en": "Customer", "vi": "Khách hàng"},
    "credits.note": {"en": "Note (optional)", "vi": "Ghi chú (không bắt buộc)"},
    "credits.limits": {
        "en": "From {minimum} to {maximum} VND per top-up.",
        "vi": "Từ {minimum} đến {maximum} VND mỗi lần nạp.",
    },
    "credits.review": {"en": "Review the top-up", "vi": "Xem lại trước khi nạp"},
    "credits.confirm_text": {
        "en": "Top up **{amount} VND** for **{customer}**? Your balance goes from {before} to {after} VND.",
        "vi": "Nạp **{amount} VND** cho **{customer}**? Số dư của bạn sẽ từ {before} còn {after} VND.",
    },
    "credits.confirm": {"en": "Confirm the top-up", "vi": "Xác nhận nạp"},
    "credits.topped_up": {
        "en": "{amount} VND topped up for {customer}.",
        "vi": "Đã nạp {amount} VND cho {customer}.",
    },
}
