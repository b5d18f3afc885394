"""The managers' metrics page."""

MESSAGES: dict[str, dict[str, str]] = {
    "metrics.period": {"en": "Period", "vi": "Khoảng thời gian"},
    "metrics.period.4w": {"en": "Last 4 weeks", "vi": "4 tuần qua"},
    "metrics.period.quarter": {"en": "Last quarter (13 weeks)", "vi": "Quý vừa qua (13 tuần)"},
    "metrics.period.12m": {"en": "Last 12 months", "vi": "12 tháng qua"},
    "metrics.period.custom": {"en": "Custom range", "vi": "Tùy chọn"},
    "metrics.range": {"en": "From – to (local dates)", "vi": "Từ – đến (ngày địa phương)"},
    "metrics.range_invalid": {
        "en": "Choose both a start and an end date, the start first.",
        "vi": "Hãy chọn cả ngày bắt đầu và ngày kết thúc, ngày bắt đầu trước.",
    },
    "metrics.compared": {
        "en": "{start} to {end}; changes are against {prev_start} to {prev_end}.",
        "vi": "Từ {start} đến {end}; mức thay đổi so với từ {prev_start} đến {prev_end}.",
    },
    "metrics.received": {"en": "Received", "vi": "Đã nhận"},
    "metrics.decided": {"en": "Decided", "vi": "Đã quyết định"},
    "metrics.approval_rate": {"en": "Approval rate", "vi": "Tỷ lệ phê duyệt"},
    "metrics.median": {
        "en": "Median time to decision (working days)",
        "vi": "Thời gian quyết định trung vị (ngày làm việc)",
    },
    "metrics.p90": {
        "en": "90th percentile time to decision (working days)",
        "vi": "Thời gian quyết định phân vị 90 (ngày làm việc)",
    },
    "metrics.within_sla": {"en": "Decided within SLA", "vi": "Quyết định đúng hạn"},
    "metrics.pending_now": {"en": "Pending now", "vi": "Đang chờ hiện tại"},
    "metrics.overdue_now": {"en": "Overdue now", "vi": "Quá hạn hiện tại"},
    "metrics.download": {"en": "Download CSV", "vi": "Tải CSV"},
    "metrics.flow.title": {
        "en": "Received and decided per week",
        "vi": "Hồ sơ nhận và quyết định mỗi tuần",
    },
    "metrics.flow.caption": {
        "en": "Applications submitted and applications decided (approved or rejected), per week starting Monday.",
        "vi": "Số hồ sơ được nộp và số hồ sơ được quyết định (phê duyệt hoặc từ chối), theo tuần bắt đầu từ thứ Hai.",
    },
    "metrics.sla.title": {"en": "SLA compliance per week", "vi": "Tỷ lệ đúng hạn mỗi tuần"},
    "metrics.sla.caption": {
        "en": "Share of the week's decisions made within 3 working days; the line is the goal of {goal}.",
        "vi": "Tỷ lệ quyết định trong tuần được đưa ra trong vòng 3 ngày làm việc; đường kẻ là mục tiêu {goal}.",
    },
    "metrics.dist.title": {"en": "Time to decision", "vi": "Thời gian đến khi quyết định"},
    "metrics.dist.caption": {
        "en": "Decisions in the period by working days from submission to decision; the line marks the 3-working-day SLA.",
        "vi": "Các quyết định trong kỳ theo số ngày làm việc từ khi nộp đến khi quyết định; đường kẻ đánh dấu cam kết 3 ngày làm việc.",
    },
    "metrics.backlog.title": {"en": "Backlog per day", "vi": "Hồ sơ tồn đọng mỗi ngày"},
    "metrics.backlog.caption": {
        "en": "Applications still open at the end of each day, and how many of them were overdue.",
        "vi": "Số hồ sơ còn mở vào cuối mỗi ngày, và bao nhiêu trong số đó đã quá hạn.",
    },
    "metrics.reviewers.title": {
        "en": "Decisions per reviewer",
        "vi": "Quyết định theo người duyệt",
    },
    "metrics.reviewers.caption": {
        "en": "Approvals and rejections made by each reviewer in the period.",
        "vi": "Số phê duyệt và từ chối của từng người duyệt trong kỳ.",
    },
    "metrics.cohorts.title": {"en": "Cohorts by submission week", "vi": "Nhóm hồ sơ theo tuần nộp"},
    "metrics.cohorts.caption": {
        "en": "For applications submitted each week: the share decided within 1, 2, 3 or more working days, or still open.",
        "vi": "Với hồ sơ nộp mỗi tuần: tỷ lệ được quyết định trong vòng 1, 2, 3 ngày làm việc hoặc lâu hơn, hoặc vẫn đang mở.",
    },
    "metrics.overdue.title": {"en": "Overdue now", "vi": "Đang quá hạn"},
    "metrics.overdue.none": {
        "en": "No pending application is past its due time.",
        "vi": "Không có hồ sơ đang chờ nào quá hạn.",
    },
    "metrics.no_data": {"en": "No data in this period.", "vi": "Không có dữ liệu trong kỳ này."},
    "metrics.week_partial": {"en": "{week} (partial)", "vi": "{week} (chưa trọn tuần)"},
    "metrics.no_earlier": {
        "en": "No earlier data: the previous period has no applications, so there is nothing to compare with.",
        "vi": "Chưa có dữ liệu trước đó: kỳ trước không có hồ sơ nào nên không có gì để so sánh.",
    },
    "cohort.within_1": {"en": "within 1 working day", "vi": "trong 1 ngày làm việc"},
    "cohort.within_2": {"en": "within 2 working days", "vi": "trong 2 ngày làm việc"},
    "cohort.within_3": {"en": "within 3 working days", "vi": "trong 3 ngày làm việc"},
    "cohort.over_3": {"en": "over 3 working days", "vi": "hơn 3 ngày làm việc"},
    "cohort.open": {"en": "still open", "vi": "vẫn đang mở"},
}
