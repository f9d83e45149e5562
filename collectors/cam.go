package collectors

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	cam "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tsa-scanner/tsa/inventory"
)

// camCollector reads the account owner's keys and protection settings and every sub-user with
// its keys, protection settings, attached policies and the documents of its custom policies.
var camCollector = Collector{
	Product: "cam",
	Service: "cam",
	Global:  true,
	Actions: []string{"GetUserAppId", "ListAccessKeys", "GetSecurityLastUsed", "DescribeSafeAuthFlag",
		"GetAccountSummary", "ListUsers", "DescribeSafeAuthFlagColl", "ListAttachedUserAllPolicies", "GetPolicy"},
	Collect: collectCAM,
}

// camLastUsedBatch is how many key ids GetSecurityLastUsed accepts per call.
const camLastUsedBatch = 10

// camPolicyPage is the most policies ListAttachedUserAllPolicies returns a page (Rp).
const camPolicyPage = 200

// camCustomPolicy is AttachedUserPolicy.StrategyType for a policy the customer wrote.
const camCustomPolicy = "1"

func collectCAM(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, cam.NewClient)
	if err != nil {
		return nil, err
	}
	var out []inventory.Resource
	if acct, ok := camAccount(ctx, c, cl); ok {
		out = append(out, acct)
	}
	users, err := call(ctx, c, "cam:ListUsers", func(ctx context.Context) (*cam.ListUsersResponse, error) {
		return cl.ListUsersWithContext(ctx, cam.NewListUsersRequest())
	})
	c.record("cam:ListUsers", []string{"cam.user"}, err)
	if err != nil {
		return out, ctx.Err()
	}
	policyDocs := map[string]json.RawMessage{} // one GetPolicy per policy, however many users share it
	for _, u := range users.Response.Data {
		if u != nil {
			out = append(out, camUser(ctx, c, cl, u, policyDocs))
		}
	}
	return out, ctx.Err()
}

// camAccount builds the cam.account resource of the owner; without GetUserAppId there is no
// owner UIN to key it on, and the coverage record says so.
func camAccount(ctx context.Context, c *Client, cl *cam.Client) (inventory.Resource, bool) {
	app, err := call(ctx, c, "cam:GetUserAppId", func(ctx context.Context) (*cam.GetUserAppIdResponse, error) {
		return cl.GetUserAppIdWithContext(ctx, cam.NewGetUserAppIdRequest())
	})
	c.record("cam:GetUserAppId", []string{"cam.account"}, err)
	if err != nil || app.Response.OwnerUin == nil {
		return inventory.Resource{}, false
	}
	owner := *app.Response.OwnerUin
	app.Response.RequestId = nil
	r := c.resource("cam.account", owner, "", "", nil, app.Response)
	if ownerUin, err := strconv.ParseUint(owner, 10, 64); err == nil && ownerUin != 0 {
		camKeys(ctx, c, cl, &r, ownerUin)
	} else {
		// Without a numeric owner UIN the owner's keys cannot be asked for: unknown, not none.
		camNoUin(&r, "cam:ListAccessKeys", "access_keys", "key_last_used")
	}
	join(ctx, c, &r, "cam:DescribeSafeAuthFlag", "safe_auth",
		func(ctx context.Context) (*cam.DescribeSafeAuthFlagResponse, error) {
			return cl.DescribeSafeAuthFlagWithContext(ctx, cam.NewDescribeSafeAuthFlagRequest())
		},
		func(resp *cam.DescribeSafeAuthFlagResponse) any {
			resp.Response.RequestId = nil
			return resp.Response
		})
	join(ctx, c, &r, "cam:GetAccountSummary", "summary",
		func(ctx context.Context) (*cam.GetAccountSummaryResponse, error) {
			return cl.GetAccountSummaryWithContext(ctx, cam.NewGetAccountSummaryRequest())
		},
		func(resp *cam.GetAccountSummaryResponse) any {
			resp.Response.RequestId = nil
			return resp.Response
		})
	return r, true
}

// camNoUinCode is the gap code of a per-user read tsa did not make because the user has no UIN.
const camNoUinCode = "TSA.NoUin"

