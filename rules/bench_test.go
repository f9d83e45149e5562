package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/inventory"
)

// syntheticResources builds n resources, deterministic from the seed, spread over instances,
// security groups, disks, EIPs, MySQL instances, load balancers and CPU series, with a share of
// them risky, in shapes the API returns.
func syntheticResources(n int, seed uint64) []inventory.Resource {
	rng := rand.New(rand.NewPCG(seed, seed))
	zones := []string{"ap-guangzhou-3", "ap-guangzhou-6", "ap-guangzhou-7"}
	out := make([]inventory.Resource, 0, n)
	for i := 0; len(out) < n; i++ {
		zone := zones[rng.IntN(len(zones))]
		switch i % 8 {
		case 0:
			charge, renew := "POSTPAID_BY_HOUR", "NOTIFY_AND_AUTO_RENEW"
			if rng.IntN(10) == 0 {
				charge, renew = "PREPAID", "NOTIFY_AND_MANUAL_RENEW"
			}
			data := fmt.Sprintf(`{"InstanceId":"ins-%08d","InstanceName":"app-%d","InstanceChargeType":%q,"RenewFlag":%q,"ExpiredTime":"2026-12-%02dT00:00:00Z","Placement":{"Zone":%q},"CPU":4,"Memory":8,"InstanceState":"RUNNING","SecurityGroupIds":["sg-%08d"]}`,
				i, i, charge, renew, 1+rng.IntN(28), zone, i%997)
			out = append(out, inventory.Resource{Type: "cvm.instance", ID: fmt.Sprintf("ins-%08d", i), Name: fmt.Sprintf("app-%d", i), Region: "ap-guangzhou", Zone: zone,
				Tags: map[string]string{"app": fmt.Sprintf("svc-%d", i%50)}, Data: json.RawMessage(data)})
		case 1:
			port := []string{"80,443", "22", "3389", "8080", "ALL", "3000-4000"}[rng.IntN(6)]
			cidr := []string{"0.0.0.0/0", "10.0.0.0/8", "172.16.0.0/12"}[rng.IntN(3)]
			policies := fmt.Sprintf(`{"Version":"1","Ingress":[{"PolicyIndex":0,"Protocol":"TCP","Port":%q,"CidrBlock":%q,"Action":"ACCEPT"},{"PolicyIndex":1,"Protocol":"TCP","Port":"443","CidrBlock":"0.0.0.0/0","Action":"ACCEPT"}],"Egress":[]}`, port, cidr)
			out = append(out, inventory.Resource{Type: "vpc.security_group", ID: fmt.Sprintf("sg-%08d", i), Name: fmt.Sprintf("sg-%d", i), Region: "ap-guangzhou",
				Data:    json.RawMessage(fmt.Sprintf(`{"SecurityGroupId":"sg-%08d","SecurityGroupName":"sg-%d","ProjectId":"0"}`, i, i)),
				Related: map[string]json.RawMessage{"policies": json.RawMessage(policies)}})
		case 4:
			status := []string{"BIND", "UNBIND"}[rng.IntN(2)]
			out = append(out, inventory.Resource{Type: "vpc.address", ID: fmt.Sprintf("eip-%08d", i), Region: "ap-guangzhou",
				Data: json.RawMessage(fmt.Sprintf(`{"AddressId":"eip-%08d","AddressStatus":%q,"Bandwidth":%d,"IsBlocked":%t,"InstanceId":"ins-%08d"}`, i, status, 1+rng.IntN(100), rng.IntN(50) == 0, i-4))})
		case 5:
			out = append(out, inventory.Resource{Type: "cdb.instance", ID: fmt.Sprintf("cdb-%08d", i), Region: "ap-guangzhou", Zone: zone,
				Data: json.RawMessage(fmt.Sprintf(`{"InstanceId":"cdb-%08d","InstanceType":1,"WanStatus":%d,"DeployMode":%d,"ProtectMode":%d,"PayType":1,"AutoRenew":0,"DeadlineTime":"0000-00-00 00:00:00","Volume":500,"UniqVpcId":"vpc-1","SlaveInfo":{"First":{"Zone":%q}}}`,
					i, rng.IntN(2), rng.IntN(2), rng.IntN(3), zone)),
				Related: map[string]json.RawMessage{
					"backup_config":   json.RawMessage(fmt.Sprintf(`{"BackupExpireDays":%d,"BackupMethod":"physical"}`, rng.IntN(14))),
					"accounts":        json.RawMessage(`[{"User":"root","Host":"%"},{"User":"app","Host":"10.%"}]`),
					"privileges":      json.RawMessage(`{"app@10.%":{"GlobalPrivileges":["SELECT","INSERT","DELETE"]}}`),
					"security_groups": json.RawMessage(`[{"SecurityGroupId":"sg-1","Inbound":[{"Action":"ACCEPT","CidrIp":"0.0.0.0/0","PortRange":"3306","IpProtocol":"TCP"}]}]`),
				}})
		case 6:
			out = append(out, inventory.Resource{Type: "clb.load_balancer", ID: fmt.Sprintf("lb-%08d", i), Region: "ap-guangzhou",
				Data: json.RawMessage(fmt.Sprintf(`{"LoadBalancerId":"lb-%08d","LoadBalancerType":"OPEN","Forward":%d,"MasterZone":{"Zone":%q},"NetworkAttributes":{"InternetMaxBandwidthOut":%d},"ChargeType":"POSTPAID_BY_HOUR"}`, i, rng.IntN(2), zone, 1+rng.IntN(10))),
				Related: map[string]json.RawMessage{
					"listeners": json.RawMessage(`[{"ListenerId":"lbl-1","Protocol":"HTTP","Port":80,"HealthCheck":{"HealthSwitch":1},"Rules":[{"LocationId":"loc-1","Domain":"a.example.com","Url":"/"}]}]`),
					"targets":   json.RawMessage(fmt.Sprintf(`[{"ListenerId":"lbl-1","Protocol":"HTTP","Port":80,"Rules":[{"LocationId":"loc-1","Targets":[{"Type":"CVM","InstanceId":"ins-%08d","Port":8080,"Weight":10}]}]}]`, i-6)),
				}})
		case 7:
			out = append(out, inventory.Resource{Type: "monitor.metric", ID: fmt.Sprintf("QCE/CVM/CpuUsage/ins-%08d", i-7), Name: "cvm_cpu", Region: "ap-guangzhou",
				Data: json.RawMessage(fmt.Sprintf(`{"Namespace":"QCE/CVM","MetricName":"CpuUsage","Period":86400,"Subject":"ins-%08d","Dimensions":[{"Name":"InstanceId","Value":"ins-%08d"}],"Values":[%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d]}`,
					i-7, i-7, rng.IntN(100), rng.IntN(100), rng.IntN(100), rng.IntN(100), rng.IntN(100), rng.IntN(100), rng.IntN(100), rng.IntN(100), rng.IntN(100), rng.IntN(100), rng.IntN(100), rng.IntN(100), rng.IntN(100), rng.IntN(100)))})
		case 2, 3:
			policy := `[]`
			if rng.IntN(2) == 0 {
				policy = `["asp-1"]`
			}
			snaps := fmt.Sprintf(`[{"SnapshotId":"snap-%08d","SnapshotState":"NORMAL","CreateTime":"2026-%02d-10 08:00:00"}]`, i, 1+rng.IntN(11))
			out = append(out, inventory.Resource{Type: "cbs.disk", ID: fmt.Sprintf("disk-%08d", i), Region: "ap-guangzhou", Zone: zone,
				Data:    json.RawMessage(fmt.Sprintf(`{"DiskId":"disk-%08d","DiskUsage":"DATA_DISK","DiskSize":100,"AutoSnapshotPolicyIds":%s,"DiskState":"ATTACHED","Attached":true}`, i, policy)),
				Related: map[string]json.RawMessage{"snapshots": json.RawMessage(snaps)}})
		}
	}
	for i := range out {
		out[i].Account = "100012345678"
	}
	return out
}

