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
#   remediation: >-
#     Add the commands to the instance's disable-command-list parameter (Redis console > the
#     instance > Parameter settings), after checking no application relies on them.
#   tam_recommendation: >-
#     Disable FLUSHALL, FLUSHDB and KEYS on production instances; use SCAN for key listing
#     and keep destructive operations in a controlled admin process.
#   references: []
#   params:
#     commands: [flushall, flushdb, keys]
#     param_name: disable-command-list
#   catalogue: SEC-18
package tsa.rules.redis.risky_commands_enabled

params := input.params["TSA-REDIS-001"]

# setting is the disable-command-list parameter, from whichever parameter list carries it.
setting(r) := p if {
	some list in ["InstanceMultiParam", "InstanceTextParam", "InstanceEnumParam"]
	some p in object.get(r.related.params, list, [])
	p.ParamName == params.param_name
}

# disabled is the set of commands the parameter's current value disables (lower case).
disabled(p) := {lower(trim_space(c)) | some c in regex.split(`[,\s]+`, p.CurrentValue); trim_space(c) != ""} if is_string(p.CurrentValue)

else := set()

deny contains finding if {
	some r in input.resources["redis.instance"]
	p := setting(r)
	missing := [c | some c in params.commands; not lower(c) in disabled(p)]
	count(missing) > 0
	finding := {
		"resource": r.id,
		"message": sprintf("Redis instance %s (%s) does not disable %s", [r.id, r.name, concat(", ", [upper(c) | some c in missing])]),
		"evidence": {"ParamName": p.ParamName, "CurrentValue": object.get(p, "CurrentValue", null), "not_disabled": missing},
	}
}
