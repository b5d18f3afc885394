"""Every applicant-facing string, in English and Vietnamese, from one catalogue."""

from __future__ import annotations

from datetime import datetime

from core.workdays import local

LANGUAGES = {"en": "English", "vi": "Tiếng Việt"}
DEFAULT_LANGUAGE = "en"

CATALOGUE: dict[str, dict[str, str]] = {
    "app.title": {"en": "GreenNode Partner Portal", "vi": "Cổng đối tác GreenNode"},
    "nav.sign_in": {"en": "Sign in", "vi": "Đăng nhập"},
    "nav.apply": {"en": "Become a partner", "vi": "Trở thành đối tác"},
    "nav.status": {"en": "My application", "vi": "Hồ sơ của tôi"},
    "nav.queue": {"en": "Review queue", "vi": "Hàng chờ duyệt"},
    "nav.metrics": {"en": "Metrics", "vi": "Số liệu"},
    "nav.mailbox": {"en": "Mailbox (local)", "vi": "Hộp thư (cục bộ)"},
    "nav.outbox": {"en": "Email delivery", "vi": "Gửi email"},
    "nav.section.applicant": {"en": "Partner registration", "vi": "Đăng ký đối tác"},
    "nav.section.team": {"en": "Partner team", "vi": "Nhóm đối tác"},
    "nav.section.local": {"en": "Local tools", "vi": "Công cụ cục bộ"},
    "language.label": {"en": "Language", "vi": "Ngôn ngữ"},
    "language.saved": {
        "en": "Language saved: English is used on every screen and in emails.",
        "vi": "Đã lưu ngôn ngữ: Tiếng Việt được dùng trên mọi màn hình và trong email.",
    },
    "signin.heading": {
        "en": "Become a GreenNode Partner",
        "vi": "Trở thành đối tác GreenNode",
    },
    "signin.intro": {
        "en": (
            "Sign in with the root user account of your GreenNode (VNG Cloud) account "
            "to apply. Your account must be registered on the GreenNode portal, be the "
            "root user, be classified as an Enterprise account and must not be a "
            "customer account of an existing partner."
        ),
        "vi": (
            "Đăng nhập bằng tài khoản người dùng gốc (root user) của tài khoản GreenNode "
            "(VNG Cloud) để đăng ký. Tài khoản phải đã được đăng ký trên cổng GreenNode, "
            "là người dùng gốc, được phân loại là tài khoản Doanh nghiệp và không phải là "
            "tài khoản khách hàng của một đối tác hiện có."
        ),
    },
    "signin.button": {
        "en": "Sign in with root user account",
        "vi": "Đăng nhập bằng tài khoản người dùng gốc",
    },
    "signin.signup": {
        "en": "No account yet? [Sign up]({url}) and follow the account-creation guide.",
        "vi": "Chưa có tài khoản? [Đăng ký]({url}) và làm theo hướng dẫn tạo tài khoản.",
    },
    "signin.staff": {"en": "Partner team sign-in", "vi": "Đăng nhập cho nhóm đối tác"},
    "signout.button": {"en": "Sign out", "vi": "Đăng xuất"},
    "signed_in_as": {"en": "Signed in as {email}", "vi": "Đã đăng nhập: {email}"},
    "apply.heading": {"en": "Become a GreenNode Partner", "vi": "Trở thành đối tác GreenNode"},
    "apply.language_step": {
        "en": "Choose your language",
        "vi": "Chọn ngôn ngữ của bạn",
    },
    "eligibility.heading": {"en": "Eligibility", "vi": "Điều kiện đăng ký"},
    "eligibility.ok": {
        "en": "Your account meets every requirement to apply.",
        "vi": "Tài khoản của bạn đáp ứng mọi điều kiện để đăng ký.",
    },
    "eligibility.not_ok": {
        "en": "This account cannot apply yet. The reasons and the way forward:",
        "vi": "Tài khoản này chưa thể đăng ký. Lý do và cách khắc phục:",
    },
    "rule.registered": {
        "en": "Registered on the GreenNode portal",
        "vi": "Đã đăng ký trên cổng GreenNode",
    },
    "rule.root_user": {"en": "Signed in as the root user", "vi": "Đăng nhập bằng người dùng gốc"},
    "rule.enterprise": {
        "en": "Classified as an Enterprise account",
        "vi": "Được phân loại là tài khoản Doanh nghiệp",
    },
    "rule.not_partner_customer": {
        "en": "Not a customer account of an existing partner",
        "vi": "Không phải tài khoản khách hàng của đối tác hiện có",
    },
    "fail.not_registered": {
        "en": (
            "This account is not registered on the GreenNode portal. Create one by "
            "following the [account-creation guide]({signup_url}), then sign in again."
        ),
        "vi": (
            "Tài khoản này chưa được đăng ký trên cổng GreenNode. Hãy tạo tài khoản theo "
            "[hướng dẫn tạo tài khoản]({signup_url}), sau đó đăng nhập lại."
        ),
    },
    "fail.not_root": {
        "en": (
            "You signed in as an IAM user. Only the root user of the account can apply: "
            "sign out and sign in again with the root user account."
        ),
        "vi": (
            "Bạn đang đăng nhập bằng người dùng IAM. Chỉ người dùng gốc của tài khoản mới "
            "có thể đăng ký: hãy đăng xuất và đăng nhập lại bằng tài khoản người dùng gốc."
        ),
    },
    "fail.not_enterprise": {
        "en": (
            "This account is not classified as an Enterprise account. Upgrade it to "
            "Enterprise on the GreenNode portal, or contact support: {support}."
        ),
        "vi": (
            "Tài khoản này chưa được phân loại là tài khoản Doanh nghiệp. Hãy nâng cấp lên "
            "Doanh nghiệp trên cổng GreenNode hoặc liên hệ bộ phận hỗ trợ: {support}."
        ),
    },
    "fail.partner_customer": {
        "en": (
            "This account is a customer account of an existing partner and cannot become "
            "a partner itself. If this is wrong, contact support: {support}."
        ),
        "vi": (
            "Tài khoản này là tài khoản khách hàng của một đối tác hiện có nên không thể "
            "trở thành đối tác. Nếu thông tin này chưa đúng, hãy liên hệ hỗ trợ: {support}."
        ),
    },
    "fail.unverifiable": {
        "en": (
            "We could not verify your account information. Please sign in again; if this "
            "message stays, contact support: {support}."
        ),
        "vi": (
            "Chúng tôi không thể xác minh thông tin tài khoản của bạn. Vui lòng đăng nhập "
            "lại; nếu thông báo này vẫn còn, hãy liên hệ hỗ trợ: {support}."
        ),
    },
    "terms.heading": {"en": "Terms and Conditions", "vi": "Điều khoản và Điều kiện"},
    "terms.version": {
        "en": "Version {version}, effective {effective}",
        "vi": "Phiên bản {version}, hiệu lực từ {effective}",
    },
    "terms.accept": {
        "en": "I have read and accept the GreenNode Partner Terms and Conditions (version {version}).",
        "vi": "Tôi đã đọc và chấp nhận Điều khoản và Điều kiện Đối tác GreenNode (phiên bản {version}).",
    },
    "terms.tick_first": {
        "en": "Tick the box above to accept the Terms and Conditions first.",
        "vi": "Hãy đánh dấu ô phía trên để chấp nhận Điều khoản và Điều kiện trước.",
    },
    "submit.button": {"en": "Become a GreenNode Partner", "vi": "Trở thành đối tác GreenNode"},
    "submit.already": {
        "en": "You already have an application. See where it stands on the status page.",
        "vi": "Bạn đã có một hồ sơ đăng ký. Xem tình trạng hồ sơ trên trang trạng thái.",
    },
    "submit.open_status": {"en": "Open my application", "vi": "Mở hồ sơ của tôi"},
    "error.terms_changed": {
        "en": "The Terms and Conditions changed while you were reading. Please read the current version and accept it again.",
        "vi": "Điều khoản và Điều kiện đã thay đổi trong lúc bạn đọc. Vui lòng đọc phiên bản hiện tại và chấp nhận lại.",
    },
    "error.not_eligible": {
        "en": "This account is not eligible to apply.",
        "vi": "Tài khoản này không đủ điều kiện đăng ký.",
    },
    "error.try_again": {
        "en": "Something went wrong on our side. Please try again in a moment; if it keeps happening, contact support: {support}.",
        "vi": "Đã có lỗi từ phía chúng tôi. Vui lòng thử lại sau giây lát; nếu lỗi vẫn xảy ra, hãy liên hệ hỗ trợ: {support}.",
    },
    "error.forbidden": {
        "en": "This page is not available for your account.",
        "vi": "Trang này không dành cho tài khoản của bạn.",
    },
    "error.terms_missing": {
        "en": "The Terms and Conditions could not be loaded: {detail}",
        "vi": "Không thể tải Điều khoản và Điều kiện: {detail}",
    },
    "status.heading": {"en": "My partner application", "vi": "Hồ sơ đăng ký đối tác của tôi"},
    "status.none": {
        "en": "You have not applied yet.",
        "vi": "Bạn chưa đăng ký.",
    },
    "status.start": {"en": "Start your application", "vi": "Bắt đầu đăng ký"},
    "status.application": {"en": "Application #{id}", "vi": "Hồ sơ số {id}"},
    "state.pending": {"en": "Awaiting approval", "vi": "Đang chờ phê duyệt"},
    "state.approved": {"en": "Approved", "vi": "Đã được phê duyệt"},
    "state.rejected": {"en": "Rejected", "vi": "Bị từ chối"},
    "state.withdrawn": {"en": "Withdrawn", "vi": "Đã rút"},
    "status.pending_body": {
        "en": "Your application is awaiting approval. The partner team will decide by **{due}** (Vietnam time). We have sent you an email saying the same.",
        "vi": "Hồ sơ của bạn đang chờ phê duyệt. Nhóm đối tác sẽ quyết định trước **{due}** (giờ Việt Nam). Chúng tôi cũng đã gửi email với nội dung này cho bạn.",
    },
    "status.approved_body": {
        "en": "Your application was approved on {decided}. Welcome to the GreenNode partner programme.",
        "vi": "Hồ sơ của bạn đã được phê duyệt vào {decided}. Chào mừng bạn đến với chương trình đối tác GreenNode.",
    },
    "status.rejected_body": {
        "en": "Your application was rejected on {decided}.",
        "vi": "Hồ sơ của bạn đã bị từ chối vào {decided}.",
    },
    "status.reason": {"en": "Reason from the partner team:", "vi": "Lý do từ nhóm đối tác:"},
    "status.withdrawn_body": {
        "en": "You withdrew this application on {decided}.",
        "vi": "Bạn đã rút hồ sơ này vào {decided}.",
    },
    "status.submitted": {"en": "Submitted", "vi": "Ngày nộp"},
    "status.due": {"en": "Decision due by", "vi": "Hạn quyết định"},
    "status.terms": {"en": "Terms accepted", "vi": "Điều khoản đã chấp nhận"},
    "status.timeline": {"en": "History", "vi": "Lịch sử"},
    "event.submitted": {"en": "Application submitted", "vi": "Đã nộp hồ sơ"},
    "event.approved": {"en": "Application approved", "vi": "Hồ sơ được phê duyệt"},
    "event.rejected": {"en": "Application rejected", "vi": "Hồ sơ bị từ chối"},
    "event.withdrawn": {"en": "Application withdrawn", "vi": "Hồ sơ đã được rút"},
    "event.due_recomputed": {
        "en": "Decision due time updated for a calendar change",
        "vi": "Cập nhật hạn quyết định do thay đổi lịch",
    },
    "reason.not_enterprise": {
        "en": "The account is not an Enterprise account",
        "vi": "Tài khoản không phải là tài khoản Doanh nghiệp",
    },
    "reason.partner_customer": {
        "en": "The account is a customer account of a partner",
        "vi": "Tài khoản là tài khoản khách hàng của một đối tác",
    },
    "reason.not_root": {
        "en": "The application was not made by the root user",
        "vi": "Hồ sơ không được nộp bởi người dùng gốc",
    },
    "reason.unverifiable": {
        "en": "The account information could not be verified",
        "vi": "Không thể xác minh thông tin tài khoản",
    },
    "reason.duplicate": {"en": "Duplicate application", "vi": "Hồ sơ trùng lặp"},
    "reason.other": {"en": "Other reason", "vi": "Lý do khác"},
    "email.last_sent": {"en": "Last email sent: {at}", "vi": "Email gửi gần nhất: {at}"},
    "email.queued": {
        "en": "Your email is on its way; it usually arrives within a minute.",
        "vi": "Email đang được gửi; thường sẽ đến trong vòng một phút.",
    },
    "email.resend": {"en": "Resend email", "vi": "Gửi lại email"},
    "email.resent": {
        "en": "Done: the email is on its way again.",
        "vi": "Đã xong: email đang được gửi lại.",
    },
    "error.resend_wait": {
        "en": "An email was sent recently. You can ask for it again from {at}.",
        "vi": "Email vừa được gửi gần đây. Bạn có thể yêu cầu gửi lại từ {at}.",
    },
    "error.nothing_to_resend": {
        "en": "There is no email to send again for this application.",
        "vi": "Không có email nào để gửi lại cho hồ sơ này.",
    },
    "event.email_resent": {"en": "Email sent again on request", "vi": "Gửi lại email theo yêu cầu"},
    "mailbox.caption": {
        "en": "Messages caught by the local mail catcher, also kept as .eml files in {directory}.",
        "vi": "Thư do máy bắt thư cục bộ nhận được, cũng được lưu dạng tệp .eml trong {directory}.",
    },
    "mailbox.empty": {"en": "No email caught yet.", "vi": "Chưa có email nào."},
    "mailbox.pick": {"en": "Message", "vi": "Thư"},
    "mailbox.text": {"en": "Plain text", "vi": "Văn bản thuần"},
    "outbox.caption": {
        "en": "Emails that failed for good, or are waiting to be retried after an error.",
        "vi": "Các email gửi thất bại hẳn, hoặc đang chờ gửi lại sau khi gặp lỗi.",
    },
    "outbox.all_clear": {
        "en": "Every email has been delivered or is on its way.",
        "vi": "Mọi email đã được gửi hoặc đang được gửi.",
    },
    "sla.on_track": {"en": "On track", "vi": "Đúng hạn"},
    "sla.due_soon": {"en": "Due soon", "vi": "Sắp đến hạn"},
    "sla.overdue": {"en": "Overdue", "vi": "Quá hạn"},
    "age.lt1": {"en": "under 1", "vi": "dưới 1"},
    "age.1to2": {"en": "1–2", "vi": "1–2"},
    "age.2to3": {"en": "2–3", "vi": "2–3"},
    "age.gt3": {"en": "over 3", "vi": "trên 3"},
    "queue.pending": {"en": "Pending", "vi": "Đang chờ"},
    "queue.filters": {"en": "Filters and search", "vi": "Bộ lọc và tìm kiếm"},
    "queue.filter.sla": {"en": "SLA state", "vi": "Trạng thái SLA"},
    "queue.filter.language": {"en": "Language", "vi": "Ngôn ngữ"},
    "queue.filter.submitted": {"en": "Submitted between", "vi": "Nộp trong khoảng"},
    "queue.search": {"en": "Search email or company", "vi": "Tìm theo email hoặc công ty"},
    "queue.count": {
        "en": "{shown} of {total} pending applications shown, most urgent first.",
        "vi": "Hiển thị {shown} trên {total} hồ sơ đang chờ, khẩn cấp nhất trước.",
    },
    "queue.empty": {
        "en": "No pending application matches. Nothing is waiting for a decision.",
        "vi": "Không có hồ sơ đang chờ nào phù hợp. Không có gì đang chờ quyết định.",
    },
    "queue.chart.title": {
        "en": "Pending queue by age (working days)",
        "vi": "Hàng chờ theo tuổi hồ sơ (ngày làm việc)",
    },
    "queue.chart.caption": {
        "en": "How long pending applications have waited, in working days, coloured by SLA state.",
        "vi": "Thời gian các hồ sơ đang chờ đã đợi, tính bằng ngày làm việc, tô màu theo trạng thái SLA.",
    },
    "col.id": {"en": "#", "vi": "Số"},
    "col.sla": {"en": "SLA", "vi": "SLA"},
    "col.age": {"en": "Age (working days)", "vi": "Tuổi (ngày làm việc)"},
    "col.left": {"en": "Left (working days)", "vi": "Còn lại (ngày làm việc)"},
    "col.late": {"en": "Late by (working days)", "vi": "Trễ (ngày làm việc)"},
    "col.email": {"en": "Applicant", "vi": "Người đăng ký"},
    "col.company": {"en": "Company", "vi": "Công ty"},
    "col.language": {"en": "Language", "vi": "Ngôn ngữ"},
    "col.submitted": {"en": "Submitted", "vi": "Ngày nộp"},
    "col.due": {"en": "Due", "vi": "Hạn"},
    "col.in_review": {"en": "In review by", "vi": "Đang được xem bởi"},
    "col.applications": {"en": "Applications", "vi": "Hồ sơ"},
    "col.state": {"en": "State", "vi": "Trạng thái"},
    "col.decided": {"en": "Decided", "vi": "Ngày quyết định"},
    "col.reason": {"en": "Reason", "vi": "Lý do"},
    "col.note": {"en": "Note", "vi": "Ghi chú"},
    "col.event": {"en": "Event", "vi": "Sự kiện"},
    "col.by": {"en": "By", "vi": "Bởi"},
    "col.when": {"en": "When", "vi": "Thời điểm"},
    "detail.open": {"en": "Open application", "vi": "Mở hồ sơ"},
    "detail.heading": {"en": "Application #{id}", "vi": "Hồ sơ số {id}"},
    "detail.in_review": {
        "en": "In review by {who} since {since}. You may still proceed.",
        "vi": "Đang được {who} xem từ {since}. Bạn vẫn có thể tiếp tục.",
    },
    "detail.account": {"en": "Account", "vi": "Tài khoản"},
    "detail.eligibility": {
        "en": "Eligibility at submission",
        "vi": "Điều kiện tại thời điểm nộp",
    },
    "detail.terms": {"en": "Terms accepted", "vi": "Điều khoản đã chấp nhận"},
    "detail.terms_line": {
        "en": "Version {version} in {language}, accepted {at}. SHA-256 {sha}",
        "vi": "Phiên bản {version} bằng {language}, chấp nhận lúc {at}. SHA-256 {sha}",
    },
    "detail.earlier": {"en": "Earlier applications", "vi": "Các hồ sơ trước đây"},
    "detail.no_earlier": {
        "en": "None: this is the first.",
        "vi": "Không có: đây là hồ sơ đầu tiên.",
    },
    "detail.history": {"en": "Event history", "vi": "Lịch sử sự kiện"},
    "detail.own": {
        "en": "This is your own account's application: another reviewer must decide it.",
        "vi": "Đây là hồ sơ của chính tài khoản bạn: một người duyệt khác phải quyết định.",
    },
    "decide.approve": {"en": "Approve", "vi": "Phê duyệt"},
    "decide.reject": {"en": "Reject", "vi": "Từ chối"},
    "decide.confirm_approve": {
        "en": "Approve application #{id} from {company}?",
        "vi": "Phê duyệt hồ sơ số {id} của {company}?",
    },
    "decide.confirm_reject": {
        "en": "Reject application #{id} from {company}?",
        "vi": "Từ chối hồ sơ số {id} của {company}?",
    },
    "decide.reason": {"en": "Reason", "vi": "Lý do"},
    "decide.note_reject": {
        "en": "Note to the applicant (required, 10 to 1,000 characters)",
        "vi": "Ghi chú gửi người đăng ký (bắt buộc, 10 đến 1.000 ký tự)",
    },
    "decide.note_approve": {
        "en": "Note to the applicant (optional)",
        "vi": "Ghi chú gửi người đăng ký (không bắt buộc)",
    },
    "decide.confirm": {"en": "Confirm", "vi": "Xác nhận"},
    "decide.cancel": {"en": "Cancel", "vi": "Hủy"},
    "decide.done_approved": {
        "en": "Application #{id} approved; the applicant is being emailed.",
        "vi": "Đã phê duyệt hồ sơ số {id}; email đang được gửi cho người đăng ký.",
    },
    "decide.done_rejected": {
        "en": "Application #{id} rejected; the applicant is being emailed.",
        "vi": "Đã từ chối hồ sơ số {id}; email đang được gửi cho người đăng ký.",
    },
    "error.already_decided": {
        "en": "Already decided: {state} by {who} at {at}. Nothing was changed.",
        "vi": "Đã được quyết định: {state} bởi {who} lúc {at}. Không có gì thay đổi.",
    },
    "error.reason_required": {
        "en": "Choose a reason for the rejection.",
        "vi": "Hãy chọn lý do từ chối.",
    },
    "error.note_required": {
        "en": "Write a note the applicant will read (at least {minimum} characters).",
        "vi": "Hãy viết ghi chú cho người đăng ký (ít nhất {minimum} ký tự).",
    },
    "error.note_length": {
        "en": "The note must be {minimum} to {maximum} characters long.",
        "vi": "Ghi chú phải dài từ {minimum} đến {maximum} ký tự.",
    },
    "error.note_invalid": {
        "en": "The note contains characters that cannot be stored.",
        "vi": "Ghi chú chứa ký tự không thể lưu.",
    },
    "error.not_found": {"en": "No such application.", "vi": "Không tìm thấy hồ sơ."},
    "error.own_application": {
        "en": "You cannot decide an application from your own account.",
        "vi": "Bạn không thể quyết định hồ sơ của chính tài khoản mình.",
    },
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
    "col.week": {"en": "Week of", "vi": "Tuần từ"},
    "col.day": {"en": "Day", "vi": "Ngày"},
    "col.count": {"en": "Count", "vi": "Số lượng"},
    "col.series": {"en": "Series", "vi": "Chuỗi"},
    "col.share": {"en": "Share", "vi": "Tỷ lệ"},
    "col.bucket": {"en": "Decided", "vi": "Quyết định"},
    "col.reviewer": {"en": "Reviewer", "vi": "Người duyệt"},
    "col.decision": {"en": "Decision", "vi": "Quyết định"},
    "col.working_days": {
        "en": "Working days to decision",
        "vi": "Số ngày làm việc đến khi quyết định",
    },
    "col.backlog": {"en": "Open", "vi": "Đang mở"},
    "col.overdue": {"en": "Overdue", "vi": "Quá hạn"},
    "cohort.within_1": {"en": "within 1 working day", "vi": "trong 1 ngày làm việc"},
    "cohort.within_2": {"en": "within 2 working days", "vi": "trong 2 ngày làm việc"},
    "cohort.within_3": {"en": "within 3 working days", "vi": "trong 3 ngày làm việc"},
    "cohort.over_3": {"en": "over 3 working days", "vi": "hơn 3 ngày làm việc"},
    "cohort.open": {"en": "still open", "vi": "vẫn đang mở"},
    "nav.partner": {"en": "Partner overview", "vi": "Tổng quan đối tác"},
    "nav.partners": {"en": "Partners", "vi": "Đối tác"},
    "partner.heading": {"en": "Partner overview", "vi": "Tổng quan đối tác"},
    "partner.id": {"en": "Partner ID", "vi": "Mã đối tác"},
    "partner.since": {"en": "Partner since", "vi": "Là đối tác từ"},
    "partner.status": {"en": "Partner status", "vi": "Trạng thái đối tác"},
    "partner.active": {"en": "Active", "vi": "Đang hoạt động"},
    "partner.terms": {"en": "Terms accepted", "vi": "Điều khoản đã chấp nhận"},
    "partner.terms_line": {
        "en": "Version {version} ({language}), accepted {at}",
        "vi": "Phiên bản {version} ({language}), chấp nhận lúc {at}",
    },
    "partner.tasks": {"en": "Partner management tasks", "vi": "Tác vụ quản lý đối tác"},
    "partner.tasks_body": {
        "en": "Keep your company profile up to date; the partner team uses it to reach you about customers, co-selling and programme changes.",
        "vi": "Hãy cập nhật hồ sơ công ty; nhóm đối tác dùng thông tin này để liên hệ với bạn về khách hàng, bán hàng chung và thay đổi của chương trình.",
    },
    "partner.profile": {"en": "Company profile", "vi": "Hồ sơ công ty"},
    "profile.company": {"en": "Company name", "vi": "Tên công ty"},
    "profile.email": {"en": "Business contact email", "vi": "Email liên hệ kinh doanh"},
    "profile.phone": {"en": "Business contact phone", "vi": "Số điện thoại liên hệ kinh doanh"},
    "profile.language": {"en": "Preferred language", "vi": "Ngôn ngữ ưu tiên"},
    "profile.save": {"en": "Save profile", "vi": "Lưu hồ sơ"},
    "profile.saved": {"en": "Profile saved.", "vi": "Đã lưu hồ sơ."},
    "profile.not_saved": {
        "en": "Nothing was saved: please correct the fields marked below.",
        "vi": "Chưa lưu gì: vui lòng sửa các trường được đánh dấu bên dưới.",
    },
    "profile.error.company": {
        "en": "Enter the company name, 2 to 200 characters.",
        "vi": "Nhập tên công ty, từ 2 đến 200 ký tự.",
    },
    "profile.error.email": {
        "en": "Enter an email address like name@company.com.",
        "vi": "Nhập địa chỉ email dạng ten@congty.com.",
    },
    "profile.error.phone": {
        "en": "Enter a Vietnamese number (0912 345 678 or +84 912 345 678) or an international one starting with +.",
        "vi": "Nhập số điện thoại Việt Nam (0912 345 678 hoặc +84 912 345 678) hoặc số quốc tế bắt đầu bằng +.",
    },
    "profile.error.language": {
        "en": "Choose English or Tiếng Việt.",
        "vi": "Chọn English hoặc Tiếng Việt.",
    },
    "partner.new_terms": {
        "en": "A new version of the Terms and Conditions is in effect. Please read and accept it to continue to the partner area.",
        "vi": "Phiên bản mới của Điều khoản và Điều kiện đang có hiệu lực. Vui lòng đọc và chấp nhận để tiếp tục vào khu vực đối tác.",
    },
    "partner.accept_button": {"en": "Accept and continue", "vi": "Chấp nhận và tiếp tục"},
    "partner.terms_accepted": {
        "en": "Thank you: version {version} is accepted.",
        "vi": "Cảm ơn bạn: đã chấp nhận phiên bản {version}.",
    },
    "error.not_partner": {
        "en": "The partner area is for approved GreenNode partners. Apply to become a partner, or see where your application stands on the status page.",
        "vi": "Khu vực đối tác dành cho các đối tác GreenNode đã được phê duyệt. Hãy đăng ký trở thành đối tác hoặc xem tình trạng hồ sơ trên trang trạng thái.",
    },
    "withdraw.button": {"en": "Withdraw application", "vi": "Rút hồ sơ"},
    "withdraw.confirm_text": {
        "en": "Withdraw application #{id}? The partner team will stop reviewing it. You can apply again later.",
        "vi": "Rút hồ sơ số {id}? Nhóm đối tác sẽ ngừng xét duyệt. Bạn có thể đăng ký lại sau.",
    },
    "withdraw.confirm": {"en": "Yes, withdraw", "vi": "Đồng ý rút"},
    "withdraw.done": {"en": "Your application was withdrawn.", "vi": "Hồ sơ của bạn đã được rút."},
    "error.cannot_withdraw": {
        "en": "Only an application awaiting approval can be withdrawn.",
        "vi": "Chỉ có thể rút hồ sơ đang chờ phê duyệt.",
    },
    "error.cannot_reapply": {
        "en": "You can apply again only after a rejection or a withdrawal, and not while an application is open.",
        "vi": "Bạn chỉ có thể đăng ký lại sau khi bị từ chối hoặc đã rút hồ sơ, và không khi đang có hồ sơ mở.",
    },
    "error.cooldown": {
        "en": "You can apply again from {at}.",
        "vi": "Bạn có thể đăng ký lại từ {at}.",
    },
    "reapply.button": {"en": "Apply again", "vi": "Đăng ký lại"},
    "reapply.intro": {
        "en": "Your previous application was not approved. Reason: {reason}",
        "vi": "Hồ sơ trước của bạn chưa được phê duyệt. Lý do: {reason}",
    },
    "overdue.body": {
        "en": "The decision is late by {late} working days; we are sorry. Please contact partner support and we will follow up: {support}.",
        "vi": "Quyết định đang trễ {late} ngày làm việc; chúng tôi xin lỗi. Vui lòng liên hệ bộ phận hỗ trợ đối tác để được theo dõi: {support}.",
    },
    "event.profile_updated": {"en": "Company profile updated", "vi": "Cập nhật hồ sơ công ty"},
    "event.terms_accepted": {
        "en": "New Terms version accepted",
        "vi": "Chấp nhận phiên bản Điều khoản mới",
    },
    "event.terms_notice": {
        "en": "Notified of a new Terms version",
        "vi": "Thông báo phiên bản Điều khoản mới",
    },
    "partners.caption": {
        "en": "Approved partners and the Terms version each has accepted.",
        "vi": "Các đối tác đã được phê duyệt và phiên bản Điều khoản mỗi đối tác đã chấp nhận.",
    },
    "partners.none": {"en": "No partner yet.", "vi": "Chưa có đối tác nào."},
    "col.partner_id": {"en": "Partner ID", "vi": "Mã đối tác"},
    "col.terms_version": {"en": "Terms version", "vi": "Phiên bản điều khoản"},
    "col.accepted": {"en": "Accepted", "vi": "Chấp nhận lúc"},
    "col.current": {"en": "Current version accepted", "vi": "Đã chấp nhận bản hiện hành"},
    "support.heading": {"en": "Need help?", "vi": "Cần hỗ trợ?"},
    "support.body": {
        "en": "Contact GreenNode partner support: {email} · {phone} · {url}",
        "vi": "Liên hệ bộ phận hỗ trợ đối tác GreenNode: {email} · {phone} · {url}",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (English when the language is unknown)."""
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def normalise_language(value: object) -> str:
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def format_moment(moment: datetime, lang: str) -> str:
    """A local (Asia/Ho_Chi_Minh) date and time in the reader's convention."""
    when = local(moment)
    if lang == "vi":
        return when.strftime("%H:%M, %d/%m/%Y (GMT+7)")
    return when.strftime("%a %d %b %Y, %H:%M (GMT+7)")
