/**
 * Stable error codes shared by api and web. The code is the contract; messages may be reworded,
 * but a code is never renamed or reused for a different meaning.
 */
export const APP_ERROR_CODES = [
  "AUTH_INVALID_CREDENTIALS",
  "AUTH_THROTTLED",
  "AUTH_SESSION_EXPIRED",
  "AUTH_REQUIRED",
  "AUTH_ORIGIN",
  "FORBIDDEN",
  "NOT_FOUND",
  "STATION_ALREADY_ONBOARDED",
  "DIVISION_NOT_TOWNSHIP",
  "DIVISION_UNKNOWN",
  "STATUS_TRANSITION",
  "BRANDING_COLOR",
  "LOGO_NOT_IMAGE",
  "LOGO_TOO_LARGE",
  "VALIDATION",
  "BODY_TOO_LARGE",
  "BAD_JSON",
  "IDEMPOTENCY_CONFLICT",
  "USER_EXISTS",
  "USER_DISABLED",
  "PASSWORD_TOO_SHORT",
  "PASSWORD_TOO_LONG",
  "PASSWORD_COMMON",
  "PASSWORD_IS_USERNAME",
  "PASSWORD_CHANGE_REQUIRED",
  "REQUEST_TIMEOUT",
  "MFA_REQUIRED",
  "MFA_ENROL_REQUIRED",
  "MFA_CODE_INVALID",
  "MFA_ENROLMENT_MISSING",
  "MFA_NOT_ENROLLED",
  "INTERNAL",
  "PERSON_ALREADY_REGISTERED",
  "PERSON_VERSION_CONFLICT",
  "PERSON_NOT_ACTIVE",
  "VILLAGE_NOT_IN_STATION",
  "CATEGORY_AGE",
  "CATEGORY_OVERLAP",
  "HOUSEHOLD_MEMBER_ELSEWHERE",
  "LEDGER_UNREADABLE",
  "LEDGER_HEADER",
  "LEDGER_EMPTY",
  "ATTACHMENT_EMPTY",
  "ATTACHMENT_TOO_LARGE",
  "ATTACHMENT_TYPE",
  "ATTACHMENT_DAMAGED",
  "CASE_STATUS",
  "CASE_SIGNOFF_REQUIRED",
  "CASE_NO_SUPERVISOR",
  "CASE_SIGNOFF_PENDING",
  "CASE_SIGNOFF_NOT_YOURS",
  "CASE_REFERRALS_OPEN",
  "CASE_DATE",
  "CONTRACTOR_SCOPE",
  "CONTRACTOR_EXISTS",
  "AGREEMENT_STATUS",
  "AGREEMENT_FUNDING",
  "FUNDS_OVER_ALLOCATION",
  "FUNDS_OVERRIDE_FORBIDDEN",
  "ACTIVITY_VERSION_CONFLICT",
  "WORK_LOG_SUBMITTED",
  "WORK_LOG_VERSION_CONFLICT",
  "STAFF_BELOW_DIPLOMA",
  "STAFF_NOT_STATIONED",
  "PUBLIC_MESSAGE_THROTTLED",
  "EVALUATION_FINALIZED",
  "EVALUATION_INCOMPLETE",
  "RECTIFICATION_STATUS",
  "INSPECTOR_GRANT_PERIOD",
  "PAYOUT_REPORT_SIGNED",
  "PAYOUT_REPORT_NOT_SIGNED",
  "FACILITY_AREA_BELOW_MINIMUM",
  "HOUSE_RULE_REVISION_CONFLICT",
  "SUBMISSION_STATUS",
  "SUBMISSION_PERIOD",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];
export type Locale = "zh-CN" | "en";
export interface BilingualMessage {
  zh: string;
  en: string;
}

