"""Discounts: service groups, the partner's request, the partner team's decision, history."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.discounts": {"en": "Discounts", "vi": "Giảm giá"},
    "nav.discount_requests": {"en": "Discount requests", "vi": "Yêu cầu giảm giá"},
    "service.compute": {"en": "Compute", "vi": "Máy chủ ảo"},
    "service.storage": {"en": "Storage", "vi": "Lưu trữ"},
    "service.network": {"en": "Network", "vi": "Mạng"},
    "service.database": {"en": "Database", "vi": "Cơ sở dữ liệu"},
    "service.ai_gpu": {"en": "AI/GPU", "vi": "AI/GPU"},
    "discounts.reason.volume_too_low": {
        "en": "Expected volume is too low for a discount yet",
        "vi": "Sản lượng dự kiến chưa đủ để được giảm giá",
    },
    "discounts.reason.not_eligible_group": {
        "en": "These service groups are not offered at a discount to this partner",
        "vi": "Các nhóm dịch vụ này chưa được giảm giá cho đối tác này",
    },
    "discounts.reason.other": {"en": "Other (see note)", "vi": "Lý do khác (xem ghi chú)"},
    # Refusals
    "discounts.percent_format": {
        "en": "Enter a percentage like 12 or 12.5 (at most two decimals).",
        "vi": "Nhập tỷ lệ phần trăm như 12 hoặc 12,5 (tối đa hai chữ số thập phân).",
    },
    "discounts.percent_range": {
        "en": "A discount is between 0 and 100 %.",
        "vi": "Mức giảm giá nằm trong khoảng 0 đến 100 %.",
    },
    "discounts.choose_groups": {
        "en": "Choose at least one service group from the list.",
        "vi": "Hãy chọn ít nhất một nhóm dịch vụ trong danh sách.",
    },
    "discounts.request_open": {
        "en": "A discount request of yours is already waiting for a decision.",
        "vi": "Bạn đang có một yêu cầu giảm giá chờ quyết định.",
    },
    "discounts.not_found": {
        "en": "No such discount request.",
        "vi": "Không tìm thấy yêu cầu giảm giá.",
    },
    "discounts.retroactive": {
        "en": "A discount takes effect today or later, never in the past.",
        "vi": "Mức giảm giá có hiệu lực từ hôm nay trở đi, không áp dụng hồi tố.",
    },
    "discounts.no_maximum": {
        "en": "GreenNode has not approved a discount on this service group for you (from that date).",
        "vi": "GreenNode chưa duyệt giảm giá cho bạn ở nhóm dịch vụ này (từ ngày đó).",
    },
    "discounts.over_maximum": {
        "en": "Your maximum on this service group is {maximum}.",
        "vi": "Mức tối đa của bạn ở nhóm dịch vụ này là {maximum}.",
    },
    # Partner page
    "discounts.heading": {"en": "Discounts", "vi": "Giảm giá"},
    "discounts.intro": {
        "en": "Register for discounts on GreenNode's services, then set a discount for each active customer, up to the maximum GreenNode approved.",
        "vi": "Đăng ký giảm giá cho các dịch vụ của GreenNode, sau đó đặt mức giảm cho từng khách hàng đang hoạt động, tối đa bằng mức GreenNode đã duyệt.",
    },
    "discounts.maximums": {"en": "Your approved maximums", "vi": "Mức tối đa được duyệt"},
    "discounts.no_maximums": {
        "en": "No discount approved yet: register for discounts below.",
        "vi": "Chưa có mức giảm giá nào được duyệt: hãy đăng ký bên dưới.",
    },
    "discounts.col.group": {"en": "Service group", "vi": "Nhóm dịch vụ"},
    "discounts.col.maximum": {"en": "Maximum", "vi": "Tối đa"},
    "discounts.register": {"en": "Register for discounts", "vi": "Đăng ký giảm giá"},
    "discounts.groups": {"en": "Service groups", "vi": "Nhóm dịch vụ"},
    "discounts.groups_placeholder": {"en": "Choose service groups", "vi": "Chọn nhóm dịch vụ"},
    "discounts.justification": {
        "en": "Why (expected volume, customers, plans; 20–1,000 characters)",
        "vi": "Lý do (sản lượng dự kiến, khách hàng, kế hoạch; 20–1.000 ký tự)",
    },
    "discounts.send": {"en": "Send the request", "vi": "Gửi yêu cầu"},
    "discounts.sent": {
        "en": "Request sent. GreenNode decides within 3 working days.",
        "vi": "Đã gửi yêu cầu. GreenNode sẽ quyết định trong 3 ngày làm việc.",
    },
    "discounts.waiting": {
        "en": "Your request for {groups} waits for a decision, due {due}.",
        "vi": "Yêu cầu của bạn cho {groups} đang chờ quyết định, hạn {due}.",
    },
    "discounts.requests": {"en": "Your requests", "vi": "Các yêu cầu của bạn"},
    "discounts.col.submitted": {"en": "Submitted", "vi": "Ngày gửi"},
    "discounts.col.state": {"en": "State", "vi": "Trạng thái"},
    "discounts.col.decision": {"en": "Decision", "vi": "Quyết định"},
    "discounts.state.pending": {"en": "Waiting for GreenNode", "vi": "Chờ GreenNode"},
    "discounts.state.approved": {"en": "Approved", "vi": "Đã duyệt"},
    "discounts.state.rejected": {"en": "Rejected", "vi": "Bị từ chối"},
    "discounts.set_heading": {
        "en": "Set a customer's discount",
        "vi": "Đặt mức giảm cho khách hàng",
    },
    "discounts.customer": {"en": "Customer", "vi": "Khách hàng"},
    "discounts.all_customers": {"en": "All customers", "vi": "Tất cả khách hàng"},
    "discounts.group": {"en": "Service group", "vi": "Nhóm dịch vụ"},
    "discounts.percent": {"en": "Discount (%)", "vi": "Mức giảm (%)"},
    "discounts.from": {"en": "Effective from", "vi": "Hiệu lực từ"},
    "discounts.save": {"en": "Save the discount", "vi": "Lưu mức giảm"},
    "discounts.saved": {
        "en": "{customer}: {group} {percent} from {day}.",
        "vi": "{customer}: {group} {percent} từ {day}.",
    },
    "discounts.history": {"en": "Discount history", "vi": "Lịch sử giảm giá"},
    "discounts.no_history": {"en": "No discounts set yet.", "vi": "Chưa đặt mức giảm nào."},
    "discounts.col.customer": {"en": "Customer", "vi": "Khách hàng"},
    "discounts.col.change": {"en": "Old → new", "vi": "Cũ → mới"},
    "discounts.col.from": {"en": "From", "vi": "Từ ngày"},
    "discounts.col.by": {"en": "By", "vi": "Bởi"},
    "discounts.col.when": {"en": "When", "vi": "Thời điểm"},
    "discounts.col.cause": {"en": "Why", "vi": "Lý do"},
    "discounts.cause.partner": {"en": "Set by the partner", "vi": "Đối tác đặt"},
    "discounts.cause.cap": {
        "en": "Capped: the partner's maximum was lowered",
        "vi": "Bị giới hạn: mức tối đa của đối tác đã giảm",
    },
    "discounts.need_active": {
        "en": "Set discounts once you have an active customer and an approved maximum.",
        "vi": "Bạn có thể đặt mức giảm khi có khách hàng đang hoạt động và mức tối đa được duyệt.",
    },
    # Staff page
    "discreq.heading": {"en": "Discount requests", "vi": "Yêu cầu giảm giá"},
    "discreq.intro": {
        "en": "Partners' requests for discounts, each due 3 working days after it was sent. Approve each service group with a maximum, or reject with a reason.",
        "vi": "Yêu cầu giảm giá của đối tác, hạn xử lý 3 ngày làm việc kể từ khi gửi. Duyệt từng nhóm dịch vụ với mức tối đa, hoặc từ chối kèm lý do.",
    },
    "discreq.empty": {
        "en": "No discount request is waiting for a decision.",
        "vi": "Không có yêu cầu giảm giá nào đang chờ quyết định.",
    },
    "discreq.open": {"en": "Open request", "vi": "Mở yêu cầu"},
    "discreq.detail": {"en": "Discount request #{id}", "vi": "Yêu cầu giảm giá số {id}"},
    "discreq.justification": {"en": "The partner's reasons", "vi": "Lý do của đối tác"},
    "discreq.maximum_for": {
        "en": "Maximum for {group} (%; blank: refuse)",
        "vi": "Mức tối đa cho {group} (%; để trống: từ chối)",
    },
    "discreq.reason": {
        "en": "Reason, when nothing is approved",
        "vi": "Lý do, khi không duyệt nhóm nào",
    },
    "discreq.reason_choose": {"en": "Choose a reason", "vi": "Chọn lý do"},
    "discreq.note": {"en": "Note to the partner", "vi": "Ghi chú cho đối tác"},
    "discreq.decide": {"en": "Record the decision", "vi": "Ghi nhận quyết định"},
    "discreq.confirm_approve": {
        "en": "Approve discount request #{id} from {company} with the maximums below? A group left blank is refused.",
        "vi": "Phê duyệt yêu cầu giảm giá số {id} của {company} với các mức tối đa dưới đây? Nhóm để trống sẽ bị từ chối.",
    },
    "discreq.confirm_reject": {
        "en": "Reject discount request #{id} from {company}? The partner is told why.",
        "vi": "Từ chối yêu cầu giảm giá số {id} của {company}? Đối tác sẽ được thông báo lý do.",
    },
    "discreq_event.requested": {"en": "Requested by the partner", "vi": "Đối tác gửi yêu cầu"},
    "discreq_event.assigned": {"en": "Assigned", "vi": "Đã giao xử lý"},
    "discreq_event.unassigned": {"en": "Unassigned", "vi": "Đã bỏ giao xử lý"},
    "discreq_event.approved": {"en": "Approved", "vi": "Đã phê duyệt"},
    "discreq_event.rejected": {"en": "Rejected", "vi": "Đã từ chối"},
    "discreq_event.overdue_alert": {
        "en": "Overdue: the team was alerted",
        "vi": "Quá hạn: nhóm đã được nhắc",
    },
    "discreq.decided": {
        "en": "Decision recorded; the partner is emailed.",
        "vi": "Đã ghi nhận quyết định; đối tác sẽ nhận email.",
    },
    "discreq.all_history": {
        "en": "Discount history, all partners",
        "vi": "Lịch sử giảm giá của mọi đối tác",
    },
    "discreq.change_max": {"en": "Change a partner's maximum", "vi": "Đổi mức tối đa của đối tác"},
    "discreq.partner": {"en": "Partner", "vi": "Đối tác"},
    "discreq.new_max": {"en": "New maximum (%)", "vi": "Mức tối đa mới (%)"},
    "discreq.apply_max": {"en": "Set the maximum", "vi": "Đặt mức tối đa"},
    "discreq.max_set": {
        "en": "Maximum set; {count} customer discount(s) capped.",
        "vi": "Đã đặt mức tối đa; {count} mức giảm của khách hàng bị giới hạn.",
    },
    # Emails
    "mail.discount.received.subject": {
        "en": "GreenNode received your discount request",
        "vi": "GreenNode đã nhận yêu cầu giảm giá của bạn",
    },
    "mail.discount.received.body": {
        "en": "We received your request for discounts on {groups}.\n\nThe partner team decides by {due} (Vietnam time); you get an email with the decision.",
        "vi": "Chúng tôi đã nhận yêu cầu giảm giá của bạn cho {groups}.\n\nNhóm đối tác sẽ quyết định trước {due} (giờ Việt Nam); bạn sẽ nhận email về quyết định.",
    },
    "mail.discount.approved.subject": {
        "en": "Your discounts are approved",
        "vi": "Yêu cầu giảm giá của bạn đã được duyệt",
    },
    "mail.discount.approved.body": {
        "en": "GreenNode approved discounts for you: {approved}.\n\nYou can now set a discount for each active customer, up to these maximums, in the partner portal under Discounts.",
        "vi": "GreenNode đã duyệt giảm giá cho bạn: {approved}.\n\nBạn có thể đặt mức giảm cho từng khách hàng đang hoạt động, tối đa bằng các mức này, trong mục Giảm giá của cổng đối tác.",
    },
    "mail.discount.rejected.subject": {
        "en": "Your discount request was not approved",
        "vi": "Yêu cầu giảm giá của bạn không được duyệt",
    },
    "mail.discount.rejected.body": {
        "en": "GreenNode did not approve discounts on {groups}. Reason: {reason}.\n\nYou can send a new request when things change.",
        "vi": "GreenNode không duyệt giảm giá cho {groups}. Lý do: {reason}.\n\nBạn có thể gửi yêu cầu mới khi tình hình thay đổi.",
    },
}