func peakRSSMiB() float64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Maxrss) / 1024 // Linux reports KiB
}

// cpuSeconds is the process's user and system CPU time so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

var (
	benchReference = flag.Bool("rules.reference", true, "BenchmarkEvaluate100k: check the denials against the single query over the whole input (after the measurement)")
	benchTimings   = flag.Bool("rules.timings", false, "BenchmarkEvaluate100k: print the 20 costliest rules, each evaluated alone")
)

// BenchmarkEvaluate100k evaluates every rule over 100,000 resources as Assess does (one query
// per group of rules reading the same types, on a worker pool, types converted from raw JSON
// when first needed), at GOMAXPROCS 1 and 2. It reports wall and CPU seconds, the ratio to
// the fastest of three plain JSON decodes of the same inventory (the floor any evaluator
// pays), the peak RSS, and, after the measurement, checks the denials' digest against the
// single query over the whole input (whose wall and CPU seconds it reports too). Run alone, one GOMAXPROCS at a time, for a meaningful
// peak RSS:
//
//	go test ./rules -run '^$' -bench 'Evaluate100k/procs=2' -benchtime 1x
//	go test ./rules -run '^$' -bench 'Evaluate100k/procs=1' -benchtime 1x -rules.reference=false -rules.timings
func BenchmarkEvaluate100k(b *testing.B) {
	for _, procs := range []int{1, 2} {
		b.Run(fmt.Sprintf("procs=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			benchEvaluate(b, benchSize)
		})
	}
}