// camUser builds one cam.user resource with its joins. A user listed without a UIN (absent or
// 0) gets no per-user read: CAM reads a missing or zero TargetUin as the caller, so the answer
// would be someone else's. Its id is then its Name, and every per-user key is a gap.
func camUser(ctx context.Context, c *Client, cl *cam.Client, u *cam.SubAccountInfo, policyDocs map[string]json.RawMessage) inventory.Resource {
	uin := deref(u.Uin)
	if uin == 0 {
		r := c.resource("cam.user", str(u.Name), str(u.Name), "", nil, u)
		camNoUin(&r, "cam:ListAccessKeys", "access_keys", "key_last_used")
		camNoUin(&r, "cam:DescribeSafeAuthFlagColl", "safe_auth")
		camNoUin(&r, "cam:ListAttachedUserAllPolicies", "policies", "policy_documents")
		return r
	}
	r := c.resource("cam.user", strconv.FormatUint(uin, 10), str(u.Name), "", nil, u)
	camKeys(ctx, c, cl, &r, uin)
	join(ctx, c, &r, "cam:DescribeSafeAuthFlagColl", "safe_auth",
		func(ctx context.Context) (*cam.DescribeSafeAuthFlagCollResponse, error) {
			req := cam.NewDescribeSafeAuthFlagCollRequest()
			req.SubUin = common.Uint64Ptr(uin)
			return cl.DescribeSafeAuthFlagCollWithContext(ctx, req)
		},
		func(resp *cam.DescribeSafeAuthFlagCollResponse) any {
			resp.Response.RequestId = nil
			return resp.Response
		})
	policies, err := joinPages(ctx, c, &r, "cam:ListAttachedUserAllPolicies", "policies", camPolicyPage,
		func(ctx context.Context, offset, limit int) ([]*cam.AttachedUserPolicy, int, error) {
			if offset%limit != 0 {
				// Page/Rp cannot ask for what follows a short page.
				return nil, 0, fmt.Errorf("cam:ListAttachedUserAllPolicies: a page before the last held fewer than %d policies", limit)
			}
			req := cam.NewListAttachedUserAllPoliciesRequest()
			req.TargetUin, req.Page, req.Rp = common.Uint64Ptr(uin), common.Uint64Ptr(uint64(offset/limit+1)), common.Uint64Ptr(uint64(limit))
			req.AttachType = common.Uint64Ptr(0) // direct and inherited
			resp, err := cl.ListAttachedUserAllPoliciesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.PolicyList, int(deref(resp.Response.TotalNum)), nil
		})
	if err != nil {
		addGap(&r, "cam:ListAttachedUserAllPolicies", "policy_documents", ErrorCode(err))
		return r
	}
	docs := map[string]json.RawMessage{}
	for _, p := range policies {
		if p == nil || str(p.StrategyType) != camCustomPolicy {
			continue
		}
		id := str(p.PolicyId)
		doc, ok := policyDocs[id]
		if !ok {
			doc, err = camPolicyDocument(ctx, c, cl, id)
			if err != nil {
				addGap(&r, "cam:GetPolicy", "policy_documents", ErrorCode(err))
				continue
			}
			policyDocs[id] = doc
		}
		docs[id] = doc
	}
	setRelated(&r, "policy_documents", docs)
	return r
}

// camNoUin records that the reads filling keys were not made: the principal has no UIN.
func camNoUin(r *inventory.Resource, action string, keys ...string) {
	for _, k := range keys {
		addGap(r, action, k, camNoUinCode)
	}
}

// camKeys adds a principal's access keys and when each was last used.
func camKeys(ctx context.Context, c *Client, cl *cam.Client, r *inventory.Resource, uin uint64) {
	keys, err := join(ctx, c, r, "cam:ListAccessKeys", "access_keys",
		func(ctx context.Context) (*cam.ListAccessKeysResponse, error) {
			req := cam.NewListAccessKeysRequest()
			req.TargetUin = common.Uint64Ptr(uin)
			return cl.ListAccessKeysWithContext(ctx, req)
		},
		func(resp *cam.ListAccessKeysResponse) any { return orEmpty(resp.Response.AccessKeys) })
	if err != nil {
		addGap(r, "cam:ListAccessKeys", "key_last_used", ErrorCode(err))
		return
	}
	accessKeys := keys.Response.AccessKeys
	rows := []*cam.SecretIdLastUsed{}
	for start := 0; start < len(accessKeys); start += camLastUsedBatch {
		var ids []*string
		for _, k := range accessKeys[start:min(start+camLastUsedBatch, len(accessKeys))] {
			if k != nil && k.AccessKeyId != nil {
				ids = append(ids, k.AccessKeyId)
			}
		}
		if len(ids) == 0 {
			continue
		}
		req := cam.NewGetSecurityLastUsedRequest()
		req.SecretIdList = ids
		resp, err := call(ctx, c, "cam:GetSecurityLastUsed", func(ctx context.Context) (*cam.GetSecurityLastUsedResponse, error) {
			return cl.GetSecurityLastUsedWithContext(ctx, req)
		})
		c.record("cam:GetSecurityLastUsed", nil, err)
		if err != nil {
			addGap(r, "cam:GetSecurityLastUsed", "key_last_used", ErrorCode(err))
			return
		}
		rows = append(rows, resp.Response.SecretIdLastUsedRows...)
	}
	setRelated(r, "key_last_used", rows)
}

// camPolicyDocument reads a policy's document; CAM returns it as a JSON string, which is
// decoded so rules see the statements themselves.
func camPolicyDocument(ctx context.Context, c *Client, cl *cam.Client, id string) (json.RawMessage, error) {
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		return nil, err
	}
	req := cam.NewGetPolicyRequest()
	req.PolicyId = common.Uint64Ptr(n)
	resp, err := call(ctx, c, "cam:GetPolicy", func(ctx context.Context) (*cam.GetPolicyResponse, error) {
		return cl.GetPolicyWithContext(ctx, req)
	})
	c.record("cam:GetPolicy", nil, err)
	if err != nil {
		return nil, err
	}
	doc := json.RawMessage(str(resp.Response.PolicyDocument))
	if !json.Valid(doc) {
		// Keep what CAM said rather than nothing: a rule can still read the text.
		return mustJSON(str(resp.Response.PolicyDocument)), nil
	}
	return doc, nil
}
