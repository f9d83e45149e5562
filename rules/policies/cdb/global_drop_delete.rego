# METADATA
# title: Non-root MySQL account can DROP or DELETE on every database
# description: >-
#   An account other than root holds DROP or DELETE as a global privilege (on *.*), so a
#   compromised application or a wrong statement can destroy any database of the instance.
# scope: package
# custom:
#   id: TSA-CDB-003
#   pillar: security
#   severity: medium
#   resource_types: [cdb.instance]
#   reads: [related.privileges]
#   remediation: >-
#     Revoke the global DROP/DELETE privilege and grant the account only the privileges it
#     needs on its own databases or tables.
#   tam_recommendation: >-
#     Grant application accounts privileges per database, without DROP, and run schema
#     changes through a reviewed migration account.
#   references:
#     - https://www.tencentcloud.com/document/product/598/10592
#   params:
#     risky_privileges: [DROP, DELETE]
#     admin_users: [root]
#   catalogue: SEC-17
#   i18n:
#     zh-CN:
#       title: 非 root 的 MySQL 账号在所有库上拥有 DROP 或 DELETE 权限
#       description: >-
#         root 以外的账号拥有全局（*.*）的 DROP 或 DELETE 权限，一旦应用被攻破或执行了错误语句，就可
#         能破坏实例中的任意数据库。
#       remediation: >-
#         收回全局 DROP/DELETE 权限，只在该账号自己的库或表上授予其所需的权限。
#       tam_recommendation: >-
#         按数据库为应用账号授权且不授予 DROP，结构变更通过经过评审的迁移专用账号执行。
package tsa.rules.cdb.global_drop_delete

params := input.params["TSA-CDB-003"]

# user is the account name of a "<User>@<Host>" key (the host follows the last "@").
user(key) := substring(key, 0, last) if {
	last := indexof_n(key, "@")[count(indexof_n(key, "@")) - 1]
} else := key

risky(db) := [{"account": key, "GlobalPrivileges": held} |
	some key, privs in db.related.privileges
	not user(key) in params.admin_users
	held := [p | some p in object.get(privs, "GlobalPrivileges", []); is_string(p); upper(p) in params.risky_privileges]
	count(held) > 0
]

deny contains finding if {
	some db in input.resources["cdb.instance"]
	accounts := risky(db)
	count(accounts) > 0
	finding := {
		"resource": db.id,
		"message": sprintf("MySQL instance %s (%s): %s", [db.id, db.name, concat("; ", [sprintf("%s has global %s", [a.account, concat(", ", a.GlobalPrivileges)]) | some a in accounts])]),
		"evidence": {"accounts": accounts},
	}
}

unknown contains {"resource": db.id, "reason": "its account privileges (cdb:DescribeAccountPrivileges) were not read"} if {
	some db in input.resources["cdb.instance"]
	object.get(db.data, "InstanceType", 1) != 3
	not is_object(object.get(db, ["related", "privileges"], null))
}
