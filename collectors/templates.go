package collectors

import (
	"context"
	"slices"
	"strings"

	vpc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc/v20170312"

	"github.com/tsa-scanner/tsa/inventory"
)

// A security-group policy may name its peers through an address template (ipm-…) or group
// (ipmg-…) instead of a CidrBlock, and its ports through a service template (ppm-…) or group
// (ppmg-…) instead of Protocol and Port. The collector reads the region's templates and adds what
// they stand for to each such policy, so rules judge the policy rather than skip it.

// service is one protocol and port of a service template, in the form of a policy's own fields:
// Protocol TCP, UDP, ICMP, ICMPv6, GRE or ALL; Port as written ("80", "80,443", "8000-8080"), ALL
// when the template names none.
type service struct {
	Protocol string
	Port     string
}

// resolvedPolicy is a security-group policy with the members of the templates it names.
type resolvedPolicy struct {
	*vpc.SecurityGroupPolicy
	// ResolvedAddresses are the CIDRs, IPs and ranges (IPv4 and IPv6, as written) of the
	// AddressTemplate; set only on a policy that names one and whose template was read.
	ResolvedAddresses []string
	// ResolvedServices are the services of the ServiceTemplate; set likewise.
	ResolvedServices []service
}

// resolvedPolicySet is a SecurityGroupPolicySet whose policies carry their resolved templates.
type resolvedPolicySet struct {
	*vpc.SecurityGroupPolicySet
	Egress  []*resolvedPolicy
	Ingress []*resolvedPolicy
}

// templates are the region's templates by id, as member lists; a nil map means the list could
// not be read, and code says why.
type templates struct {
	addresses, addressGroups, services, serviceGroups map[string][]string
	codes                                             map[string]string // action → error code
}

const (
	actionAddressTemplates      = "vpc:DescribeAddressTemplates"
	actionAddressTemplateGroups = "vpc:DescribeAddressTemplateGroups"
	actionServiceTemplates      = "vpc:DescribeServiceTemplates"
	actionServiceTemplateGroups = "vpc:DescribeServiceTemplateGroups"
)

// resolveTemplates rewrites related.policies of every security group whose policies name a
// template. The template lists are read only when some policy needs them. A policy whose
// template could not be read is left as the API gave it, and the group gets a gap on
// "policies" naming the template action.
func resolveTemplates(ctx context.Context, c *Client, cl *vpc.Client, sgs []inventory.Resource, sets []*vpc.SecurityGroupPolicySet) {
	var needAddr, needAddrGroup, needSvc, needSvcGroup bool
	for _, set := range sets {
		for _, p := range policiesOf(set) {
			id, group := addressRef(p)
			needAddr, needAddrGroup = needAddr || id != "" || group != "", needAddrGroup || group != ""
			id, group = serviceRef(p)
			needSvc, needSvcGroup = needSvc || id != "" || group != "", needSvcGroup || group != ""
		}
	}
	if !needAddr && !needSvc {
		return
	}
	t := templates{codes: map[string]string{}}
	if needAddr {
		t.addresses = readTemplates(ctx, c, &t, actionAddressTemplates, func(ctx context.Context, offset, limit int) ([]*vpc.AddressTemplate, int, error) {
			req := vpc.NewDescribeAddressTemplatesRequest()
			req.Offset, req.Limit = stringPage(offset, limit)
			resp, err := cl.DescribeAddressTemplatesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.AddressTemplateSet, int(deref(resp.Response.TotalCount)), nil
		}, func(a *vpc.AddressTemplate) (string, []string) {
			members := derefAll(a.AddressSet)
			for _, x := range a.AddressExtraSet {
				if x != nil {
					members = append(members, str(x.Address))
				}
			}
			return str(a.AddressTemplateId), members
		})
	}
	if needAddrGroup {
		t.addressGroups = readTemplates(ctx, c, &t, actionAddressTemplateGroups, func(ctx context.Context, offset, limit int) ([]*vpc.AddressTemplateGroup, int, error) {
			req := vpc.NewDescribeAddressTemplateGroupsRequest()
			req.Offset, req.Limit = stringPage(offset, limit)
			resp, err := cl.DescribeAddressTemplateGroupsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.AddressTemplateGroupSet, int(deref(resp.Response.TotalCount)), nil
		}, func(g *vpc.AddressTemplateGroup) (string, []string) {
			members := derefAll(g.AddressTemplateIdSet)
			for _, x := range g.AddressTemplateSet {
				if x != nil {
					members = append(members, str(x.AddressTemplateId))
				}
			}
			return str(g.AddressTemplateGroupId), members
		})
	}
	if needSvc {
		t.services = readTemplates(ctx, c, &t, actionServiceTemplates, func(ctx context.Context, offset, limit int) ([]*vpc.ServiceTemplate, int, error) {
			req := vpc.NewDescribeServiceTemplatesRequest()
			req.Offset, req.Limit = stringPage(offset, limit)
			resp, err := cl.DescribeServiceTemplatesWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.ServiceTemplateSet, int(deref(resp.Response.TotalCount)), nil
		}, func(s *vpc.ServiceTemplate) (string, []string) {
			members := derefAll(s.ServiceSet)
			for _, x := range s.ServiceExtraSet {
				if x != nil {
					members = append(members, str(x.Service))
				}
			}
			return str(s.ServiceTemplateId), members
		})
	}
	if needSvcGroup {
		t.serviceGroups = readTemplates(ctx, c, &t, actionServiceTemplateGroups, func(ctx context.Context, offset, limit int) ([]*vpc.ServiceTemplateGroup, int, error) {
			req := vpc.NewDescribeServiceTemplateGroupsRequest()
			req.Offset, req.Limit = stringPage(offset, limit)
			resp, err := cl.DescribeServiceTemplateGroupsWithContext(ctx, req)
			if err != nil {
				return nil, 0, err
			}
			return resp.Response.ServiceTemplateGroupSet, int(deref(resp.Response.TotalCount)), nil
		}, func(g *vpc.ServiceTemplateGroup) (string, []string) {
			members := derefAll(g.ServiceTemplateIdSet)
			for _, x := range g.ServiceTemplateSet {
				if x != nil {
					members = append(members, str(x.ServiceTemplateId))
				}
			}
			return str(g.ServiceTemplateGroupId), members
		})
	}
	for i, set := range sets {
		if set == nil || !slices.ContainsFunc(policiesOf(set), usesTemplate) {
			continue
		}
		out := resolvedPolicySet{SecurityGroupPolicySet: set}
		if set.Egress != nil {
			out.Egress = t.resolve(&sgs[i], set.Egress)
		}
		if set.Ingress != nil {
			out.Ingress = t.resolve(&sgs[i], set.Ingress)
		}
		setRelated(&sgs[i], "policies", out)
	}
}

