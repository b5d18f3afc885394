"""Sign-in sessions, sign-in history and abuse limits."""

MESSAGES: dict[str, dict[str, str]] = {
    "session.ended.signed_out": {
        "en": "You signed out of this session. Sign in again to continue.",
        "vi": "Bạn đã đăng xuất khỏi phiên này. Hãy đăng nhập lại để tiếp tục.",
    },
    "session.ended.expired": {
        "en": "Your session has expired. Sign in again to continue.",
        "vi": "Phiên đăng nhập của bạn đã hết hạn. Hãy đăng nhập lại để tiếp tục.",
    },
    "session.ended.unknown": {
        "en": "This session is no longer valid. Sign in again to continue.",
        "vi": "Phiên đăng nhập này không còn hiệu lực. Hãy đăng nhập lại để tiếp tục.",
    },
    "signin.incomplete": {
        "en": "Your sign-in did not complete, so you are not signed in. Please try again; if it keeps happening, contact support: {support}.",
        "vi": "Quá trình đăng nhập chưa hoàn tất nên bạn chưa được đăng nhập. Vui lòng thử lại; nếu vẫn xảy ra, hãy liên hệ bộ phận hỗ trợ: {support}.",
    },
    "signout.done.signed-out": {
        "en": "You are signed out of the partner portal and of GreenNode.",
        "vi": "Bạn đã đăng xuất khỏi cổng đối tác và khỏi GreenNode.",
    },
    "signout.done.portal-only": {
        "en": "You are signed out of the partner portal. Your GreenNode sign-in may still be open in this browser: sign out at GreenNode too, or close the browser, if others use this computer.",
        "vi": "Bạn đã đăng xuất khỏi cổng đối tác. Phiên đăng nhập GreenNode của bạn có thể vẫn còn mở trên trình duyệt này: hãy đăng xuất cả ở GreenNode, hoặc đóng trình duyệt, nếu người khác cũng dùng máy tính này.",
    },
    "email.unverified": {
        "en": "Your email address is not verified at GreenNode, so the portal will not write to it. Verify it in your GreenNode account first, then sign in again to apply.",
        "vi": "Địa chỉ email của bạn chưa được xác minh tại GreenNode nên cổng đối tác sẽ không gửi thư đến địa chỉ này. Hãy xác minh email trong tài khoản GreenNode trước, rồi đăng nhập lại để đăng ký.",
    },
    "history.heading": {"en": "Sign-in history", "vi": "Lịch sử đăng nhập"},
    "history.caption": {
        "en": "Your last {count} sign-ins to the partner portal.",
        "vi": "{count} lần đăng nhập gần nhất của bạn vào cổng đối tác.",
    },
    "history.signed_in": {"en": "Signed in", "vi": "Đăng nhập lúc"},
    "history.last_seen": {"en": "Last active", "vi": "Hoạt động gần nhất"},
    "history.browser": {"en": "Browser", "vi": "Trình duyệt"},
    "history.status": {"en": "Status", "vi": "Trạng thái"},
    "history.state.active": {"en": "Active", "vi": "Đang hoạt động"},
    "history.state.this": {"en": "This session", "vi": "Phiên hiện tại"},
    "history.state.signed_out": {"en": "Signed out", "vi": "Đã đăng xuất"},
    "history.state.expired": {"en": "Expired", "vi": "Đã hết hạn"},
    "history.state.unknown": {"en": "Ended", "vi": "Đã kết thúc"},
    "error.too_many_applications": {
        "en": "This account has reached the limit of applications in 24 hours. You can apply again from {at}.",
        "vi": "Tài khoản này đã đạt giới hạn số hồ sơ trong 24 giờ. Bạn có thể đăng ký lại từ {at}.",
    },
    "deployment.not_configured": {
        "en": "This deployment is not configured for production yet. An operator can see what to fix by running: python -m core check-production",
        "vi": "Hệ thống này chưa được cấu hình để vận hành chính thức. Người vận hành có thể xem những gì cần sửa bằng lệnh: python -m core check-production",
    },
}
