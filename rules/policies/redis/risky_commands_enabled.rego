# METADATA
# title: Redis high-risk commands not disabled
# description: >-
#   The instance's disable-command-list parameter does not disable every high-risk command
#   (FLUSHALL, FLUSHDB, KEYS by default): one stray call wipes all data or blocks the
#   instance.
# scope: package
# custom:
#   id: TSA-REDIS-001
#   pillar: security
#   severity: medium
#   resource_types: [redis.instance]
#   reads: [related.params]
#   remediation: >-
#     Add the commands to the instance's disable-command-list parameter (Redis console > the
#     instance > Parameter settings), after checking no application relies on them.
#   tam_recommendation: >-
#     Disable FLUSHALL, FLUSHDB and KEYS on production instances; use SCAN for key listing
#     and keep destructive operations in a controlled admin process.
#   references:
#     - https://www.tencentcloud.com/document/product/239/18336
#   params:
#     commands: [flushall, flushdb, keys]
#     param_name: disable-command-list
#   catalogue: SEC-18
#   i18n:
#     zh-CN:
#       title: Redis 高危命令未禁用
#       description: >-
#         实例的 disable-command-list 参数没有禁用全部高危命令（默认检查 FLUSHALL、FLUSHDB、KEYS）：一次误调用就可能清空
#         全部数据或阻塞实例。
#       remediation: >-
#         确认没有应用依赖这些命令后，将其加入实例的 disable-command-list 参数（Redis 控制台 > 实例 > 参数配置）。
#       tam_recommendation: >-
#         生产实例应禁用 FLUSHALL、FLUSHDB 和 KEYS；遍历键请使用 SCAN，破坏性操作放到受控的运维流程中执行。
package tsa.rules.redis.risky_commands_enabled

params := input.params["TSA-REDIS-001"]

# setting is the disable-command-list parameter, from whichever parameter list carries it.
setting(r) := p if {
	is_object(r.related.params)
	some list in ["InstanceMultiParam", "InstanceTextParam", "InstanceEnumParam"]
	some p in object.get(r.related.params, list, [])
	is_object(p)
	p.ParamName == params.param_name
}

# disabled is the set of commands the parameter's current value disables (lower case).
disabled(p) := {lower(trim_space(c)) | some c in regex.split(`[,\s]+`, p.CurrentValue); trim_space(c) != ""}

deny contains finding if {
	some r in input.resources["redis.instance"]
	p := setting(r)
	is_string(p.CurrentValue)
	missing := [c | some c in params.commands; not lower(c) in disabled(p)]
	count(missing) > 0
	finding := {
		"resource": r.id,
		"message": sprintf("Redis instance %s (%s) does not disable %s", [r.id, r.name, concat(", ", [upper(c) | some c in missing])]),
		"evidence": {"ParamName": p.ParamName, "CurrentValue": p.CurrentValue, "not_disabled": missing},
	}
}

unknown contains {"resource": r.id, "reason": "its parameters (redis:DescribeInstanceParams) were not read"} if {
	some r in input.resources["redis.instance"]
	not is_object(object.get(r, ["related", "params"], null))
}

unknown contains {"resource": r.id, "reason": sprintf("its parameters do not include %s", [params.param_name])} if {
	some r in input.resources["redis.instance"]
	is_object(r.related.params)
	not setting(r)
}

unknown contains {"resource": r.id, "reason": sprintf("%s has no current value", [params.param_name])} if {
	some r in input.resources["redis.instance"]
	p := setting(r)
	not is_string(object.get(p, "CurrentValue", null))
}