// resolve adds to each policy what its templates stand for; a template it cannot resolve is a
// gap on the group's "policies".
func (t *templates) resolve(sg *inventory.Resource, ps []*vpc.SecurityGroupPolicy) []*resolvedPolicy {
	out := make([]*resolvedPolicy, len(ps))
	for i, p := range ps {
		if p == nil {
			continue
		}
		out[i] = &resolvedPolicy{SecurityGroupPolicy: p}
		if id, group := addressRef(p); id != "" || group != "" {
			addrs, action, code := t.members(t.addresses, actionAddressTemplates, t.addressGroups, actionAddressTemplateGroups, id, group)
			if action != "" {
				addGap(sg, action, "policies", code)
			} else {
				out[i].ResolvedAddresses = addrs
			}
		}
		if id, group := serviceRef(p); id != "" || group != "" {
			svcs, action, code := t.members(t.services, actionServiceTemplates, t.serviceGroups, actionServiceTemplateGroups, id, group)
			if action != "" {
				addGap(sg, action, "policies", code)
			} else {
				out[i].ResolvedServices = parseServices(svcs)
			}
		}
	}
	return out
}

// readTemplates reads every page of one template list into id → members. A failed read returns
// nil and keeps the error code for the gaps.
func readTemplates[T any](ctx context.Context, c *Client, t *templates, action string,
	fetch func(ctx context.Context, offset, limit int) ([]*T, int, error), entry func(*T) (string, []string)) map[string][]string {
	items, err := pages(ctx, c, action, nil, listLimit, fetch)
	if err != nil {
		t.codes[action] = ErrorCode(err)
		return nil
	}
	out := map[string][]string{}
	for _, it := range items {
		if it != nil {
			id, members := entry(it)
			out[id] = append(out[id], members...)
		}
	}
	return out
}

// members returns what a template id or template group id stands for, each member once, in
// the order written. When it cannot (a list unread, an id not in it) it names the action and
// an error code instead.
func (t *templates) members(byID map[string][]string, action string, groups map[string][]string, groupAction, id, groupID string) (out []string, failed, code string) {
	ids := []string{id}
	if groupID != "" {
		if groups == nil {
			return nil, groupAction, t.codes[groupAction]
		}
		members, ok := groups[groupID]
		if !ok {
			return nil, groupAction, "TSA.TemplateNotFound"
		}
		ids = members
	}
	if byID == nil {
		return nil, action, t.codes[action]
	}
	out = []string{}
	for _, m := range ids {
		values, ok := byID[m]
		if !ok {
			return nil, action, "TSA.TemplateNotFound"
		}
		for _, v := range values {
			if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	return out, "", ""
}

// parseServices reads service template entries such as "tcp:80", "TCP: 8000-8080", "udp:53,54",
// "icmp" or "ALL".
func parseServices(entries []string) []service {
	out := []service{}
	for _, e := range entries {
		proto, port, ok := strings.Cut(e, ":")
		proto, port = strings.ToUpper(strings.TrimSpace(proto)), strings.ReplaceAll(strings.TrimSpace(port), " ", "")
		if proto == "ICMPV6" {
			proto = "ICMPv6"
		}
		if !ok || port == "" || strings.EqualFold(port, "all") {
			port = "ALL"
		}
		if s := (service{Protocol: proto, Port: port}); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func policiesOf(set *vpc.SecurityGroupPolicySet) []*vpc.SecurityGroupPolicy {
	if set == nil {
		return nil
	}
	return slices.DeleteFunc(slices.Concat(set.Ingress, set.Egress), func(p *vpc.SecurityGroupPolicy) bool { return p == nil })
}

// usesTemplate reports whether a policy names an address or service template.
func usesTemplate(p *vpc.SecurityGroupPolicy) bool {
	aid, agroup := addressRef(p)
	sid, sgroup := serviceRef(p)
	return aid != "" || agroup != "" || sid != "" || sgroup != ""
}

// addressRef returns the address template and template group a policy names, "" for none: the
// API sends AddressTemplate on every policy, with empty ids when it names none.
func addressRef(p *vpc.SecurityGroupPolicy) (id, group string) {
	if a := p.AddressTemplate; a != nil {
		return str(a.AddressId), str(a.AddressGroupId)
	}
	return "", ""
}

// serviceRef returns the service template and template group a policy names, "" for none.
func serviceRef(p *vpc.SecurityGroupPolicy) (id, group string) {
	if s := p.ServiceTemplate; s != nil {
		return str(s.ServiceId), str(s.ServiceGroupId)
	}
	return "", ""
}

// derefAll dereferences a list of SDK string pointers, dropping nils.
func derefAll(ps []*string) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if p != nil {
			out = append(out, *p)
		}
	}
	return out
}
