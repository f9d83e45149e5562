package report

import (
	"fmt"
	"sort"
)

// Languages are the languages a monthly report is written in.
var Languages = []string{"zh-CN", "en"}

// messages is the report's message catalogue: every string a report prints, in English and
// Chinese (TestCatalogueIsComplete checks both are there and take the same arguments).
var messages = map[string][2]string{
	// Titles and cover.
	"title.service":      {"Monthly Service Report", "月度服务报告"},
	"title.service.year": {"Annual Service Report", "年度服务报告"},
	"title.self":         {"Self-Service Risk Report", "自助风险评估报告"},
	"title.self.year":    {"Annual Self-Service Risk Report", "年度自助风险评估报告"},
	"cover.subtitle":     {"Tencent Cloud risk assessment", "腾讯云风险评估"},
	"cover.customer":     {"Customer", "客户"},
	"cover.accounts":     {"Accounts", "账号"},
	"cover.period":       {"Period", "报告周期"},
	"cover.plan":         {"Support plan", "支持计划"},
	"cover.tam":          {"Technical account manager", "技术客户经理 (TAM)"},
	"cover.freshness":    {"Data as of", "数据截至"},
	"cover.scans":        {"Scans used", "所用扫描"},
	"cover.id":           {"Report ID", "报告编号"},
	"cover.hash":         {"Content hash (SHA-256)", "内容哈希 (SHA-256)"},
	"cover.generated":    {"Generated", "生成时间"},
	"cover.none":         {"not assigned", "未指派"},
	"cover.confidential": {"Confidential: prepared for the customer named above", "机密：仅供上述客户使用"},
	"plan.basic":         {"Basic", "基础版"},
	"plan.developer":     {"Developer", "开发者版"},
	"plan.business":      {"Business", "商业版"},
	"plan.enterprise":    {"Enterprise", "企业版"},
	"scans.list":         {"%d scans, #%d to #%d (last: %s)", "共 %d 次扫描，#%d 至 #%d（最后一次：%s）"},
	"scans.one":          {"1 scan, #%d (%s)", "1 次扫描，#%d（%s）"},
	"footer.page":        {"Page %d / {nb}", "第 %d 页 / 共 {nb} 页"},
	"toc":                {"Contents", "目录"},

	// Sections.
	"sec.summary":         {"Executive summary", "执行摘要"},
	"sec.overview":        {"Account overview", "账号概览"},
	"sec.trend":           {"Risk posture and trend", "风险态势与趋势"},
	"sec.risks":           {"Top risks", "主要风险"},
	"sec.recommendations": {"TAM recommendations", "TAM 建议"},
	"sec.remediation":     {"Remediation tracking", "整改跟踪"},
	"sec.limits":          {"Service limits and capacity", "服务限额与容量"},
	"sec.expiring":        {"Expiring resources and important changes", "到期资源与重要变更"},
	"sec.cost":            {"Cost", "成本"},
	"sec.tickets":         {"Support and tickets", "支持与工单"},
	"sec.events":          {"Events (IEM)", "重大活动保障 (IEM)"},
	"sec.projects":        {"Requirements, projects and proactive optimisation", "需求、项目与主动优化"},
	"sec.appendix":        {"Appendices", "附录"},
	"sec.details":         {"A. Finding details", "A. 风险明细"},
	"sec.waivers":         {"B. Waivers", "B. 豁免"},
	"sec.methodology":     {"C. Methodology", "C. 方法说明"},

	// Pillars, severities, bands, states.
	"pillar.security":       {"Security", "安全"},
	"pillar.reliability":    {"Reliability", "可靠"},
	"pillar.service_limits": {"Service limits", "服务限制"},
	"pillar.cost":           {"Cost", "成本"},
	"pillar.performance":    {"Performance", "性能"},
	"sev.high":              {"High", "高"},
	"sev.medium":            {"Medium", "中"},
	"sev.low":               {"Low", "低"},
	"band.green":            {"Excellent governance", "治理优秀"},
	"band.orange":           {"Governance risks", "存在治理风险"},
	"band.red":              {"Critical governance risks", "存在严重治理风险"},
	"band.not_assessed":     {"Not assessed", "未评估"},
	"status.open":           {"Open", "待处理"},
	"status.in_progress":    {"In progress", "进行中"},
	"status.done":           {"Done", "已完成"},
	"status.blocked":        {"Blocked", "受阻"},
	"limit.ok":              {"OK", "正常"},
	"limit.amber":           {"≥ 80 %", "≥ 80%"},
	"limit.red":             {"≥ 100 %", "≥ 100%"},
	"limit.unknown":         {"Unknown", "未知"},
	"partial":               {"partial", "部分"},
	"yes":                   {"Yes", "是"},
	"no":                    {"No", "否"},
	"none":                  {"None.", "无。"},
	"global":                {"global", "全局"},
	"list.sep":              {", ", "、"},
	"sentence.sep":          {" ", ""},

	// Executive summary.
	"sum.score":       {"Overall score", "总体得分"},
	"sum.delta":       {"%s vs %s", "较 %[2]s %[1]s"},
	"sum.first":       {"first report: no earlier scan", "首份报告：无更早的扫描"},
	"sum.range":       {"range %s–%s (unknown as failing / passing)", "区间 %s–%s（未知项计为不通过 / 通过）"},
	"sum.pillars":     {"Pillar scores", "各模块得分"},
	"sum.coverage":    {"coverage %.0f %%", "覆盖率 %.0f%%"},
	"sum.kpi":         {"Key figures", "关键指标"},
	"kpi.open_high":   {"Open high", "高风险待处理"},
	"kpi.open_medium": {"Open medium", "中风险待处理"},
	"kpi.new":         {"New this period", "本期新增"},
	"kpi.resolved":    {"Resolved", "本期已解决"},
	"kpi.overdue":     {"Overdue", "已逾期"},
	"kpi.quota":       {"Quotas ≥ 80 %", "配额 ≥ 80%"},
	"kpi.expiring":    {"Expiring ≤ 30 days", "30 天内到期"},
	"sum.top":         {"Top five risks", "五大风险"},
	"sum.narrative":   {"Assessment", "综合评价"},
	"sum.by_tam":      {"by %s", "—— %s"},
	"sum.generated":   {"Generated from the numbers above.", "根据以上数据生成。"},
	"sum.affected":    {"%d of %d", "%d / %d"},

	"narr.score":        {"The overall score is %s (%s).", "总体得分 %s（%s）。"},
	"narr.not_assessed": {"Nothing could be read, so nothing was scored.", "未能读取任何数据，因此没有评分。"},
	"narr.up":           {"It rose %s points from the previous period.", "较上期上升 %s 分。"},
	"narr.down":         {"It fell %s points from the previous period.", "较上期下降 %s 分。"},
	"narr.flat":         {"It is unchanged from the previous period.", "与上期持平。"},
	"narr.open":         {"%d high and medium findings are open (%d high); %d were raised and %d resolved this period.", "当前有 %d 项高、中风险待处理（其中高风险 %d 项）；本期新增 %d 项，解决 %d 项。"},
	"narr.overdue":      {"%d are past their due date.", "其中 %d 项已超过整改期限。"},
	"narr.limits":       {"%d quotas are at or above 80 %% and %d resources expire within 30 days.", "%d 项配额使用率达到 80%% 以上，%d 个资源将在 30 天内到期。"},
	"narr.first":        {"Fix first: %s.", "建议优先处理：%s。"},
	"narr.partial":      {"Some checks of %s could not be read and are shown as unknown, not as healthy.", "%s 模块的部分检查项无法读取，按“未知”呈现，而非视为健康。"},

	// Account overview.
	"ov.accounts":    {"Accounts in scope", "纳入范围的账号"},
	"ov.uin":         {"UIN", "账号 UIN"},
	"ov.name":        {"Name", "名称"},
	"ov.plan":        {"Plan", "支持计划"},
	"ov.regions":     {"Regions", "地域"},
	"ov.state":       {"State", "状态"},
	"ov.scanned":     {"scanned", "已扫描"},
	"ov.not_entered": {"not entered: %s", "无法进入：%s"},
	"ov.inventory":   {"Inventory by product and region (%d resources)", "按产品与地域的资源清单（共 %d 个资源）"},
	"ov.product":     {"Product", "产品"},
	"ov.total":       {"Total", "合计"},
	"ov.coverage":    {"Coverage: %d of %d planned reads succeeded (%.1f %%)", "覆盖率：计划读取 %d 项中成功 %d 项（%.1f%%）"},
	"ov.unread":      {"What could not be read (shown as unknown, never as healthy)", "未能读取的内容（按“未知”呈现，绝不视为健康）"},
	"ov.all_read":    {"Everything planned was read.", "计划读取的内容均已成功读取。"},
	"ov.account":     {"Account", "账号"},
	"ov.region":      {"Region", "地域"},
	"ov.action":      {"API action", "API 操作"},
	"ov.error":       {"Error", "错误"},
	"ov.grant":       {"Grant", "需授权"},

	// Trend.
	"tr.score":      {"Overall score by month", "各月总体得分"},
	"tr.flow":       {"Findings raised and resolved by month", "各月新增与解决的风险"},
	"tr.raised":     {"Raised", "新增"},
	"tr.resolved":   {"Resolved", "已解决"},
	"tr.ageing":     {"Ageing of open findings", "待处理风险的账龄"},
	"tr.by_pillar":  {"By pillar", "按模块"},
	"tr.by_product": {"By product", "按产品"},
	"tr.d30":        {"0–30 days", "0–30 天"},
	"tr.d90":        {"31–90 days", "31–90 天"},
	"tr.over90":     {"> 90 days", "超过 90 天"},
	"tr.noscan":     {"no scan", "无扫描"},
	"tr.month":      {"Month", "月份"},
	"tr.scoreh":     {"Score", "得分"},

	// Top risks.
	"rk.rule":     {"Rule", "规则"},
	"rk.risk":     {"Risk", "风险"},
	"rk.sev":      {"Severity", "等级"},
	"rk.affected": {"Affected / assessed", "受影响 / 已评估"},
	"rk.gain":     {"Score gain", "修复可提分"},
	"rk.action":   {"Recommended action", "建议措施"},
	"rk.console":  {"Console", "控制台"},
	"rk.intro":    {"Ranked by severity, then by resources affected, then by the overall score regained if every finding of the rule were fixed.", "按严重程度、受影响资源数和修复该规则全部风险后可恢复的总分依次排序。"},
	"rk.none":     {"No failing findings.", "没有未通过的检查项。"},

	// Recommendations.
	"rec.title":    {"Recommendation", "建议"},
	"rec.priority": {"Priority", "优先级"},
	"rec.status":   {"Status", "状态"},
	"rec.owner":    {"Owner", "负责人"},
	"rec.due":      {"Due", "期限"},
	"rec.links":    {"Rules / findings", "关联规则 / 风险"},
	"rec.curated":  {"TAM", "TAM"},
	"rec.builtin":  {"Built-in", "内置"},
	"rec.source":   {"Source", "来源"},
	"rec.intro":    {"The TAM's curated items first, then the built-in advice of the top risks' rules.", "先列 TAM 整理的事项，再列主要风险对应规则的内置建议。"},

	// Remediation.
	"rm.policy":   {"Due dates: high %d days, medium %d days, low %d days after a finding is first seen.", "整改期限：自首次发现起，高风险 %d 天、中风险 %d 天、低风险 %d 天。"},
	"rm.ratio":    {"Resolved ÷ raised this period: %d ÷ %d = %s", "本期已解决 ÷ 新增：%d ÷ %d = %s"},
	"rm.noraised": {"Resolved this period: %d; nothing was raised.", "本期已解决 %d 项；无新增。"},
	"rm.mttr":     {"Mean time to resolve", "平均解决时长"},
	"rm.days":     {"%.1f days", "%.1f 天"},
	"rm.count":    {"Resolved", "已解决数"},
	"rm.pillar":   {"Pillar", "模块"},
	"rm.overdue":  {"Overdue findings (%d)", "逾期风险（%d 项）"},
	"rm.first":    {"First seen", "首次发现"},
	"rm.late":     {"Days late", "逾期天数"},
	"rm.resource": {"Resource", "资源"},
	"rm.more":     {"… and %d more in the CSV.", "……其余 %d 项见 CSV 文件。"},
	"rm.none":     {"Nothing is overdue.", "没有逾期的风险。"},

	// Limits.
	"lm.name":   {"Quota", "配额"},
	"lm.used":   {"Used / limit", "已用 / 上限"},
	"lm.pct":    {"Use", "使用率"},
	"lm.trend":  {"Earlier months", "前几个月"},
	"lm.state":  {"State", "状态"},
	"lm.hidden": {"%d other quotas are below 50 %%.", "另有 %d 项配额使用率低于 50%%。"},
	"lm.none":   {"No quota was read.", "未读取到配额数据。"},
	"lm.legend": {"Amber at 80 %, red at 100 %, blue where the quota could not be read.", "80% 以上为橙色，100% 以上为红色，无法读取的配额为蓝色。"},

	// Expiring and changes.
	"ex.title":   {"Expiring within 60 days (auto-renewal off first)", "60 天内到期（未开启自动续费的在前）"},
	"ex.type":    {"Type", "类型"},
	"ex.expires": {"Expires", "到期时间"},
	"ex.days":    {"Days", "剩余天数"},
	"ex.auto":    {"Auto-renew", "自动续费"},
	"ex.none":    {"Nothing expires within 60 days.", "60 天内没有到期的资源。"},
	"ex.buckets": {"Within 7 days: %d · 30 days: %d · 60 days: %d", "7 天内：%d · 30 天内：%d · 60 天内：%d"},
	"ch.title":   {"Changes between the period's first and last scans", "本期首末两次扫描之间的变更"},
	"ch.between": {"Scan #%d (%s) → scan #%d (%s)", "扫描 #%d（%s）→ 扫描 #%d（%s）"},
	"ch.one":     {"The period has one scan: no changes to compare.", "本期只有一次扫描，无可比较的变更。"},
	"ch.added":   {"Added", "新增"},
	"ch.removed": {"Removed", "移除"},
	"ch.change":  {"Change", "变更"},
	"ch.none":    {"No resource was added or removed.", "没有新增或移除的资源。"},
	"ch.omitted": {"… and %d more.", "……另有 %d 项。"},

	// Cost.
	"co.intro":    {"Idle and underused resources found by the cost rules.", "成本规则发现的闲置与低利用率资源。"},
	"co.count":    {"Resources", "资源数"},
	"co.examples": {"Examples", "示例"},
	"co.billing":  {"Spend by product: unknown. Billing data was not read (the scanning role needs billing read access); it is not shown as zero.", "按产品的费用：未知。未读取账单数据（扫描角色需要账单只读权限），不以零显示。"},
	"co.billed":   {"Billing data was read.", "已读取账单数据。"},
	"co.none":     {"The cost rules found nothing idle or underused.", "成本规则未发现闲置或低利用率资源。"},

	// Tickets and events.
	"tk.none":                   {"No ticket data: the history store holds no ticket ledger for this period.", "无工单数据：历史库中没有本期的工单记录。"},
	"tk.id":                     {"Ticket", "工单"},
	"tk.title":                  {"Title", "标题"},
	"tk.severity":               {"Severity", "等级"},
	"tk.state":                  {"State", "状态"},
	"tk.opened":                 {"Opened", "创建时间"},
	"ev.none":                   {"No IEM audits this period.", "本期没有 IEM 保障审计。"},
	"tk.none.period":            {"No ticket was open or changed this period.", "本期没有处于打开状态或有变化的工单。"},
	"tkstate.open":              {"open", "处理中"},
	"tkstate.resolved":          {"resolved", "已解决"},
	"tkstate.waived":            {"waived", "已豁免"},
	"tkstate.closed":            {"closed", "已关闭"},
	"grade.business_critical":   {"Business unavailability", "业务不可用"},
	"grade.production_impacted": {"Production system abnormality", "生产系统异常"},
	"grade.system_impaired":     {"Business/system abnormality", "业务/系统异常"},
	"grade.general":             {"Usage consultation", "使用咨询"},
	"iem.ready":                 {"ready", "就绪"},
	"iem.ready_with_risk":       {"ready with risks", "就绪但有风险"},
	"iem.not_ready":             {"not ready", "未就绪"},
	"iem.partial":               {"partial: readiness unproven", "部分：无法证明已就绪"},
	"ev.sessions":               {"IEM sessions used this year: %d of %d.", "本年度已使用 IEM 保障 %d 次，共 %d 次。"},
	"ev.name":                   {"Event", "活动"},
	"ev.date":                   {"Date", "日期"},
	"ev.result":                 {"Result", "结论"},

	// Notes tables.
	"pj.requirements":  {"Requirements", "需求进展"},
	"pj.projects":      {"Collaborative projects", "合作项目"},
	"pj.optimisations": {"Proactive optimisation", "主动优化"},
	"pj.title":         {"Item", "事项"},
	"pj.progress":      {"Progress", "进度"},
	"pj.note":          {"Note", "备注"},
	"pj.none":          {"The TAM's notes list none.", "TAM 备注中未列出。"},
	"pj.nonotes":       {"No notes file was given (tsa report --notes tam.yaml).", "未提供备注文件（tsa report --notes tam.yaml）。"},

	// Appendices.
	"ap.details.intro": {"Open failing findings by rule, at most %d per rule; all %d are in %s beside this report.", "按规则列出的待处理风险，每条规则最多 %d 项；全部 %d 项见本报告旁的 %s。"},
	"ap.showing":       {"%d of %d shown", "显示 %d / %d 项"},
	"ap.message":       {"Finding", "风险描述"},
	"ap.remediation":   {"Remediation", "整改建议"},
	"wv.unknown":       {"Waiver files were not given (tsa report --config): %d findings are waived in the last scan; who waived them and until when is in the waiver files.", "未提供豁免文件（tsa report --config）：最后一次扫描中有 %d 项风险被豁免，豁免人与期限见豁免文件。"},
	"wv.summary":       {"%d waivers, %d waived findings; %d expire within 30 days, %d have expired.", "共 %d 条豁免，覆盖 %d 项风险；%d 条将在 30 天内到期，%d 条已过期。"},
	"wv.rule":          {"Rule", "规则"},
	"wv.scope":         {"Scope", "范围"},
	"wv.reason":        {"Reason", "原因"},
	"wv.owner":         {"Owner", "负责人"},
	"wv.expires":       {"Expires", "到期"},
	"wv.covers":        {"Covers", "覆盖"},
	"wv.active":        {"active", "有效"},
	"wv.soon":          {"expires soon", "即将到期"},
	"wv.expired":       {"expired", "已过期"},
	"wv.never":         {"never", "永久"},
	"me.scoring":       {"Scoring", "评分方法"},
	"me.scoring.text":  {"Each pillar starts at 100. Every failing item (a rule at one severity) deducts by severity and blast radius; deductions are capped per pillar and severity; the overall score is the mean of the pillars that were judged. Bands: green ≥ 85, orange 61–84, red ≤ 60. Unknown checks deduct nothing and mark the pillar partial: they are never counted as passes.", "每个模块从 100 分起算。每个未通过的检查项（某条规则在某一等级）按严重程度和影响范围扣分；每个模块按等级设扣分上限；总分为已评估模块的平均分。分段：绿色 ≥ 85，橙色 61–84，红色 ≤ 60。未知的检查项不扣分，但该模块标记为“部分”，绝不计为通过。"},
	"me.deduction":     {"Deduction per item", "每项扣分"},
	"me.case1":         {"> %d resources and risky share > %.0f %%", "资源 > %d 且风险占比 > %.0f%%"},
	"me.case2":         {"≤ %d resources and > %d risky", "资源 ≤ %d 且风险数 > %d"},
	"me.case3":         {"otherwise", "其他情况"},
	"me.cap":           {"Cap per pillar", "模块扣分上限"},
	"me.sources":       {"Data", "数据"},
	"me.version":       {"tsa version %s, %d rules.", "tsa 版本 %s，规则 %d 条。"},
	"me.window":        {"Collection window: %s to %s (%s).", "采集时间窗口：%s 至 %s（%s）。"},
	"me.cover":         {"Scores are those of the scans, computed over accounts %s.", "得分取自扫描结果，计算范围为账号 %s。"},
	"me.errors":        {"API errors in the last scan: %d (listed in the account overview).", "最后一次扫描的 API 错误：%d 项（见账号概览）。"},
	"me.plan":          {"Support plan and entitlements", "支持计划与权益"},
	"me.plan.text":     {"Plan: %s. Entitlements: %s.", "支持计划：%s。权益：%s。"},
	"me.self":          {"This plan does not include the service report, so this is a self-service risk report: the TAM sections (recommendations, IEM events, requirements and projects) are left out.", "该支持计划不含服务报告权益，因此本报告为自助风险评估报告，不含 TAM 相关章节（TAM 建议、IEM 活动保障、需求与项目）。"},
	"me.service":       {"This plan includes the monthly service report with a designated TAM; the TAM sections are included.", "该支持计划包含月度服务报告和指定的 TAM，报告包含 TAM 相关章节。"},
	"me.deterministic": {"The report is rendered from the history store and the notes file only: the same inputs give the same bytes, and the content hash on the cover identifies them.", "本报告仅由历史库和备注文件生成：相同输入得到相同的文件，封面上的内容哈希可用于核对。"},
	"me.unknown":       {"Unknown is not healthy: what could not be read is shown as unknown with its reason, never as a pass.", "未知不等于健康：无法读取的内容均标为“未知”并注明原因，绝不视为通过。"},

	// Entitlements.
	"ent.self_support":                    {"self-support", "自助服务"},
	"ent.ticket":                          {"tickets 24/7", "7×24 工单"},
	"ent.phone":                           {"phone 24/7", "7×24 电话"},
	"ent.im_group":                        {"IM group chat", "IM 群聊"},
	"ent.tam":                             {"designated TAM", "指定 TAM"},
	"ent.third_party_software":            {"third-party software support", "第三方软件支持"},
	"ent.risk_assessment":                 {"TSA risk assessment", "TSA 云顾问风险评估"},
	"ent.chaos_fault_generator":           {"chaos fault generator", "混沌演练"},
	"ent.infrastructure_event_management": {"IEM", "重大活动保障 (IEM)"},
	"ent.training":                        {"communication and training", "沟通与培训"},
	"ent.service_report":                  {"service report", "服务报告"},
	"ent.expert_services":                 {"expert services", "专家服务"},
}

// Catalogue is the message catalogue in one language.
type Catalogue struct{ lang int }

// Catalog returns the catalogue of a language (English for any but zh-CN).
func Catalog(lang string) Catalogue {
	if lang == "zh-CN" {
		return Catalogue{lang: 1}
	}
	return Catalogue{}
}

// T returns a message, formatted with args when given. An unknown key is returned as itself,
// which the catalogue test keeps from happening.
func (c Catalogue) T(key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return m[c.lang]
	}
	return fmt.Sprintf(m[c.lang], args...)
}

// Has reports whether the catalogue has a key.
func (c Catalogue) Has(key string) bool {
	_, ok := messages[key]
	return ok
}

// messageKeys lists the catalogue's keys, sorted.
func messageKeys() []string {
	keys := make([]string, 0, len(messages))
	for k := range messages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
