"""Company facts, questions to the applicant, assignment and the load a reviewer carries."""

MESSAGES: dict[str, dict[str, str]] = {
    # The company facts form (applicant)
    "company.heading": {"en": "Your company", "vi": "Thông tin công ty"},
    "company.intro": {
        "en": "Confirm what we know about your company and complete the rest. "
        "The partner team reviews these facts.",
        "vi": "Xác nhận thông tin chúng tôi đã có về công ty của bạn và bổ sung phần còn lại. "
        "Nhóm đối tác sẽ xem xét các thông tin này.",
    },
    "company.legal_name": {"en": "Legal company name", "vi": "Tên pháp lý của công ty"},
    "company.legal_name_help": {
        "en": "As on the business registration certificate.",
        "vi": "Như trên giấy chứng nhận đăng ký doanh nghiệp.",
    },
    "company.tax_code": {"en": "Tax code (MST)", "vi": "Mã số thuế"},
    "company.tax_code_help": {
        "en": "10 digits, or 13 for a branch (0312687878-001).",
        "vi": "10 chữ số, hoặc 13 chữ số với chi nhánh (0312687878-001).",
    },
    "company.website": {"en": "Company website", "vi": "Trang web công ty"},
    "company.website_help": {
        "en": "For example https://example.vn",
        "vi": "Ví dụ https://example.vn",
    },
    "company.partner_type": {"en": "Partner type", "vi": "Loại đối tác"},
    "company.partner_type_choose": {"en": "Choose a partner type", "vi": "Chọn loại đối tác"},
    "company.business_phone": {"en": "Business contact phone", "vi": "Điện thoại liên hệ"},
    "company.business_phone_help": {
        "en": "A Vietnamese number (0912 345 678) or an international one (+84 912 345 678).",
        "vi": "Số Việt Nam (0912 345 678) hoặc số quốc tế (+84 912 345 678).",
    },
    "company.description": {
        "en": "Description (optional)",
        "vi": "Mô tả (không bắt buộc)",
    },
    "company.description_help": {
        "en": "What your company does and how it will work with GreenNode, up to {max} characters.",
        "vi": "Công ty bạn làm gì và sẽ hợp tác với GreenNode ra sao, tối đa {max} ký tự.",
    },
    "company.fix_fields": {
        "en": "Nothing was submitted: please correct the fields marked above.",
        "vi": "Chưa có gì được gửi: vui lòng sửa các trường được đánh dấu ở trên.",
    },
    "company.error.legal_name": {
        "en": "Enter the legal name, 2 to 200 characters, starting with a letter or digit.",
        "vi": "Nhập tên pháp lý, từ 2 đến 200 ký tự, bắt đầu bằng chữ hoặc số.",
    },
    "company.error.tax_code_length": {
        "en": "A tax code has 10 digits, or 13 for a branch (0312687878-001).",
        "vi": "Mã số thuế có 10 chữ số, hoặc 13 chữ số với chi nhánh (0312687878-001).",
    },
    "company.error.tax_code_format": {
        "en": "A tax code has digits only (and one dash before a branch number).",
        "vi": "Mã số thuế chỉ gồm chữ số (và một dấu gạch trước số chi nhánh).",
    },
    "company.error.tax_code_checksum": {
        "en": "This tax code's check digit does not match: please check it for a typing mistake.",
        "vi": "Chữ số kiểm tra của mã số thuế không khớp: vui lòng kiểm tra lỗi đánh máy.",
    },
    "company.error.tax_code_missing": {"en": "No tax code given", "vi": "Chưa có mã số thuế"},
    "company.error.website": {
        "en": "Enter a web address such as https://example.vn",
        "vi": "Nhập địa chỉ web, ví dụ https://example.vn",
    },
    "company.error.partner_type": {
        "en": "Choose one of the partner types.",
        "vi": "Hãy chọn một loại đối tác.",
    },
    "company.error.description": {
        "en": "The description may have at most 500 characters and must not start with = + - or @.",
        "vi": "Mô tả tối đa 500 ký tự và không được bắt đầu bằng = + - hoặc @.",
    },
    "partner_type.reseller": {"en": "Reseller", "vi": "Đại lý bán lại"},
    "partner_type.referral": {"en": "Referral", "vi": "Giới thiệu khách hàng"},
    "partner_type.technology": {
        "en": "Technology / ISV",
        "vi": "Công nghệ / Nhà phát triển phần mềm (ISV)",
    },
    "partner_type.managed_services": {
        "en": "Managed services",
        "vi": "Dịch vụ quản trị (MSP)",
    },
    # Waiting for the applicant
    "state.info_requested": {"en": "Information requested", "vi": "Cần bổ sung thông tin"},
    "sla.paused": {"en": "Paused (waiting)", "vi": "Tạm dừng (đang chờ)"},
    "status.info_body": {
        "en": "The partner team has a question before deciding. Please answer by {answer_by} "
        "(Vietnam time); until then the 3-working-day review time is paused. Without an answer "
        "the application is withdrawn.",
        "vi": "Nhóm đối tác có câu hỏi trước khi quyết định. Vui lòng trả lời trước {answer_by} "
        "(giờ Việt Nam); trong thời gian này thời hạn xét duyệt 3 ngày làm việc được tạm dừng. "
        "Nếu không có câu trả lời, hồ sơ sẽ được rút.",
    },
    "status.question": {"en": "The partner team asks:", "vi": "Nhóm đối tác hỏi:"},
    "status.answer": {"en": "Your answer", "vi": "Câu trả lời của bạn"},
    "status.answer_help": {
        "en": "{minimum} to {maximum} characters.",
        "vi": "Từ {minimum} đến {maximum} ký tự.",
    },
    "status.answer_facts": {
        "en": "Correct your company details (optional)",
        "vi": "Sửa thông tin công ty (không bắt buộc)",
    },
    "status.answer_facts_help": {
        "en": "Change only what is wrong; the rest stays as you submitted it.",
        "vi": "Chỉ sửa phần chưa đúng; phần còn lại giữ như khi bạn nộp.",
    },
    "status.answer_send": {"en": "Send answer", "vi": "Gửi câu trả lời"},
    "status.answer_done": {
        "en": "Thank you: your answer is with the partner team, and the review time runs again.",
        "vi": "Cảm ơn bạn: câu trả lời đã được gửi tới nhóm đối tác và thời hạn xét duyệt tiếp tục.",
    },
    "status.auto_withdrawn_body": {
        "en": "This application was withdrawn on {decided} because the partner team's question "
        "was not answered in time. You can apply again.",
        "vi": "Hồ sơ này đã được rút vào {decided} vì câu hỏi của nhóm đối tác không được trả lời "
        "đúng hạn. Bạn có thể đăng ký lại.",
    },
    "error.no_question": {
        "en": "There is no open question on your application.",
        "vi": "Hồ sơ của bạn không có câu hỏi nào đang chờ trả lời.",
    },
    "reapply.note": {
        "en": "The partner team's note:",
        "vi": "Ghi chú của nhóm đối tác:",
    },
    "event.info_requested": {
        "en": "Information requested — review time paused",
        "vi": "Yêu cầu bổ sung thông tin — tạm dừng thời hạn xét duyệt",
    },
    "event.info_answered": {
        "en": "Applicant answered — review time resumed",
        "vi": "Người đăng ký đã trả lời — tiếp tục thời hạn xét duyệt",
    },
    "event.info_reminder": {
        "en": "Reminder sent: question not yet answered",
        "vi": "Đã gửi nhắc nhở: câu hỏi chưa được trả lời",
    },
    "event.auto_withdrawn": {
        "en": "Withdrawn: question not answered in time",
        "vi": "Đã rút: câu hỏi không được trả lời đúng hạn",
    },
    "event.assigned": {"en": "Assigned", "vi": "Đã giao xử lý"},
    "event.unassigned": {"en": "Assignment removed", "vi": "Đã bỏ giao xử lý"},
    "event.overdue_alert": {
        "en": "Overdue: alert sent",
        "vi": "Quá hạn: đã gửi cảnh báo",
    },
    # Partner team: asking, owning, deciding someone else's
    "ask.button": {"en": "Request information", "vi": "Yêu cầu bổ sung thông tin"},
    "ask.intro": {
        "en": "Ask the applicant of application #{id} a question. They get an email; the "
        "review time pauses until they answer.",
        "vi": "Đặt câu hỏi cho người nộp hồ sơ số {id}. Họ sẽ nhận email; thời hạn xét duyệt "
        "tạm dừng cho đến khi họ trả lời.",
    },
    "ask.question": {"en": "Your question", "vi": "Câu hỏi của bạn"},
    "ask.question_help": {
        "en": "{minimum} to {maximum} characters; the applicant sees it as you write it.",
        "vi": "Từ {minimum} đến {maximum} ký tự; người nộp hồ sơ thấy đúng như bạn viết.",
    },
    "ask.send": {"en": "Send question", "vi": "Gửi câu hỏi"},
    "ask.done": {
        "en": "Question sent on application #{id}; its review time is paused.",
        "vi": "Đã gửi câu hỏi cho hồ sơ số {id}; thời hạn xét duyệt đang tạm dừng.",
    },
    "detail.waiting": {
        "en": "Waiting for the applicant since {since}; without an answer by {answer_by} it is "
        "withdrawn. The question:",
        "vi": "Đang chờ người nộp hồ sơ từ {since}; nếu không có câu trả lời trước {answer_by} "
        "hồ sơ sẽ được rút. Câu hỏi:",
    },
    "detail.answered": {
        "en": "The applicant answered the team's question on {at}:",
        "vi": "Người nộp hồ sơ đã trả lời câu hỏi của nhóm vào {at}:",
    },
    "detail.asked": {"en": "The question was:", "vi": "Câu hỏi là:"},
    "detail.company": {"en": "Company facts", "vi": "Thông tin công ty"},
    "detail.company_fact": {"en": "Company fact", "vi": "Mục thông tin"},
    "detail.tax_code_valid": {
        "en": "valid (check digit matches)",
        "vi": "hợp lệ (chữ số kiểm tra khớp)",
    },
    "detail.same_tax_code": {
        "en": "{count} application(s) of other accounts have the same tax code: the same company.",
        "vi": "{count} hồ sơ của tài khoản khác có cùng mã số thuế: cùng một công ty.",
    },
    "assign.owner": {
        "en": "Assigned to **{who}** since {since}",
        "vi": "Giao cho **{who}** từ {since}",
    },
    "assign.you": {"en": " (you)", "vi": " (bạn)"},
    "assign.nobody": {"en": "Assigned to nobody.", "vi": "Chưa giao cho ai."},
    "assign.me": {"en": "Assign to me", "vi": "Giao cho tôi"},
    "assign.to": {"en": "Assign", "vi": "Giao"},
    "assign.to_label": {"en": "Assign to", "vi": "Giao cho"},
    "assign.to_placeholder": {"en": "Choose a reviewer", "vi": "Chọn người xét duyệt"},
    "assign.unassign": {"en": "Unassign", "vi": "Bỏ giao"},
    "assign.done": {"en": "Assigned to {who}.", "vi": "Đã giao cho {who}."},
    "assign.done_nobody": {"en": "Now assigned to nobody.", "vi": "Hiện chưa giao cho ai."},
    "decide.assigned_to": {
        "en": "This application is assigned to **{who}**. Deciding it yourself is recorded "
        "with both names.",
        "vi": "Hồ sơ này đang giao cho **{who}**. Nếu bạn tự quyết định, cả hai tên sẽ được ghi lại.",
    },
    "decide.instead_of": {
        "en": "I decide instead of {who}",
        "vi": "Tôi quyết định thay {who}",
    },
    "error.assigned_to_another": {
        "en": "This application is assigned to {who}: confirm that you decide instead of them.",
        "vi": "Hồ sơ này đang giao cho {who}: hãy xác nhận bạn quyết định thay người đó.",
    },
    "error.assignment_changed": {
        "en": "Someone changed the assignment meanwhile; look at it again.",
        "vi": "Người khác vừa thay đổi việc giao xử lý; vui lòng xem lại.",
    },
    "error.not_a_reviewer": {
        "en": "Applications can be assigned only to members of the partner team.",
        "vi": "Chỉ có thể giao hồ sơ cho thành viên nhóm đối tác.",
    },
    "error.not_open": {
        "en": "This application is already decided or withdrawn.",
        "vi": "Hồ sơ này đã được quyết định hoặc đã rút.",
    },
    "error.not_pending": {
        "en": "Only an application awaiting a decision can get a question.",
        "vi": "Chỉ hồ sơ đang chờ quyết định mới có thể được đặt câu hỏi.",
    },
    "col.assigned_to": {"en": "Assigned to", "vi": "Người xử lý"},
    "queue.waiting": {"en": "Waiting for applicant", "vi": "Chờ người nộp"},
    "queue.filter.owner": {"en": "Assigned", "vi": "Giao xử lý"},
    "queue.owner.all": {"en": "All", "vi": "Tất cả"},
    "queue.owner.mine": {"en": "Mine", "vi": "Của tôi"},
    "queue.owner.unassigned": {"en": "Unassigned", "vi": "Chưa giao"},
    "queue.filter.stage": {"en": "Show", "vi": "Hiển thị"},
    "queue.stage.team": {"en": "Awaiting our decision", "vi": "Chờ nhóm quyết định"},
    "queue.stage.waiting": {"en": "Waiting for the applicant", "vi": "Chờ người nộp trả lời"},
    # Managers
    "metrics.info_request_rate": {
        "en": "Information requested",
        "vi": "Tỷ lệ yêu cầu bổ sung",
    },
    "metrics.info_request_rate_help": {
        "en": "Share of the decisions in the period where the team asked the applicant first. "
        "Time to decision excludes the time spent waiting for the answer.",
        "vi": "Tỷ lệ quyết định trong kỳ mà nhóm đã hỏi người nộp trước. Thời gian đến quyết "
        "định không tính thời gian chờ câu trả lời.",
    },
    "metrics.waiting_now": {"en": "Waiting for applicants now", "vi": "Đang chờ người nộp"},
    "metrics.load.title": {"en": "Assignment load", "vi": "Khối lượng được giao"},
    "metrics.load.caption": {
        "en": "Open applications per reviewer now, with those due soon, overdue and waiting "
        "for the applicant.",
        "vi": "Hồ sơ đang mở của từng người xét duyệt lúc này, gồm hồ sơ sắp đến hạn, quá hạn "
        "và đang chờ người nộp.",
    },
    "metrics.load.open": {"en": "Open", "vi": "Đang mở"},
    "metrics.load.unassigned": {"en": "(unassigned)", "vi": "(chưa giao)"},
}
