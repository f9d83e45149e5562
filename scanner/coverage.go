package scanner

import (
	"sort"
	"strings"

	"github.com/tsa-scanner/tsa/inventory"
)

// Coverage summarizes what the scan could and could not read.
type Coverage struct {
	Planned        int               `json:"planned"` // account × region × action outcomes
	OK             int               `json:"ok"`
	Failed         int               `json:"failed"`
	AccountsFailed int               `json:"accounts_failed"`
	Products       []ProductCoverage `json:"products"`
	Failures       []inventory.Call  `json:"failures"`
}

// ProductCoverage is the share of a product's planned calls that succeeded.
type ProductCoverage struct {
	Product string  `json:"product"`
	OK      int     `json:"ok"`
	Planned int     `json:"planned"`
	Percent float64 `json:"percent"`
}

func summarize(inv *inventory.Inventory) Coverage {
	c := Coverage{}
	byProduct := map[string]*ProductCoverage{}
	for _, call := range inv.Coverage {
		product, _, _ := strings.Cut(call.Action, ":")
		p := byProduct[product]
		if p == nil {
			p = &ProductCoverage{Product: product}
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
