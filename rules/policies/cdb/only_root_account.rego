# METADATA
# title: MySQL instance has only the root account
# description: >-
#   The only database accounts are root, so every application and person connects with full
#   privileges and no access can be limited or attributed.
# scope: package
# custom:
#   id: TSA-CDB-002
#   pillar: security
#   severity: medium
#   resource_types: [cdb.instance]
#   reads: [related.accounts]
#   remediation: >-
#     Create an account per application with only the privileges it needs on its own
#     databases, move the applications to them, and keep root for administration.
#   tam_recommendation: >-
#     Give each application its own least-privilege database account and keep the root
#     password in a vault for emergencies.
#   references:
#     - https://www.tencentcloud.com/document/product/598/10592
#   params:
#     admin_users: [root]
#   catalogue: SEC-16
#   i18n:
#     zh-CN:
#       title: MySQL 实例只有 root 账号
#       description: >-
#         数据库中只有 root 账号，所有应用和人员都以最高权限连接，访问既无法限制也无法追溯到人。
#       remediation: >-
#         为每个应用创建只具备其库所需权限的账号，把应用切换过去，root 只用于管理。
#       tam_recommendation: >-
#         每个应用使用各自的最小权限数据库账号，root 密码存入保险库仅供应急使用。
package tsa.rules.cdb.only_root_account

params := input.params["TSA-CDB-002"]

deny contains finding if {
	some db in input.resources["cdb.instance"]
	accounts := db.related.accounts
	count(accounts) > 0
	every a in accounts {
		a.User in params.admin_users
	}
	finding := {
		"resource": db.id,
		"message": sprintf("MySQL instance %s (%s) has only administrator accounts: %s", [db.id, db.name, concat(", ", [sprintf("%s@%s", [a.User, object.get(a, "Host", "%")]) | some a in accounts])]),
		"evidence": {"accounts": [{"User": a.User, "Host": object.get(a, "Host", null)} | some a in accounts]},
	}
}

unknown contains {"resource": db.id, "reason": "its accounts (cdb:DescribeAccounts) were not read"} if {
	some db in input.resources["cdb.instance"]
	object.get(db.data, "InstanceType", 1) != 3
	not is_array(object.get(db, ["related", "accounts"], null))
}
