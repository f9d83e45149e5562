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
	for _, call := range inv.Coverage {
		product, _, _ := strings.Cut(call.Action, ":")
		p := byProduct[product]
		if p == nil {
			p = &result.ProductCoverage{Product: product}
			byProduct[product] = p
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
	return c
}
