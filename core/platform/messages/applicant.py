"""Sign-in, eligibility, Terms, status, errors and emails' shared words."""

MESSAGES: dict[str, dict[str, str]] = {
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
    "signin.heading": {"en": "Become a GreenNode Partner", "vi": "Trở thành đối tác GreenNode"},
    "signin.intro": {
        "en": "Sign in with the root user account of your GreenNode (VNG Cloud) account to apply. Your account must be registered on the GreenNode portal, be the root user, be classified as an Enterprise account and must not be a customer account of an existing partner.",
        "vi": "Đăng nhập bằng tài khoản người dùng gốc (root user) của tài khoản GreenNode (VNG Cloud) để đăng ký. Tài khoản phải đã được đăng ký trên cổng GreenNode, là người dùng gốc, được phân loại là tài khoản Doanh nghiệp và không phải là tài khoản khách hàng của một đối tác hiện có.",
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
    "apply.language_step": {"en": "Choose your language", "vi": "Chọn ngôn ngữ của bạn"},
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
    "rule.met": {"en": "Met", "vi": "Đạt"},
    "rule.not_met": {"en": "Not met", "vi": "Chưa đạt"},
    "fail.not_registered": {
        "en": "This account is not registered on the GreenNode portal. Create one by following the [account-creation guide]({signup_url}), then sign in again.",
        "vi": "Tài khoản này chưa được đăng ký trên cổng GreenNode. Hãy tạo tài khoản theo [hướng dẫn tạo tài khoản]({signup_url}), sau đó đăng nhập lại.",
    },
    "fail.not_root": {
        "en": "You signed in as an IAM user. Only the root user of the account can apply: sign out and sign in again with the root user account.",
        "vi": "Bạn đang đăng nhập bằng người dùng IAM. Chỉ người dùng gốc của tài khoản mới có thể đăng ký: hãy đăng xuất và đăng nhập lại bằng tài khoản người dùng gốc.",
    },
    "fail.not_enterprise": {
        "en": "This account is not classified as an Enterprise account. Upgrade it to Enterprise on the GreenNode portal, or contact support: {support}.",
        "vi": "Tài khoản này chưa được phân loại là tài khoản Doanh nghiệp. Hãy nâng cấp lên Doanh nghiệp trên cổng GreenNode hoặc liên hệ bộ phận hỗ trợ: {support}.",
    },
    "fail.partner_customer": {
        "en": "This account is a customer account of the partner {partner} and cannot become a partner itself. If this is wrong, contact support: {support}.",
        "vi": "Tài khoản này là tài khoản khách hàng của đối tác {partner} nên không thể trở thành đối tác. Nếu thông tin này chưa đúng, hãy liên hệ hỗ trợ: {support}.",
    },
    "facts.source.sign_in": {
        "en": "your GreenNode sign-in",
        "vi": "thông tin đăng nhập GreenNode của bạn",
    },
    "facts.source.account_service": {
        "en": "GreenNode's account service",
        "vi": "dịch vụ tài khoản của GreenNode",
    },
    "eligibility.source": {
        "en": "Your account's facts were checked with {source}.",
        "vi": "Thông tin tài khoản của bạn được kiểm tra qua {source}.",
    },
    "eligibility.directory_down": {
        "en": "We cannot check your account with GreenNode's account service right now. Nothing was submitted; please try again in a few minutes. If it keeps happening, contact support.",
        "vi": "Hiện chưa thể kiểm tra tài khoản của bạn qua dịch vụ tài khoản của GreenNode. Chưa có gì được gửi; vui lòng thử lại sau ít phút. Nếu vẫn xảy ra, hãy liên hệ bộ phận hỗ trợ.",
    },
    "fail.unverifiable": {
        "en": "We could not verify your account information. Please sign in again; if this message stays, contact support: {support}.",
        "vi": "Chúng tôi không thể xác minh thông tin tài khoản của bạn. Vui lòng đăng nhập lại; nếu thông báo này vẫn còn, hãy liên hệ hỗ trợ: {support}.",
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
    "status.none": {"en": "You have not applied yet.", "vi": "Bạn chưa đăng ký."},
    "status.start": {"en": "Start your application", "vi": "Bắt đầu đăng ký"},
    "status.application": {"en": "Application #{id}", "vi": "Hồ sơ số {id}"},
    "state.pending": {"en": "Awaiting approval", "vi": "Đang chờ phê duyệt"},
    "state.approved": {"en": "Approved", "vi": "Đã được phê duyệt"},
    "state.rejected": {"en": "Rejected", "vi": "Bị từ chối"},
    "state.withdrawn": {"en": "Withdrawn", "vi": "Đã rút"},
    "status.pending_body": {
        "en": "Your application is awaiting approval. The partner team will decide by **{due}** (Vietnam time). We have sent you an email saying the same.",
        "vi": "Hồ sơ của bạn đang chờ phê duyệt. Nhóm đối tác sẽ quyết định chậm nhất vào **{due}** (giờ Việt Nam). Chúng tôi cũng đã gửi email với nội dung này cho bạn.",
    },
    "status.pending_body_no_email": {
        "en": "Your application is awaiting approval. The partner team will decide by **{due}** (Vietnam time). Your account has no email address, so we cannot email you: check this page for the decision.",
        "vi": "Hồ sơ của bạn đang chờ phê duyệt. Nhóm đối tác sẽ quyết định chậm nhất vào **{due}** (giờ Việt Nam). Tài khoản của bạn không có địa chỉ email nên chúng tôi không thể gửi email cho bạn: hãy xem quyết định tại trang này.",
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
    "status.due_value": {"en": "{due} (Vietnam time)", "vi": "{due} (giờ Việt Nam)"},
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
    "error.own_account": {
        "en": "This concerns an account you sign in with, so you cannot decide it, take it on or set its limits. Another member of the partner team will.",
        "vi": "Việc này liên quan đến một tài khoản bạn đăng nhập nên bạn không thể quyết định, nhận xử lý hay đặt hạn mức cho nó. Một thành viên khác của nhóm đối tác sẽ làm việc này.",
    },
    "nav.partner": {"en": "Partner overview", "vi": "Tổng quan đối tác"},
    "nav.partners": {"en": "Partners", "vi": "Đối tác"},
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
    "support.heading": {"en": "Need help?", "vi": "Cần hỗ trợ?"},
    "support.body": {
        "en": "Contact GreenNode partner support: {email} · {phone} · {url}",
        "vi": "Liên hệ bộ phận hỗ trợ đối tác GreenNode: {email} · {phone} · {url}",
    },
}
