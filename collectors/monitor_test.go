package collectors

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	monitor "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/monitor/v20180724"

	"github.com/tsa-scanner/tsa/inventory"
)

// point builds a data point of dimension name=value pairs with values at timestamps.
func point(dims []string, ts []float64, values []*float64) *monitor.DataPoint {
	p := &monitor.DataPoint{Timestamps: common.Float64Ptrs(ts), Values: values}
	for i := 0; i+1 < len(dims); i += 2 {
		p.Dimensions = append(p.Dimensions, &monitor.Dimension{Name: common.StringPtr(dims[i]), Value: common.StringPtr(dims[i+1])})
	}
	return p
}

func TestCheckSeries(t *testing.T) {
	t.Parallel()
	end := time.Unix(1_800_000_000, 0)
	start := end.Add(-3 * day)
	in := func(days float64) float64 { return float64(end.Unix()) - days*86400 } // a time `days` before end
	v := func(x float64) *float64 { return &x }
	want := map[string]map[string]string{
		"ins-a": {"InstanceId": "ins-a"},
		"ins-b": {"InstanceId": "ins-b"},
	}
	tests := []struct {
		name   string
		period uint64 // the answer's
		points []*monitor.DataPoint
		kept   map[string][]float64 // subject → timestamps kept
	}{
		{"the asked subjects' series", 86400, []*monitor.DataPoint{
			point([]string{"InstanceId", "ins-a"}, []float64{in(2), in(1)}, []*float64{v(1), v(2)}),
			point([]string{"InstanceId", "ins-b"}, []float64{in(1)}, []*float64{v(3)}),
		}, map[string][]float64{"ins-a": {in(2), in(1)}, "ins-b": {in(1)}}},
		{"another subject's series dropped", 86400, []*monitor.DataPoint{
			point([]string{"InstanceId", "ins-zzz"}, []float64{in(1)}, []*float64{v(1)}),
		}, map[string][]float64{}},
		{"a series under another dimension dropped", 86400, []*monitor.DataPoint{
			point([]string{"InstanceId", "ins-a", "Mountpoint", "/data"}, []float64{in(1)}, []*float64{v(1)}),
		}, map[string][]float64{}},
		{"another period: the whole answer dropped", 300, []*monitor.DataPoint{
			point([]string{"InstanceId", "ins-a"}, []float64{in(1)}, []*float64{v(1)}),
		}, nil},
		{"points outside the window dropped", 86400, []*monitor.DataPoint{
			point([]string{"InstanceId", "ins-a"}, []float64{in(5), in(3.5), in(1), in(-1)}, []*float64{v(1), v(2), v(3), v(4)}),
		}, map[string][]float64{"ins-a": {in(3.5), in(1)}}},
		{"only nulls: no data", 86400, []*monitor.DataPoint{
			point([]string{"InstanceId", "ins-a"}, []float64{in(1)}, []*float64{nil}),
		}, map[string][]float64{}},
		{"no values at all: no data", 86400, []*monitor.DataPoint{
			point([]string{"InstanceId", "ins-a"}, nil, nil),
		}, map[string][]float64{}},
		{"timestamps and values of different lengths dropped", 86400, []*monitor.DataPoint{
			point([]string{"InstanceId", "ins-a"}, []float64{in(1)}, []*float64{v(1), v(2)}),
		}, map[string][]float64{}},
		{"a subject's second series ignored", 86400, []*monitor.DataPoint{
			point([]string{"InstanceId", "ins-a"}, []float64{in(1)}, []*float64{v(1)}),
			point([]string{"InstanceId", "ins-a"}, []float64{in(2)}, []*float64{v(9)}),
		}, map[string][]float64{"ins-a": {in(1)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &monitor.GetMonitorDataResponseParams{Period: common.Uint64Ptr(tt.period), DataPoints: tt.points}
			got := checkSeries(resp, "InstanceId", want, 86400, start, end)
			if tt.kept == nil {
				if got != nil {
					t.Fatalf("kept %v, want the answer dropped", got)
				}
				return
			}
			if len(got) != len(tt.kept) {
				t.Fatalf("kept %d series, want %d", len(got), len(tt.kept))
			}
			for subject, ts := range tt.kept {
				p, ok := got[subject]
				if !ok {
					t.Fatalf("no series for %s", subject)
				}
				var have []float64
				for _, x := range p.Timestamps {
					have = append(have, *x)
				}
				if !slices.Equal(have, ts) || len(p.Values) != len(ts) {
					t.Errorf("%s: timestamps %v (%d values), want %v", subject, have, len(p.Values), ts)
				}
			}
		})
	}
}

func TestDailyMeans(t *testing.T) {
	t.Parallel()
	// Two China Standard Time days: 2026-11-25 00:00 CST is 2026-11-24 16:00 UTC.
	day1 := time.Date(2026, 11, 24, 16, 0, 0, 0, time.UTC)
	start, end := day1.Add(time.Hour), day1.Add(2*day+time.Hour)
	v := func(x float64) *float64 { return &x }
	p := point([]string{"InstanceId", "ins-a"},
		[]float64{float64(day1.Add(2 * time.Hour).Unix()), float64(day1.Add(3 * time.Hour).Unix()), float64(day1.Add(4 * time.Hour).Unix()),
			float64(day1.Add(2*day + 30*time.Minute).Unix())},
		[]*float64{v(10), v(20), nil, v(7)})
	means, counts := dailyMeans(p, start, end)
	if len(means) != 3 || !slices.Equal(counts, []int{2, 0, 1}) {
		t.Fatalf("means %v counts %v, want 3 days counted [2 0 1]", means, counts)
	}
	if *means[0] != 15 || means[1] != nil || *means[2] != 7 {
		t.Errorf("means %v, %v, %v; want 15, null, 7", *means[0], means[1], *means[2])
	}
}

// TestMonitorChecksWhatItStores runs the monitor collector over the messy scenario: a subject
// with an empty series or none, and an answer holding only other subjects' series, give no
// monitor.metric resource, and the coverage record counts the subjects with data per key. The
// hourly key carries each day's mean.
func TestMonitorChecksWhatItStores(t *testing.T) {
	t.Parallel()
	subjects := []inventory.Resource{
		subject("cvm.instance", "ins-messy001", `{}`), subject("cvm.instance", "ins-messy002", `{}`), subject("cvm.instance", "ins-messy003", `{}`),
	}
	res, c := collectMessy(t, monitorCollector, "ap-guangzhou", subjects...)
	got := byID(res, "monitor.metric")
	var ids []string
	for id := range got {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if want := []string{"cvm_cpu/ins-messy001", "cvm_cpu_avg/ins-messy001"}; !slices.Equal(ids, want) {
		t.Errorf("series %v, want %v", ids, want)
	}
	var avg struct {
		Period      uint64
		Values      []*float64
		DailyMeans  []*float64
		DailyCounts []int
	}
	if err := json.Unmarshal(got["cvm_cpu_avg/ins-messy001"].Data, &avg); err != nil {
		t.Fatal(err)
	}
	if avg.Period != 3600 || len(avg.DailyMeans) != 15 || len(avg.DailyCounts) != 15 {
		t.Fatalf("cvm_cpu_avg: period %d, %d daily means, %d counts; want 3600, 15, 15", avg.Period, len(avg.DailyMeans), len(avg.DailyCounts))
	}
	// The emulator answers an hourly request with each day's value in every hour of the day
	// (the newest stored value is today's), so each day's mean is that day's value.
	n := len(avg.DailyMeans)
	if m := avg.DailyMeans[n-2]; m == nil || *m != 13.0 || avg.DailyCounts[n-2] != 24 {
		t.Errorf("yesterday's mean %v of %d hours, want 13 of 24", m, avg.DailyCounts[n-2])
	}
	if m := avg.DailyMeans[n-1]; m == nil || *m != 14.75 {
		t.Errorf("today's mean %v, want 14.75", m)
	}

	var cov *inventory.Call
	for _, rec := range c.Coverage() {
		if rec.Action == "monitor:GetMonitorData" {
			cov = &rec
		}
	}
	if cov == nil || !cov.OK {
		t.Fatalf("GetMonitorData coverage %+v: answers without data are not failures", cov)
	}
	counts := map[string]inventory.MetricCoverage{}
	for _, m := range cov.Metrics {
		counts[m.Key] = m
	}
	for key, want := range map[string]inventory.MetricCoverage{
		"cvm_cpu":     {Key: "cvm_cpu", Subjects: 3, WithData: 1},
		"cvm_cpu_avg": {Key: "cvm_cpu_avg", Subjects: 3, WithData: 1},
		"cvm_mem":     {Key: "cvm_mem", Subjects: 3, WithData: 0},
	} {
		if counts[key] != want {
			t.Errorf("%s coverage %+v, want %+v", key, counts[key], want)
		}
	}
	if _, ok := counts["cbs_read_iops"]; ok {
		t.Error("a key without subjects is counted")
	}
}
