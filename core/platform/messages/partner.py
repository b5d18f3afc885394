"""The partner area: overview, profile and new Terms versions."""

MESSAGES: dict[str, dict[str, str]] = {
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
        "en": "Register your customers' accounts under Customers, and keep your company profile up to date: the partner team uses it to reach you about customers, co-selling and programme changes.",
        "vi": "Đăng ký tài khoản của khách hàng trong mục Khách hàng và cập nhật hồ sơ công ty: nhóm đối tác dùng thông tin này để liên hệ với bạn về khách hàng, bán hàng chung và thay đổi của chương trình.",
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
        "en": "Enter the company name, 2 to 200 characters, not starting with = + - or @.",
        "vi": "Nhập tên công ty, từ 2 đến 200 ký tự, không bắt đầu bằng = + - hoặc @.",
    },
    "profile.error.email": {
        "en": "Enter one email address like name@company.com (not starting with = + - or @).",
        "vi": "Nhập một địa chỉ email dạng ten@congty.com (không bắt đầu bằng = + - hoặc @).",
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
}
