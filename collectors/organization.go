package collectors

import (
	"context"
	"strconv"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	organization "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/organization/v20210331"
)

// Member is an account of the caller's organization.
type Member struct {
	UIN  string
	Name string
}

// organizationMaxPage is the most members DescribeOrganizationMembers returns per call.
const organizationMaxPage = 50

// OrganizationMembers lists the member accounts of the organization the caller manages. The
// call is recorded as the client's coverage like any other.
func OrganizationMembers(ctx context.Context, c *Client) ([]Member, error) {
	cl, err := newSDK(c, organization.NewClient)
	if err != nil {
		return nil, err
	}
	items, err := pages(ctx, c, "organization:DescribeOrganizationMembers", nil, min(listLimit, organizationMaxPage),
		func(ctx context.Context, offset, limit int) ([]*organization.OrgMember, int, error) {
			req := organization.NewDescribeOrganizationMembersRequest()
			req.Offset, req.Limit = common.Uint64Ptr(uint64(offset)), common.Uint64Ptr(uint64(limit))
			resp, err := cl.DescribeOrganizationMembersWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.Items, int(deref(resp.Response.Total)), nil
		})
	if err != nil {
		return nil, err
	}
	out := make([]Member, 0, len(items))
	for _, m := range items {
		if m != nil && m.MemberUin != nil {
			out = append(out, Member{UIN: strconv.FormatInt(*m.MemberUin, 10), Name: str(m.Name)})
		}
	}
	return out, nil
}
