"""A partner's customers: the partner's list and add form, the customer's invitation,
the partner team's customer-link queue, and the emails of each transition."""

MESSAGES: dict[str, dict[str, str]] = {
    # Navigation
    "nav.customers": {"en": "Customers", "vi": "Khách hàng"},
    "nav.invitation": {"en": "Partner invitation", "vi": "Lời mời từ đối tác"},
    "nav.customer_links": {"en": "Customer links", "vi": "Liên kết khách hàng"},
    # States, roles and reasons
    "customers.state.invited": {"en": "Invited", "vi": "Đã mời"},
    "customers.state.confirmed": {"en": "Awaiting GreenNode", "vi": "Chờ GreenNode duyệt"},
    "customers.state.active": {"en": "Active", "vi": "Đang hoạt động"},
    "customers.state.rejected": {"en": "Rejected", "vi": "Bị từ chối"},
    "customers.state.declined": {"en": "Declined", "vi": "Khách hàng từ chối"},
    "customers.state.expired": {"en": "Expired", "vi": "Hết hạn"},
    "customers.state.cancelled": {"en": "Cancelled", "vi": "Đã huỷ"},
    "customers.state.ended": {"en": "Ended", "vi": "Đã kết thúc"},
    "customers.role.partner": {"en": "Partner", "vi": "Đối tác"},
    "customers.role.reseller": {"en": "Reseller", "vi": "Đại lý bán lại"},
    "customers.role.managed_services": {
        "en": "Managed services provider",
        "vi": "Nhà cung cấp dịch vụ quản lý",
    },
    "customers.reason.not_verified": {
        "en": "The customer's account could not be verified",
        "vi": "Không xác minh được tài khoản của khách hàng",
    },
    "customers.reason.wrong_partner": {
        "en": "The customer does not work with this partner",
        "vi": "Khách hàng không hợp tác với đối tác này",
    },
    "customers.reason.duplicate": {
        "en": "Duplicate of another link",
        "vi": "Trùng với một liên kết khác",
    },
    "customers.reason.other": {"en": "Other (see note)", "vi": "Lý do khác (xem ghi chú)"},
    # Why an account cannot become the partner's customer
    "customers.refusal.bad_email": {
        "en": "Enter one email address like name@company.com.",
        "vi": "Nhập một địa chỉ email dạng ten@congty.com.",
    },
    "customers.refusal.duplicate_row": {
        "en": "This email is already in another row.",
        "vi": "Email này đã có ở một dòng khác.",
    },
    "customers.refusal.bad_name": {
        "en": "The friendly name can have at most 100 visible characters.",
        "vi": "Tên gợi nhớ có tối đa 100 ký tự hiển thị.",
    },
    "customers.refusal.bad_role": {
        "en": "Choose one of the offered roles.",
        "vi": "Hãy chọn một trong các vai trò được liệt kê.",
    },
    "customers.refusal.not_registered": {
        "en": "No GreenNode account is registered with this email.",
        "vi": "Không có tài khoản GreenNode nào đăng ký bằng email này.",
    },
    "customers.refusal.own_account": {
        "en": "This is your own partner account.",
        "vi": "Đây là tài khoản đối tác của chính bạn.",
    },
    "customers.refusal.not_linkable": {
        "en": "The account is not an Enterprise root account, so it cannot be linked to a partner.",
        "vi": "Tài khoản không phải tài khoản gốc Doanh nghiệp nên không thể liên kết với đối tác.",
    },
    "customers.refusal.is_partner": {
        "en": "The account is a GreenNode partner itself.",
        "vi": "Tài khoản này đã là đối tác của GreenNode.",
    },
    "customers.refusal.already_yours": {
        "en": "The account is already your customer, or already invited by you.",
        "vi": "Tài khoản đã là khách hàng của bạn hoặc đã được bạn mời.",
    },
    "customers.refusal.customer_of_partner": {
        "en": "The account is already a customer of another partner, or invited by one.",
        "vi": "Tài khoản đã là khách hàng của một đối tác khác hoặc đang được đối tác khác mời.",
    },
    "customers.refusal.has_credit": {
        "en": "The account already has a credit balance.",
        "vi": "Tài khoản đã có số dư tín dụng.",
    },
    "customers.refusal.uses_services": {
        "en": "The account already uses GreenNode services.",
        "vi": "Tài khoản đã sử dụng dịch vụ GreenNode.",
    },
    "customers.refusal.has_discounts": {
        "en": "The account already receives GreenNode discounts.",
        "vi": "Tài khoản đã được GreenNode giảm giá.",
    },
    "customers.refusal.in_poc": {
        "en": "The account is in a proof-of-concept with GreenNode.",
        "vi": "Tài khoản đang trong giai đoạn thử nghiệm (POC) với GreenNode.",
    },
    "customers.refusal.not_prepaid": {
        "en": "The account is not prepaid: only prepaid accounts can be a partner's customers.",
        "vi": "Tài khoản không phải trả trước: chỉ tài khoản trả trước mới có thể là khách hàng của đối tác.",
    },
    # Errors
    "customers.directory_down": {
        "en": "We cannot check accounts right now. Nothing was added; please try again in a few minutes.",
        "vi": "Hiện chưa thể kiểm tra tài khoản. Chưa có gì được thêm; vui lòng thử lại sau vài phút.",
    },
    "customers.no_rows": {
        "en": "Enter at least one customer email.",
        "vi": "Nhập ít nhất một email khách hàng.",
    },
    "customers.too_many_rows": {
        "en": "Add at most {maximum} customers at a time.",
        "vi": "Mỗi lần thêm tối đa {maximum} khách hàng.",
    },
    "customers.not_found": {
        "en": "No such customer link.",
        "vi": "Không tìm thấy liên kết khách hàng.",
    },
    "customers.cannot_cancel": {
        "en": "This invitation can no longer be cancelled: the customer has answered, or it has closed.",
        "vi": "Không thể huỷ lời mời này nữa: khách hàng đã trả lời hoặc lời mời đã đóng.",
    },
    "customers.cannot_end": {
        "en": "Only an active customer link can be ended.",
        "vi": "Chỉ có thể kết thúc liên kết khách hàng đang hoạt động.",
    },
    "customers.no_invitation": {
        "en": "There is no such invitation for your account.",
        "vi": "Không có lời mời này cho tài khoản của bạn.",
    },
    "customers.invitation_closed": {
        "en": "This invitation is closed: it was cancelled, expired or already answered.",
        "vi": "Lời mời đã đóng: đã bị huỷ, hết hạn hoặc đã được trả lời.",
    },
    # The partner's customer list
    "customers.heading": {"en": "Customers", "vi": "Khách hàng"},
    "customers.intro": {
        "en": "Register your customers' GreenNode accounts. Each customer confirms by signing in; GreenNode approves new customers within 3 working days.",
        "vi": "Đăng ký tài khoản GreenNode của khách hàng. Mỗi khách hàng xác nhận bằng cách đăng nhập; GreenNode phê duyệt khách hàng mới trong 3 ngày làm việc.",
    },
    "customers.add_heading": {"en": "Add customer accounts", "vi": "Thêm tài khoản khách hàng"},
    "customers.add_help": {
        "en": "One row per customer: the email of its GreenNode root account, a friendly name for your own reference, and your role for it.",
        "vi": "Mỗi dòng một khách hàng: email tài khoản gốc GreenNode, tên gợi nhớ để bạn tiện theo dõi và vai trò của bạn với khách hàng đó.",
    },
    "customers.email": {"en": "Customer email", "vi": "Email khách hàng"},
    "customers.friendly_name": {"en": "Friendly name", "vi": "Tên gợi nhớ"},
    "customers.role": {"en": "Your role", "vi": "Vai trò của bạn"},
    "customers.add_row": {"en": "Add another row", "vi": "Thêm dòng"},
    "customers.add_submit": {"en": "Add customers", "vi": "Thêm khách hàng"},
    "customers.added": {
        "en": "{count} invitation(s) sent. Each customer confirms by signing in to the partner portal.",
        "vi": "Đã gửi {count} lời mời. Mỗi khách hàng xác nhận bằng cách đăng nhập vào cổng đối tác.",
    },
    "customers.refused_rows": {
        "en": "{count} row(s) were not added. The reason is under each row; correct it or remove the row.",
        "vi": "{count} dòng chưa được thêm. Lý do nằm dưới từng dòng; hãy sửa hoặc xoá dòng đó.",
    },
    "customers.list_heading": {"en": "Your customers", "vi": "Khách hàng của bạn"},
    "customers.filter_state": {"en": "State", "vi": "Trạng thái"},
    "customers.filter_all": {"en": "All states", "vi": "Mọi trạng thái"},
    "customers.search": {"en": "Search email or name", "vi": "Tìm theo email hoặc tên"},
    "customers.none": {
        "en": "No customers yet. Add your first customer accounts below.",
        "vi": "Chưa có khách hàng. Hãy thêm tài khoản khách hàng đầu tiên bên dưới.",
    },
    "customers.none_match": {
        "en": "No customer matches this filter.",
        "vi": "Không có khách hàng phù hợp bộ lọc.",
    },
    "customers.col.id": {"en": "#", "vi": "#"},
    "customers.col.customer": {"en": "Customer", "vi": "Khách hàng"},
    "customers.col.state": {"en": "State", "vi": "Trạng thái"},
    "customers.col.since": {"en": "Since", "vi": "Từ"},
    "customers.col.expires": {"en": "Invitation expires", "vi": "Lời mời hết hạn"},
    "customers.download": {"en": "Download CSV", "vi": "Tải CSV"},
    "customers.manage": {"en": "Manage a customer link", "vi": "Quản lý liên kết khách hàng"},
    "customers.choose": {"en": "Customer link", "vi": "Liên kết khách hàng"},
    "customers.cancel": {"en": "Cancel invitation", "vi": "Huỷ lời mời"},
    "customers.cancel_confirm": {
        "en": "Cancel the invitation to {customer}? The customer is told by email.",
        "vi": "Huỷ lời mời gửi {customer}? Khách hàng sẽ nhận được email thông báo.",
    },
    "customers.cancelled": {"en": "Invitation cancelled.", "vi": "Đã huỷ lời mời."},
    "customers.end": {"en": "End customer link", "vi": "Kết thúc liên kết"},
    "customers.end_reason": {
        "en": "Reason (10–500 characters, sent to the customer)",
        "vi": "Lý do (10–500 ký tự, sẽ gửi cho khách hàng)",
    },
    "customers.end_confirm": {
        "en": "End the link with {customer}? It stops being your customer at once.",
        "vi": "Kết thúc liên kết với {customer}? Tài khoản sẽ thôi là khách hàng của bạn ngay.",
    },
    "customers.ended": {"en": "Customer link ended.", "vi": "Đã kết thúc liên kết khách hàng."},
    "customers.confirm_yes": {"en": "Yes", "vi": "Đồng ý"},
    "customers.confirm_no": {"en": "No, keep it", "vi": "Không, giữ nguyên"},
    "customers.nothing_to_manage": {
        "en": "Invitations not yet confirmed can be cancelled and active links ended; you have neither.",
        "vi": "Có thể huỷ lời mời chưa được xác nhận và kết thúc liên kết đang hoạt động; hiện bạn không có cả hai.",
    },
    # The customer's invitation
    "invitation.heading": {"en": "A partner invites you", "vi": "Lời mời từ đối tác"},
    "invitation.body": {
        "en": "**{partner}** asks to register your GreenNode account as its customer, with the role **{role}**. As its customer, the partner can manage discounts and credits for your account. Confirm only if you work with this partner.",
        "vi": "**{partner}** đề nghị đăng ký tài khoản GreenNode của bạn làm khách hàng của họ, với vai trò **{role}**. Khi là khách hàng, đối tác có thể quản lý giảm giá và tín dụng cho tài khoản của bạn. Chỉ xác nhận nếu bạn đang hợp tác với đối tác này.",
    },
    "invitation.expires": {
        "en": "The invitation expires {at}.",
        "vi": "Lời mời hết hạn lúc {at}.",
    },
    "invitation.approval": {
        "en": "After you confirm, GreenNode approves the link within 3 working days.",
        "vi": "Sau khi bạn xác nhận, GreenNode sẽ phê duyệt liên kết trong 3 ngày làm việc.",
    },
    "invitation.confirm": {"en": "Confirm", "vi": "Xác nhận"},
    "invitation.decline": {"en": "Decline", "vi": "Từ chối"},
    "invitation.confirmed": {
        "en": "Thank you. GreenNode will review the link within 3 working days; you and the partner get an email.",
        "vi": "Cảm ơn bạn. GreenNode sẽ xem xét liên kết trong 3 ngày làm việc; bạn và đối tác sẽ nhận được email.",
    },
    "invitation.active": {
        "en": "Confirmed: you are now a customer of {partner}.",
        "vi": "Đã xác nhận: bạn hiện là khách hàng của {partner}.",
    },
    "invitation.declined": {
        "en": "You declined the invitation. The partner is told.",
        "vi": "Bạn đã từ chối lời mời. Đối tác sẽ được thông báo.",
    },
    "invitation.none": {
        "en": "There is no invitation waiting for your account.",
        "vi": "Không có lời mời nào đang chờ tài khoản của bạn.",
    },
    "invitation.current": {
        "en": "Your latest link with a partner: {partner}, {state}.",
        "vi": "Liên kết gần nhất của bạn với đối tác: {partner}, {state}.",
    },
    # The partner team's customer-link queue
    "links.heading": {"en": "Customer links", "vi": "Liên kết khách hàng"},
    "links.intro": {
        "en": "Customers who confirmed a partner's invitation, waiting for approval; each is due 3 working days after the customer confirmed.",
        "vi": "Khách hàng đã xác nhận lời mời của đối tác và đang chờ phê duyệt; hạn xử lý là 3 ngày làm việc kể từ khi khách hàng xác nhận.",
    },
    "links.empty": {
        "en": "No customer link is waiting for a decision.",
        "vi": "Không có liên kết khách hàng nào đang chờ quyết định.",
    },
    "links.col.partner": {"en": "Partner", "vi": "Đối tác"},
    "links.col.due": {"en": "Due", "vi": "Hạn"},
    "links.col.assignee": {"en": "Assigned to", "vi": "Người xử lý"},
    "links.open": {"en": "Open customer link", "vi": "Mở liên kết khách hàng"},
    "links.detail": {"en": "Customer link #{id}", "vi": "Liên kết khách hàng số {id}"},
    "links.facts": {"en": "Account facts at each step", "vi": "Thông tin tài khoản ở từng bước"},
    "links.history": {"en": "History", "vi": "Lịch sử"},
    "links.approve": {"en": "Approve", "vi": "Phê duyệt"},
    "links.reject": {"en": "Reject", "vi": "Từ chối"},
    "links.reason": {"en": "Reason", "vi": "Lý do"},
    "links.role": {"en": "Partner's role", "vi": "Vai trò của đối tác"},
    "links.reason_choose": {"en": "Choose a reason to reject", "vi": "Chọn lý do từ chối"},
    "link_event.invited": {"en": "Invited by the partner", "vi": "Đối tác gửi lời mời"},
    "link_event.invitation_reminder": {
        "en": "Reminder sent to the customer",
        "vi": "Đã nhắc khách hàng",
    },
    "link_event.confirmed": {
        "en": "Confirmed by the customer",
        "vi": "Khách hàng xác nhận",
    },
    "link_event.activated": {
        "en": "Confirmed by the customer; active at once",
        "vi": "Khách hàng xác nhận; có hiệu lực ngay",
    },
    "link_event.approved": {"en": "Approved by GreenNode", "vi": "GreenNode phê duyệt"},
    "link_event.rejected": {"en": "Rejected by GreenNode", "vi": "GreenNode từ chối"},
    "link_event.declined": {"en": "Declined by the customer", "vi": "Khách hàng từ chối"},
    "link_event.cancelled": {"en": "Cancelled by the partner", "vi": "Đối tác huỷ lời mời"},
    "link_event.expired": {"en": "Invitation expired", "vi": "Lời mời hết hạn"},
    "link_event.ended": {"en": "Link ended", "vi": "Liên kết kết thúc"},
    "link_event.assigned": {"en": "Assigned", "vi": "Đã giao xử lý"},
    "link_event.unassigned": {"en": "Assignment removed", "vi": "Đã bỏ giao xử lý"},
    "link_event.overdue_alert": {"en": "Overdue alert sent", "vi": "Đã gửi cảnh báo quá hạn"},
    "links.note": {
        "en": "Note (sent to partner and customer)",
        "vi": "Ghi chú (gửi cho đối tác và khách hàng)",
    },
    "links.confirm_approve": {
        "en": "Approve customer link #{id} ({company})? The account becomes the partner's customer at once.",
        "vi": "Phê duyệt liên kết khách hàng số {id} ({company})? Tài khoản trở thành khách hàng của đối tác ngay lập tức.",
    },
    "links.confirm_reject": {
        "en": "Reject customer link #{id} ({company})? The partner and the customer are told why.",
        "vi": "Từ chối liên kết khách hàng số {id} ({company})? Đối tác và khách hàng sẽ được thông báo lý do.",
    },
    "links.approved": {"en": "Customer link approved.", "vi": "Đã phê duyệt liên kết khách hàng."},
    "links.rejected": {"en": "Customer link rejected.", "vi": "Đã từ chối liên kết khách hàng."},
    "links.instead_of": {
        "en": "Decide instead of {who}",
        "vi": "Quyết định thay cho {who}",
    },
    "links.step.invited": {"en": "When invited", "vi": "Khi được mời"},
    "links.step.confirmed": {"en": "When confirmed", "vi": "Khi xác nhận"},
    "links.step.activated": {"en": "When confirmed", "vi": "Khi xác nhận"},
    "links.fact": {"en": "Fact", "vi": "Thông tin"},
    "fact.credit_balance": {"en": "Credit balance (VND)", "vi": "Số dư tín dụng (VND)"},
    "fact.uses_services": {"en": "Uses GreenNode services", "vi": "Đang dùng dịch vụ GreenNode"},
    "fact.has_discounts": {
        "en": "Receives GreenNode discounts",
        "vi": "Đang được GreenNode giảm giá",
    },
    "fact.in_poc": {"en": "In a proof-of-concept", "vi": "Đang thử nghiệm (POC)"},
    "fact.billing": {"en": "Billing", "vi": "Hình thức thanh toán"},
    "fact.greennode_customer": {
        "en": "Verified GreenNode customer",
        "vi": "Khách hàng GreenNode đã xác minh",
    },
    # Emails: mail.link.<event>.<audience>.subject / .body (paragraphs split by a blank line)
    "mail.link.invited.customer.subject": {
        "en": "{partner} asks to register you as its customer on GreenNode",
        "vi": "{partner} đề nghị đăng ký bạn làm khách hàng trên GreenNode",
    },
    "mail.link.invited.customer.body": {
        "en": "The GreenNode partner {partner} asks to register your account {customer_email} as its customer, with the role {role}.\n\nSign in to the partner portal with your root account to confirm or decline. The invitation expires {expires} (Vietnam time). If you do not know this partner, decline it or simply ignore this email.",
        "vi": "Đối tác GreenNode {partner} đề nghị đăng ký tài khoản {customer_email} của bạn làm khách hàng của họ, với vai trò {role}.\n\nĐăng nhập vào cổng đối tác bằng tài khoản gốc để xác nhận hoặc từ chối. Lời mời hết hạn lúc {expires} (giờ Việt Nam). Nếu bạn không biết đối tác này, hãy từ chối hoặc bỏ qua email này.",
    },
    "mail.link.invitation_reminder.customer.subject": {
        "en": "Reminder: {partner} is waiting for your answer",
        "vi": "Nhắc nhở: {partner} đang chờ bạn trả lời",
    },
    "mail.link.invitation_reminder.customer.body": {
        "en": "The GreenNode partner {partner} invited your account {customer_email} to become its customer. The invitation expires {expires} (Vietnam time).\n\nSign in to the partner portal with your root account to confirm or decline.",
        "vi": "Đối tác GreenNode {partner} đã mời tài khoản {customer_email} của bạn trở thành khách hàng của họ. Lời mời hết hạn lúc {expires} (giờ Việt Nam).\n\nĐăng nhập vào cổng đối tác bằng tài khoản gốc để xác nhận hoặc từ chối.",
    },
    "mail.link.confirmed.partner.subject": {
        "en": "{friendly} confirmed: waiting for GreenNode's approval",
        "vi": "{friendly} đã xác nhận: đang chờ GreenNode phê duyệt",
    },
    "mail.link.confirmed.partner.body": {
        "en": "Your customer {friendly} ({customer_email}) confirmed your invitation.\n\nGreenNode's partner team approves new customers within 3 working days, by {due} (Vietnam time); you get an email with the decision.",
        "vi": "Khách hàng {friendly} ({customer_email}) đã xác nhận lời mời của bạn.\n\nNhóm đối tác GreenNode phê duyệt khách hàng mới trong 3 ngày làm việc, trước {due} (giờ Việt Nam); bạn sẽ nhận được email về quyết định.",
    },
    "mail.link.activated.partner.subject": {
        "en": "{friendly} is now your customer",
        "vi": "{friendly} đã là khách hàng của bạn",
    },
    "mail.link.activated.partner.body": {
        "en": "Your customer {friendly} ({customer_email}) confirmed your invitation. The account is already a verified GreenNode customer, so the link is active now.",
        "vi": "Khách hàng {friendly} ({customer_email}) đã xác nhận lời mời của bạn. Tài khoản đã là khách hàng GreenNode được xác minh nên liên kết có hiệu lực ngay.",
    },
    "mail.link.activated.customer.subject": {
        "en": "You are now a customer of {partner}",
        "vi": "Bạn đã là khách hàng của {partner}",
    },
    "mail.link.activated.customer.body": {
        "en": "Your account {customer_email} is now a customer account of the GreenNode partner {partner}.",
        "vi": "Tài khoản {customer_email} của bạn hiện là tài khoản khách hàng của đối tác GreenNode {partner}.",
    },
    "mail.link.approved.partner.subject": {
        "en": "GreenNode approved {friendly} as your customer",
        "vi": "GreenNode đã phê duyệt {friendly} là khách hàng của bạn",
    },
    "mail.link.approved.partner.body": {
        "en": "GreenNode's partner team approved {friendly} ({customer_email}) as your customer. The link is active from now.",
        "vi": "Nhóm đối tác GreenNode đã phê duyệt {friendly} ({customer_email}) là khách hàng của bạn. Liên kết có hiệu lực từ bây giờ.",
    },
    "mail.link.approved.customer.subject": {
        "en": "You are now a customer of {partner}",
        "vi": "Bạn đã là khách hàng của {partner}",
    },
    "mail.link.approved.customer.body": {
        "en": "GreenNode approved your account {customer_email} as a customer account of the partner {partner}.",
        "vi": "GreenNode đã phê duyệt tài khoản {customer_email} của bạn là tài khoản khách hàng của đối tác {partner}.",
    },
    "mail.link.rejected.partner.subject": {
        "en": "GreenNode did not approve {friendly} as your customer",
        "vi": "GreenNode không phê duyệt {friendly} là khách hàng của bạn",
    },
    "mail.link.rejected.partner.body": {
        "en": "GreenNode's partner team did not approve {friendly} ({customer_email}) as your customer. Reason: {reason}.",
        "vi": "Nhóm đối tác GreenNode không phê duyệt {friendly} ({customer_email}) là khách hàng của bạn. Lý do: {reason}.",
    },
    "mail.link.rejected.customer.subject": {
        "en": "Your link with {partner} was not approved",
        "vi": "Liên kết của bạn với {partner} không được phê duyệt",
    },
    "mail.link.rejected.customer.body": {
        "en": "GreenNode did not approve your account {customer_email} as a customer of {partner}. Reason: {reason}. Your account is unchanged.",
        "vi": "GreenNode không phê duyệt tài khoản {customer_email} của bạn là khách hàng của {partner}. Lý do: {reason}. Tài khoản của bạn không thay đổi.",
    },
    "mail.link.declined.partner.subject": {
        "en": "{friendly} declined your invitation",
        "vi": "{friendly} đã từ chối lời mời của bạn",
    },
    "mail.link.declined.partner.body": {
        "en": "The account {customer_email} ({friendly}) declined your invitation to become your customer.",
        "vi": "Tài khoản {customer_email} ({friendly}) đã từ chối lời mời trở thành khách hàng của bạn.",
    },
    "mail.link.cancelled.customer.subject": {
        "en": "{partner} cancelled its invitation",
        "vi": "{partner} đã huỷ lời mời",
    },
    "mail.link.cancelled.customer.body": {
        "en": "The GreenNode partner {partner} cancelled its invitation to register your account {customer_email} as its customer. Nothing changes for your account.",
        "vi": "Đối tác GreenNode {partner} đã huỷ lời mời đăng ký tài khoản {customer_email} của bạn làm khách hàng. Tài khoản của bạn không thay đổi.",
    },
    "mail.link.expired.partner.subject": {
        "en": "Your invitation to {friendly} expired",
        "vi": "Lời mời gửi {friendly} đã hết hạn",
    },
    "mail.link.expired.partner.body": {
        "en": "{friendly} ({customer_email}) did not answer your invitation before {expires}, so it expired. You can invite the account again.",
        "vi": "{friendly} ({customer_email}) chưa trả lời lời mời trước {expires} nên lời mời đã hết hạn. Bạn có thể mời lại tài khoản này.",
    },
    "mail.link.expired.customer.subject": {
        "en": "The invitation from {partner} expired",
        "vi": "Lời mời từ {partner} đã hết hạn",
    },
    "mail.link.expired.customer.body": {
        "en": "The invitation from the GreenNode partner {partner} to your account {customer_email} expired without an answer. Nothing changes for your account.",
        "vi": "Lời mời từ đối tác GreenNode {partner} gửi tài khoản {customer_email} của bạn đã hết hạn mà chưa được trả lời. Tài khoản của bạn không thay đổi.",
    },
    "mail.link.ended.partner.subject": {
        "en": "The customer link with {friendly} ended",
        "vi": "Liên kết khách hàng với {friendly} đã kết thúc",
    },
    "mail.link.ended.partner.body": {
        "en": "The link between you and your customer {friendly} ({customer_email}) has ended. The account is no longer your customer.",
        "vi": "Liên kết giữa bạn và khách hàng {friendly} ({customer_email}) đã kết thúc. Tài khoản không còn là khách hàng của bạn.",
    },
    "mail.link.ended.customer.subject": {
        "en": "You are no longer a customer of {partner}",
        "vi": "Bạn không còn là khách hàng của {partner}",
    },
    "mail.link.ended.customer.body": {
        "en": "The link between your account {customer_email} and the GreenNode partner {partner} has ended.",
        "vi": "Liên kết giữa tài khoản {customer_email} của bạn và đối tác GreenNode {partner} đã kết thúc.",
    },
}
