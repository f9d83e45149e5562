package collectors

import (
	"context"
	"encoding/json"
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
		return out, nil
	}
	policyDocs := map[string]json.RawMessage{} // one GetPolicy per policy, however many users share it
	for _, u := range users.Response.Data {
		if u == nil || u.Uin == nil {
			continue
		}
		out = append(out, camUser(ctx, c, cl, u, policyDocs))
	}
	return out, nil
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
	r.Related = map[string]json.RawMessage{}
	if ownerUin, err := strconv.ParseUint(owner, 10, 64); err == nil {
		camKeys(ctx, c, cl, &r, ownerUin)
	} else {
		// Without a numeric owner UIN the owner's keys cannot be asked for: unknown, not none.
		r.Gaps = append(r.Gaps, inventory.Gap{Action: "cam:ListAccessKeys", Code: "TSA.Error"})
	}
	joinCall(ctx, c, &r, "cam:DescribeSafeAuthFlag", "safe_auth", func(ctx context.Context) (any, error) {
		resp, err := cl.DescribeSafeAuthFlagWithContext(ctx, cam.NewDescribeSafeAuthFlagRequest())
		if err != nil {
			return nil, err
		}
		resp.Response.RequestId = nil
		return resp.Response, nil
	})
	joinCall(ctx, c, &r, "cam:GetAccountSummary", "summary", func(ctx context.Context) (any, error) {
		resp, err := cl.GetAccountSummaryWithContext(ctx, cam.NewGetAccountSummaryRequest())
		if err != nil {
			return nil, err
		}
		resp.Response.RequestId = nil
		return resp.Response, nil
	})
	return r, true
}

// camUser builds one cam.user resource with its joins.
func camUser(ctx context.Context, c *Client, cl *cam.Client, u *cam.SubAccountInfo, policyDocs map[string]json.RawMessage) inventory.Resource {
	uin := *u.Uin
	r := c.resource("cam.user", strconv.FormatUint(uin, 10), str(u.Name), "", nil, u)
	r.Related = map[string]json.RawMessage{}
	camKeys(ctx, c, cl, &r, uin)
	joinCall(ctx, c, &r, "cam:DescribeSafeAuthFlagColl", "safe_auth", func(ctx context.Context) (any, error) {
		req := cam.NewDescribeSafeAuthFlagCollRequest()
		req.SubUin = common.Uint64Ptr(uin)
		resp, err := cl.DescribeSafeAuthFlagCollWithContext(ctx, req)
		if err != nil {
			return nil, err
		}
		resp.Response.RequestId = nil
		return resp.Response, nil
	})
	policies, err := camUserPolicies(ctx, c, cl, uin)
	if err != nil {
		r.Gaps = append(r.Gaps, inventory.Gap{Action: "cam:ListAttachedUserAllPolicies", Code: ErrorCode(err)})
		return r
	}
	r.Related["policies"] = mustJSON(policies)
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
				r.Gaps = append(r.Gaps, inventory.Gap{Action: "cam:GetPolicy", Code: ErrorCode(err)})
				continue
			}
			policyDocs[id] = doc
		}
		docs[id] = doc
	}
	r.Related["policy_documents"] = mustJSON(docs)
	return r
}

// camKeys adds a principal's access keys and when each was last used.
func camKeys(ctx context.Context, c *Client, cl *cam.Client, r *inventory.Resource, uin uint64) {
	req := cam.NewListAccessKeysRequest()
	req.TargetUin = common.Uint64Ptr(uin)
	keys, err := call(ctx, c, "cam:ListAccessKeys", func(ctx context.Context) (*cam.ListAccessKeysResponse, error) {
		return cl.ListAccessKeysWithContext(ctx, req)
	})
	c.record("cam:ListAccessKeys", nil, err)
	if err != nil {
		r.Gaps = append(r.Gaps, inventory.Gap{Action: "cam:ListAccessKeys", Code: ErrorCode(err)})
		return
	}
	list := keys.Response.AccessKeys
	if list == nil {
		list = []*cam.AccessKey{}
	}
	r.Related["access_keys"] = mustJSON(list)
	rows := []*cam.SecretIdLastUsed{}
	for start := 0; start < len(list); start += camLastUsedBatch {
		var ids []*string
		for _, k := range list[start:min(start+camLastUsedBatch, len(list))] {
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
			r.Gaps = append(r.Gaps, inventory.Gap{Action: "cam:GetSecurityLastUsed", Code: ErrorCode(err)})
			return
		}
		rows = append(rows, resp.Response.SecretIdLastUsedRows...)
	}
	r.Related["key_last_used"] = mustJSON(rows)
}

// camUserPolicies reads every page of a user's attached policies, direct and through groups.
func camUserPolicies(ctx context.Context, c *Client, cl *cam.Client, uin uint64) ([]*cam.AttachedUserPolicy, error) {
	const rp = 200
	var all []*cam.AttachedUserPolicy
	for page := uint64(1); ; page++ {
		req := cam.NewListAttachedUserAllPoliciesRequest()
		req.TargetUin, req.Page, req.Rp = common.Uint64Ptr(uin), common.Uint64Ptr(page), common.Uint64Ptr(rp)
		req.AttachType = common.Uint64Ptr(0) // direct and inherited
		resp, err := call(ctx, c, "cam:ListAttachedUserAllPolicies", func(ctx context.Context) (*cam.ListAttachedUserAllPoliciesResponse, error) {
			return cl.ListAttachedUserAllPoliciesWithContext(ctx, req)
		})
		c.record("cam:ListAttachedUserAllPolicies", nil, err)
		if err != nil {
			return nil, err
		}
		all = append(all, resp.Response.PolicyList...)
		if len(resp.Response.PolicyList) == 0 || uint64(len(all)) >= deref(resp.Response.TotalNum) {
			break
		}
	}
	if all == nil {
		all = []*cam.AttachedUserPolicy{}
	}
	return all, nil
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

// joinCall runs one per-resource call and stores its payload under key, or records a gap.
func joinCall(ctx context.Context, c *Client, r *inventory.Resource, action, key string, fetch func(context.Context) (any, error)) {
	v, err := call(ctx, c, action, fetch)
	c.record(action, nil, err)
	if err != nil {
		r.Gaps = append(r.Gaps, inventory.Gap{Action: action, Code: ErrorCode(err)})
		return
	}
	r.Related[key] = mustJSON(v)
}
