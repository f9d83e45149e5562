package scanner

import (
	"sort"
	"strings"

	"github.com/tsa-scanner/tsa/inventory"
	"github.com/tsa-scanner/tsa/result"
)

func summarize(inv *inventory.Inventory) result.Coverage {
	c := result.Coverage{}
	byProduct := map[string]*result.ProductCoverage{}
	metrics := map[string]inventory.MetricCoverage{}
	for _, call := range inv.Coverage {
		product, _, _ := strings.Cut(call.Action, ":")
		p := byProduct[product]
		if p == nil {
			p = &result.ProductCoverage{Product: product}
			byProduct[product] = p
		}
		for _, m := range call.Metrics {
			metrics[m.Key] = inventory.MetricCoverage{Key: m.Key, Subjects: metrics[m.Key].Subjects + m.Subjects, WithData: metrics[m.Key].WithData + m.WithData}
		}
		p.Planned++
		c.Planned++
		if call.OK {
			p.OK++
			c.OK++
		} else {
			c.Failed++
			c.Failures = append(c.Failures, call)
		}
	}
	for _, a := range inv.Accounts {
		if a.Error != "" {
			c.AccountsFailed++
		}
	}
	for _, p := range byProduct {
		p.Percent = round1(100 * float64(p.OK) / float64(p.Planned))
		c.Products = append(c.Products, *p)
	}
	sort.Slice(c.Products, func(i, j int) bool { return c.Products[i].Product < c.Products[j].Product })
	for _, m := range metrics {
		c.Monitor = append(c.Monitor, m)
	}
	sort.Slice(c.Monitor, func(i, j int) bool { return c.Monitor[i].Key < c.Monitor[j].Key })
	return c
}