func benchEvaluate(b *testing.B, n int) {
	ctx := context.Background()
	e, err := New(ctx, Options{})
	if err != nil {
		b.Fatal(err)
	}
	resources := syntheticResources(n, 1)
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	params := e.params(nil)

	// The floor is measured before the evaluation and its copy released, so the peak RSS is the
	// evaluation's (with the inventory it reads).
	raw, err := json.Marshal(resources)
	if err != nil {
		b.Fatal(err)
	}
	decode := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		var back any // every document fully parsed, as an evaluator must
		if err := json.NewDecoder(bytes.NewReader(raw)).Decode(&back); err != nil {
			b.Fatal(err)
		}
		decode = min(decode, time.Since(start))
	}
	raw = nil
	runtime.GC()

	var (
		wall     time.Duration
		cpu      float64
		verdicts map[string]*Verdicts
	)
	b.ResetTimer()
	for b.Loop() {
		start, cpu0 := time.Now(), cpuSeconds()
		verdicts, err = e.evaluateAccount(ctx, resources, now, params)
		if err != nil {
			b.Fatal(err)
		}
		wall += time.Since(start)
		cpu += cpuSeconds() - cpu0
	}
	b.StopTimer()
	eval := wall / time.Duration(b.N)
	denied := 0
	for _, v := range verdicts {
		denied += len(v.Deny)
	}
	b.ReportMetric(eval.Seconds(), "eval-s/op")
	b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
	b.ReportMetric(decode.Seconds(), "jsondecode-s")
	b.ReportMetric(float64(eval)/float64(decode), "eval/decode")
	b.ReportMetric(float64(denied), "denials")
	b.ReportMetric(peakRSSMiB(), "peakRSS-MiB")
	if *benchTimings {
		ruleTimings(b, e, resources, now, params)
	}
	if *benchReference {
		start, cpu0 := time.Now(), cpuSeconds()
		single, err := e.Evaluate(ctx, resources, now, params)
		if err != nil {
			b.Fatal(err)
		}
		// Under the same load as the measurement: a fair comparison on a shared machine.
		b.ReportMetric(time.Since(start).Seconds(), "single-eval-s")
		b.ReportMetric(cpuSeconds()-cpu0, "single-cpu-s")
		if g, s := digest(verdicts), digest(single); g != s {
			b.Fatalf("denials differ from the single query's: digest %s, single query %s", g, s)
		} else {
			b.Logf("denials digest %s, the same as the single query's", g)
		}
	}
}

// ruleTimings evaluates each rule alone over the types it reads, converted beforehand, and
// logs the 20 costliest, so rule authors see what their rule costs.
func ruleTimings(b *testing.B, e *Engine, resources []inventory.Resource, now time.Time, params map[string]map[string]any) {
	ctx := context.Background()
	in, err := newAccountInput(resources, now, params, nil)
	if err != nil {
		b.Fatal(err)
	}
	type timing struct {
		id    string
		took  time.Duration
		judge int
	}
	var (
		timings []timing
		total   time.Duration
	)
	for _, r := range e.rules {
		input, err := in.input(&group{types: e.lib.readTypes(r.Package)})
		if err != nil {
			b.Fatal(err)
		}
		q, err := e.lib.singleQuery(ctx, r.Package)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := e.lib.eval(ctx, q, input); err != nil {
			b.Fatal(err)
		}
		judged := 0
		for _, t := range r.ResourceTypes {
			judged += len(in.byType[t])
		}
		timings = append(timings, timing{r.ID, time.Since(start), judged})
		total += time.Since(start)
	}
	sort.Slice(timings, func(i, j int) bool { return timings[i].took > timings[j].took })
	b.Logf("rules evaluated alone: %v in all", total.Round(time.Millisecond))
	for _, t := range timings[:min(20, len(timings))] {
		per := "-"
		if t.judge > 0 {
			per = fmt.Sprintf("%.1f µs/resource", float64(t.took.Microseconds())/float64(t.judge))
		}
		b.Logf("  %-16s %8v  %4.1f%%  %s", t.id, t.took.Round(time.Millisecond), 100*float64(t.took)/float64(total), per)
	}
}

// BenchmarkEvaluatePerResource is the comparison: one query per resource, as OPA-based
// scanners that evaluate asset by asset do, over a 10,000-resource sample (scaled ×10 in the
// reported per-100k figure).
func BenchmarkEvaluatePerResource(b *testing.B) {
	ctx := context.Background()
	e, err := New(ctx, Options{})
	if err != nil {
		b.Fatal(err)
	}
	resources := syntheticResources(10_000, 1)
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	params := e.params(nil)
	var total time.Duration
	for b.Loop() {
		start := time.Now()
		for i := range resources {
			if _, err := e.Evaluate(ctx, resources[i:i+1], now, params); err != nil {
				b.Fatal(err)
			}
		}
		total += time.Since(start)
	}
	b.ReportMetric(10*total.Seconds()/float64(b.N), "per-100k-s/op")
}

// benchSize is the estate BenchmarkEvaluate100k evaluates.
const benchSize = 100_000

// syntheticInventory holds the resources in two accounts (the same ids in both).
func syntheticInventory(resources []inventory.Resource) *inventory.Inventory {
	inv := &inventory.Inventory{Accounts: []inventory.Account{{UIN: "100012345678"}, {UIN: "100087654321"}}}
	for _, acct := range inv.Accounts {
		for _, r := range resources {
			r.Account = acct.UIN
			inv.Resources = append(inv.Resources, r)
		}
	}
	return inv
}