export const ERROR_MESSAGES: Record<AppErrorCode, BilingualMessage> = {
  // One message for wrong username and wrong password, so the login form does not reveal which accounts exist.
  AUTH_INVALID_CREDENTIALS: { zh: "用户名或密码不正确", en: "The username or password is incorrect" },
  AUTH_THROTTLED: { zh: "尝试次数过多，请稍后再试", en: "Too many attempts; please wait a moment and try again" },
  AUTH_SESSION_EXPIRED: { zh: "登录已过期，请重新登录", en: "Your session has expired; please sign in again" },
  AUTH_REQUIRED: { zh: "请先登录", en: "Please sign in first" },
  AUTH_ORIGIN: {
    zh: "请求来源不被信任，请从本系统页面重新操作",
    en: "The request did not come from a trusted origin; please retry from the application itself",
  },
  FORBIDDEN: {
    zh: "您没有执行此操作的权限，如需权限请联系管理员",
    en: "You do not have permission to do this; ask your administrator if you need it",
  },
  NOT_FOUND: { zh: "找不到该记录，可能已被删除或您无权查看", en: "Not found; it may have been removed or you may not have access" },
  STATION_ALREADY_ONBOARDED: {
    zh: "该乡镇（街道）已开通社工站，不能重复开通",
    en: "This township already has a station; it cannot be onboarded twice",
  },
  DIVISION_NOT_TOWNSHIP: {
    zh: "社工站只能开设在乡镇（街道）一级，请选择9位乡镇代码",
    en: "Stations are opened at township level; choose a 9-digit township code",
  },
  DIVISION_UNKNOWN: { zh: "区划代码不存在，请检查后重新输入", en: "Unknown division code; check it and try again" },
  STATUS_TRANSITION: {
    zh: "社工站当前状态不能变更为所选状态",
    en: "The station cannot move from its current status to the one chosen",
  },
  BRANDING_COLOR: {
    zh: "主题色须为十六进制颜色，如 #b7282e",
    en: "The primary colour must be a hex colour such as #b7282e",
  },
  LOGO_NOT_IMAGE: {
    zh: "标志文件不是可接受的图片，请上传 PNG、JPEG、WebP 或 SVG（不含脚本）",
    en: "The logo is not an accepted image; upload PNG, JPEG, WebP or SVG (without scripts)",
  },
  LOGO_TOO_LARGE: { zh: "标志文件不能超过 256 KB", en: "The logo must be 256 KB or smaller" },
  VALIDATION: { zh: "填写的内容有误，请按提示修改", en: "Some fields are invalid; correct them as indicated" },
  BODY_TOO_LARGE: { zh: "提交的内容过大", en: "The request is too large" },
  BAD_JSON: { zh: "提交的数据格式不正确", en: "The request body is not valid JSON" },
  IDEMPOTENCY_CONFLICT: {
    zh: "该请求已用不同内容提交过，请刷新页面后重试",
    en: "This request was already submitted with different content; reload the page and try again",
  },
  USER_EXISTS: { zh: "该用户名已被使用，请换一个", en: "That username is already taken; choose another" },
  USER_DISABLED: { zh: "该账号已停用，请联系管理员", en: "This account is disabled; contact your administrator" },
  PASSWORD_TOO_SHORT: { zh: "密码至少需要 8 个字符", en: "The password must be at least 8 characters" },
  PASSWORD_TOO_LONG: { zh: "密码不能超过 128 个字符", en: "The password must be at most 128 characters" },
  PASSWORD_COMMON: {
    zh: "该密码过于常见，容易被猜中，请换一个（建议使用 15 个字符以上的短语）",
    en: "That password is too common and easy to guess; choose another (a phrase of 15+ characters works well)",
  },
  PASSWORD_IS_USERNAME: { zh: "密码不能与用户名相同", en: "The password must not be the same as the username" },
  REQUEST_TIMEOUT: { zh: "服务器处理超时，请稍后再试", en: "The server took too long to answer; please try again shortly" },
  PASSWORD_CHANGE_REQUIRED: { zh: "首次登录须先修改初始密码", en: "Please change your initial password before continuing" },
  MFA_REQUIRED: { zh: "请输入动态验证码完成登录", en: "Enter the code from your authenticator app to finish signing in" },
  MFA_ENROL_REQUIRED: {
    zh: "您的账号须先启用双因素认证（动态验证码）才能继续",
    en: "Your account must set up two-factor authentication before continuing",
  },
  MFA_CODE_INVALID: { zh: "验证码不正确或已使用过", en: "The code is incorrect or has already been used" },
  MFA_ENROLMENT_MISSING: { zh: "绑定已过期，请重新开始绑定", en: "The setup has expired; please start it again" },
  MFA_NOT_ENROLLED: { zh: "尚未启用双因素认证", en: "Two-factor authentication is not set up" },
  INTERNAL: { zh: "系统出现错误，请稍后再试", en: "Something went wrong on our side; please try again later" },
  PERSON_ALREADY_REGISTERED: {
    zh: "该身份证号已在本站登记，请打开已有档案修改，不要重复登记",
    en: "This ID number is already registered at this station; open the existing record instead of registering again",
  },
  PERSON_VERSION_CONFLICT: {
    zh: "档案已被他人修改，请刷新后再保存",
    en: "Someone else changed this record meanwhile; reload it and save again",
  },
  PERSON_NOT_ACTIVE: { zh: "此人已迁出或去世，不能再纳入类别", en: "This person has moved out or died; no category can be added" },
  VILLAGE_NOT_IN_STATION: {
    zh: "所选村（社区）不属于本站所在乡镇（街道）",
    en: "The village or community chosen is not in this station's township",
  },
  CATEGORY_AGE: { zh: "年龄不符合该类别的条件", en: "The person's age does not fit this category" },
  CATEGORY_OVERLAP: {
    zh: "此人在该时段已属于该类别，请先结束原有记录",
    en: "The person already holds this category for that period; end the existing entry first",
  },
  HOUSEHOLD_MEMBER_ELSEWHERE: {
    zh: "此人已属于另一户，请先从原户中移出",
    en: "This person already belongs to another household; remove them from it first",
  },
  LEDGER_UNREADABLE: {
    zh: "无法读取该文件，请上传 Excel（.xlsx）格式的台账",
    en: "The file could not be read; upload the ledger as an Excel (.xlsx) workbook",
  },
  LEDGER_HEADER: {
    zh: "未找到台账表头或缺少必填列（姓名、身份证号），请检查表头",
    en: "No ledger header found, or required columns (name, ID number) are missing; check the header row",
  },
  LEDGER_EMPTY: { zh: "台账中没有数据行", en: "The ledger has no data rows" },
  ATTACHMENT_EMPTY: { zh: "文件是空的", en: "The file is empty" },
  ATTACHMENT_TOO_LARGE: { zh: "单个附件不能超过 10 MB", en: "An attachment must be 10 MB or smaller" },
  ATTACHMENT_TYPE: {
    zh: "只能上传照片（JPEG、PNG、WebP）或 PDF 文件",
    en: "Only photos (JPEG, PNG, WebP) or PDF files can be attached",
  },
  ATTACHMENT_DAMAGED: {
    zh: "附件文件已损坏或丢失，请联系管理员从备份恢复",
    en: "The attachment's file is damaged or missing; ask an administrator to restore it from backup",
  },
  CASE_STATUS: {
    zh: "个案当前所处阶段不能进行此操作，请刷新后查看",
    en: "The case is not at a stage where this can be done; reload it to see where it stands",
  },
  CASE_SIGNOFF_REQUIRED: {
    zh: "您未取得社会工作职业资格或非社会工作专业，须由督导审批",
    en: "Without a social-work qualification and major, this needs your supervisor's sign-off",
  },
  CASE_NO_SUPERVISOR: {
    zh: "您尚未指定持证督导，请联系站长在人员资质中指定",
    en: "No qualified supervisor is assigned to you; ask the station head to assign one under staff qualifications",
  },
  CASE_SIGNOFF_PENDING: { zh: "该个案已有待督导审批的申请", en: "This case already has a request waiting for the supervisor" },
  CASE_SIGNOFF_NOT_YOURS: {
    zh: "只有该社工指定的持证督导才能审批此申请",
    en: "Only the qualified supervisor assigned to this worker can decide this request",
  },
  CASE_REFERRALS_OPEN: {
    zh: "该个案仍有未反馈的转介，请先记录跟进情况再结案",
    en: "This case has referrals without a recorded follow-up; record them before closing",
  },
  CASE_DATE: { zh: "日期不能晚于今天", en: "The date cannot be after today" },
  CONTRACTOR_SCOPE: {
    zh: "登记的业务范围未包含社会工作（如“社会工作服务”“社工服务”），不能作为社工站承接机构",
    en: "The registered business scope does not include social work; the organization cannot run a station",
  },
  CONTRACTOR_EXISTS: {
    zh: "该统一社会信用代码已登记，请打开已有机构修改",
    en: "An organization with this unified social credit code is already registered; edit that one instead",
  },
  AGREEMENT_STATUS: {
    zh: "协议当前状态不能进行此操作（已备案的协议不可修改），请刷新后查看",
    en: "The agreement is not in a state that allows this (a filed agreement cannot change); reload to see where it stands",
  },
  AGREEMENT_FUNDING: {
    zh: "各资金来源合计须等于协议金额",
    en: "The funding sources must add up to the agreement amount",
  },
  FUNDS_OVER_ALLOCATION: {
    zh: "拨付金额超出已下达资金，不能拨付；确需超额拨付的，须由有权限的人员填写理由后操作",
    en: "The payment exceeds the allocated funds; paying beyond the allocation needs an authorised person and a stated reason",
  },
  FUNDS_OVERRIDE_FORBIDDEN: {
    zh: "您无权超额拨付资金，请联系市（县）民政局",
    en: "You may not pay beyond the allocation; contact the city/county bureau",
  },
  WORK_LOG_SUBMITTED: { zh: "该日工作日志已提交，不能再修改", en: "This day's work log has been submitted and can no longer change" },
  WORK_LOG_VERSION_CONFLICT: { zh: "工作日志已在别处修改，请刷新后再保存", en: "The work log was changed elsewhere; reload it and save again" },
  PAYOUT_REPORT_SIGNED: {
    zh: "该发放名单的核对报告已签发，签发后的报告不能再修改",
    en: "This roster's verification report has already been signed; a signed report cannot change",
  },
  PAYOUT_REPORT_NOT_SIGNED: { zh: "核对报告须先签发才能报送", en: "The verification report must be signed before it is sent" },
  SUBMISSION_STATUS: {
    zh: "该报送材料当前状态不能进行此操作（已报送的版本不可修改，退回后请重新生成新版本），请刷新后查看",
    en: "The submission is not in a state that allows this (a submitted version cannot change; after a return, build a new version); reload to see where it stands",
  },
  SUBMISSION_PERIOD: { zh: "该期间尚未开始，不能生成报送材料", en: "That period has not started yet; nothing can be built for it" },
  ACTIVITY_VERSION_CONFLICT: {
    zh: "活动记录已被他人修改，请刷新后再保存",
    en: "Someone else changed this activity meanwhile; reload it and save again",
  },
  STAFF_BELOW_DIPLOMA: {
    zh: "驻站社工须具有大专及以上学历，该人员学历低于大专，不能安排驻站",
    en: "Resident social workers need a diploma (大专) or above; this person's education is below that, so they cannot be stationed",
  },
  STAFF_NOT_STATIONED: {
    zh: "该人员未在本站驻站（或已离站），不能登记考勤",
    en: "This person is not stationed here (or has left), so no attendance can be recorded",
  },
  PUBLIC_MESSAGE_THROTTLED: {
    zh: "提交过于频繁，请稍后再试",
    en: "Too many submissions; please try again later",
  },
  FACILITY_AREA_BELOW_MINIMUM: {
    zh: "办公面积不足 20 平方米：请核实，或填写例外说明（将作为例外标记，报民政部门知悉）",
    en: "The office is under 20 m²: check the figure, or record an exception with its reason (it stays flagged for the bureau)",
  },
  HOUSE_RULE_REVISION_CONFLICT: {
    zh: "该制度已有人修订，请刷新查看最新版本后再修订",
    en: "Someone revised this rule meanwhile; reload the current revision and revise it again",
  },
  EVALUATION_FINALIZED: { zh: "该评估已定稿，不能再修改", en: "This evaluation is finalized and can no longer change" },
  EVALUATION_INCOMPLETE: { zh: "还有指标未评分，全部评分后才能定稿", en: "Some indicators are not scored yet; score them all before finalizing" },
  RECTIFICATION_STATUS: { zh: "整改事项当前状态下不能进行此操作", en: "The rectification item's current status does not allow this" },
  INSPECTOR_GRANT_PERIOD: {
    zh: "检查授权的到期时间须在将来，且不超过规定的最长期限",
    en: "An inspector's access must end in the future and within the maximum period",
  },
};

export function appErrorMessage(code: AppErrorCode, locale: Locale): string {
  const message = ERROR_MESSAGES[code];
  return locale === "en" ? message.en : message.zh;
}

/** One string for places that cannot choose a locale (zod issues, logs): Chinese first, the users' language. */
export function bilingual(message: BilingualMessage): string {
  return `${message.zh} / ${message.en}`;
}
