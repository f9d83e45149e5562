package collectors

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	monitor "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/monitor/v20180724"

	"github.com/tsa-scanner/tsa/inventory"
)

// monitorCollector reads Cloud Monitor series for the subjects the other collectors of the
// same account and region found: it runs after them (see Collector.Subjects).
var monitorCollector = Collector{
	Product:  "monitor",
	Service:  "monitor",
	Actions:  []string{"GetMonitorData"},
	Subjects: monitorSubjectTypes(),
	Collect:  collectMonitor,
}

// Cloud Monitor's limits for one GetMonitorData request.
const (
	monitorMaxInstances = 10
	monitorMaxPoints    = 1440
)

const day = 24 * time.Hour

// metricSpec maps a tsa metric key to a Cloud Monitor metric (docs/inventory.md lists them with
// their sources).
type metricSpec struct {
	key       string // the tsa metric key rules match on (the resource name)
	subject   string // the inventory type of the subjects
	namespace string
	metric    string
	dimension string // the dimension that names the subject
	// period and window: one value per period over the window before the scan. Daily values
	// over 14 days where the metric offers a daily period.
	period, window time.Duration
	// value returns the dimension value for a subject; nil means the subject's id.
	value func(inventory.Resource) (string, bool)
	// extra dimensions sent after the subject's.
	extra map[string]string
	// daily adds each day's mean of the values (DailyMeans, DailyCounts): for hourly series read
	// because the daily value of the metric is not the day's average.
	daily bool
}

var metricSpecs = []metricSpec{
	cvmMetric("cvm_cpu", "CpuUsage", day),
	cvmMetric("cvm_mem", "MemUsage", day),
	// CvmDiskUsage offers 60 s and 300 s only: the last day at 300 s.
	{key: "cvm_disk", subject: "cvm.instance", namespace: "QCE/CVM", metric: "CvmDiskUsage", dimension: "InstanceId",
		period: 5 * time.Minute, window: day},
	cvmMetric("cvm_wan_out", "WanOuttraffic", day),
	cvmMetric("cvm_lan_out", "LanOuttraffic", day),
	// CpuUsage at a daily period is the day's maximum: the daily averages come from hourly values.
	cvmHourly("cvm_cpu_avg", "CpuUsage"),
	cvmHourly("cvm_mem_avg", "MemUsage"),
	cvmHourly("cvm_wan_out_avg", "WanOuttraffic"),
	cvmHourly("cvm_lan_out_avg", "LanOuttraffic"),
	{key: "cbs_read_iops", subject: "cbs.disk", namespace: "QCE/BLOCK_STORAGE", metric: "DiskReadIops", dimension: "diskId", period: day, window: 14 * day},
	{key: "cbs_write_iops", subject: "cbs.disk", namespace: "QCE/BLOCK_STORAGE", metric: "DiskWriteIops", dimension: "diskId", period: day, window: 14 * day},
	cdbMetric("cdb_cpu", "CpuUseRate", day),
	cdbMetric("cdb_volume", "VolumeRate", day),
	// ConnectionUseRate offers no daily period: hourly values.
	cdbMetric("cdb_connection_use", "ConnectionUseRate", time.Hour),
	cdbMetric("cdb_connections", "ThreadsConnected", day),
	cdbMetric("cdb_threads_running", "ThreadsRunning", day),
	// InstanceType 2 asks for the replica side of the instance.
	{key: "cdb_replication_delay", subject: "cdb.instance", namespace: "QCE/CDB", metric: "SecondsBehindMaster", dimension: "InstanceId",
		period: day, window: 14 * day, extra: map[string]string{"InstanceType": "2"}},
	redisMetric("redis_cpu", "CpuUtil"),
	redisMetric("redis_mem", "MemUtil"),
	redisMetric("redis_connections", "Connections"),
	redisMetric("redis_proxy_throttle", "OutFlowLimit"),
	mongoMetric("mongodb_cpu", "MonogdMaxCpuUsage", nil),
	mongoMetric("mongodb_disk", "ClusterDiskusage", nil),
	mongoMetric("mongodb_connections", "ClusterConn", nil),
	// Dirty cache is a node metric and the oplog window a replica-set metric: asked for the
	// primary of the first replica set.
	mongoMetric("mongodb_dirty_cache", "NodeCacheDirty", func(r inventory.Resource) (string, bool) { return r.ID + "_0-node-primary", true }),
	mongoMetric("mongodb_oplog_hours", "Oplogreservedtime", func(r inventory.Resource) (string, bool) { return r.ID + "_0", true }),
	clbMetric("clb_connections", "ClientConcurConn"),
	clbMetric("clb_requests", "TotalReq"),
	clbMetric("clb_backend_5xx", "RsHttpCode5xx"),
	clbMetric("clb_backend_4xx", "RsHttpCode4xx"),
}

func cvmMetric(key, metric string, period time.Duration) metricSpec {
	return metricSpec{key: key, subject: "cvm.instance", namespace: "QCE/CVM", metric: metric, dimension: "InstanceId", period: period, window: 14 * day}
}

// cvmHourly reads a CVM metric at hourly values over 14 days, with their daily means.
func cvmHourly(key, metric string) metricSpec {
	return metricSpec{key: key, subject: "cvm.instance", namespace: "QCE/CVM", metric: metric, dimension: "InstanceId",
		period: time.Hour, window: 14 * day, daily: true}
}

func cdbMetric(key, metric string, period time.Duration) metricSpec {
	return metricSpec{key: key, subject: "cdb.instance", namespace: "QCE/CDB", metric: metric, dimension: "InstanceId", period: period, window: 14 * day}
}

func redisMetric(key, metric string) metricSpec {
	return metricSpec{key: key, subject: "redis.instance", namespace: "QCE/REDIS_MEM", metric: metric, dimension: "instanceid", period: day, window: 14 * day}
}

func mongoMetric(key, metric string, value func(inventory.Resource) (string, bool)) metricSpec {
	return metricSpec{key: key, subject: "mongodb.instance", namespace: "QCE/CMONGO", metric: metric, dimension: "target", period: day, window: 14 * day, value: value}
}

// clbMetric reads a public CLB metric; Cloud Monitor names a public CLB by its VIP.
func clbMetric(key, metric string) metricSpec {
	return metricSpec{key: key, subject: "clb.load_balancer", namespace: "QCE/LB_PUBLIC", metric: metric, dimension: "vip", period: day, window: 14 * day, value: clbVIP}
}

// clbVIP returns a load balancer's first VIP; a private or VIP-less one has no public metrics.
func clbVIP(r inventory.Resource) (string, bool) {
	var lb struct {
		LoadBalancerType string
		LoadBalancerVips []string
	}
	if json.Unmarshal(r.Data, &lb) != nil || lb.LoadBalancerType == "INTERNAL" || len(lb.LoadBalancerVips) == 0 {
		return "", false
	}
	return lb.LoadBalancerVips[0], true
}

func monitorSubjectTypes() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range metricSpecs {
		if !seen[s.subject] {
			seen[s.subject] = true
			out = append(out, s.subject)
		}
	}
	sort.Strings(out)
	return out
}

// metricData is a monitor.metric resource's data: the API's DataPoint (only the points inside
// the asked window) plus what it measures.
type metricData struct {
	*monitor.DataPoint
	Namespace  string
	MetricName string
	// Period is the answer's period in seconds: one value per period.
	Period uint64
	// Subject is the id of the inventory resource the series is about (the dimension may
	// name something else: a CLB's VIP, a MongoDB replica set).
	Subject string
	// DailyMeans, for the keys read hourly for their averages, are each China Standard Time
	// day's mean of the values, oldest first, null for a day without values; DailyCounts are
	// how many values each mean is of.
	DailyMeans  []*float64
	DailyCounts []int
}

// monitorSubject is one subject of a metric: its inventory id and its dimension value.
type monitorSubject struct{ id, value string }

func collectMonitor(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, monitor.NewClient)
	if err != nil {
		return nil, err
	}
	end := time.Now()
	var out []inventory.Resource
	var counts []inventory.MetricCoverage
	for _, spec := range metricSpecs {
		var subjects []monitorSubject
		for _, r := range c.Subjects {
			if r.Type != spec.subject {
				continue
			}
			v, ok := r.ID, true
			if spec.value != nil {
				v, ok = spec.value(r)
			}
			if ok {
				subjects = append(subjects, monitorSubject{r.ID, v})
			}
		}
		if len(subjects) == 0 {
			continue
		}
		points := int(spec.window / spec.period)
		batch := max(1, min(monitorMaxInstances, monitorMaxPoints/max(points, 1)))
		withData := 0
		for start := 0; start < len(subjects); start += batch {
			group := subjects[start:min(start+batch, len(subjects))]
			series := metricSeries(ctx, c, cl, spec, group, end)
			for _, s := range group {
				data, ok := series[s.value]
				if !ok {
					continue // no series: rules that read this key report the subject unknown
				}
				withData++
				data.Subject = s.id
				out = append(out, c.resource("monitor.metric", spec.key+"/"+s.id, spec.key, "", nil, data))
			}
		}
		counts = append(counts, inventory.MetricCoverage{Key: spec.key, Subjects: len(subjects), WithData: withData})
	}
	c.recordMetricCoverage(counts)
	return out, ctx.Err()
}

// metricSeries reads one metric for up to a batch of subjects and returns the series that hold
// data, by dimension value. A failed call is a coverage failure and returns none.
func metricSeries(ctx context.Context, c *Client, cl *monitor.Client, spec metricSpec, group []monitorSubject, end time.Time) map[string]*metricData {
	start := end.Add(-spec.window)
	period := uint64(spec.period / time.Second)
	req := monitor.NewGetMonitorDataRequest()
	req.Namespace, req.MetricName = common.StringPtr(spec.namespace), common.StringPtr(spec.metric)
	req.Period = common.Uint64Ptr(period)
	req.StartTime = common.StringPtr(start.Format(time.RFC3339))
	req.EndTime = common.StringPtr(end.Format(time.RFC3339))
	want := map[string]map[string]string{} // dimension value → every dimension asked
	for _, s := range group {
		asked := map[string]string{spec.dimension: s.value}
		dims := []*monitor.Dimension{{Name: common.StringPtr(spec.dimension), Value: common.StringPtr(s.value)}}
		for _, k := range sortedKeys(spec.extra) {
			asked[k] = spec.extra[k]
			dims = append(dims, &monitor.Dimension{Name: common.StringPtr(k), Value: common.StringPtr(spec.extra[k])})
		}
		want[s.value] = asked
		req.Instances = append(req.Instances, &monitor.Instance{Dimensions: dims})
	}
	resp, err := call(ctx, c, "monitor:GetMonitorData", func(ctx context.Context) (*monitor.GetMonitorDataResponse, error) {
		return cl.GetMonitorDataWithContext(ctx, req)
	})
	c.record("monitor:GetMonitorData", []string{"monitor.metric"}, err)
	if err != nil {
		return nil // the coverage record makes every metric rule unknown here
	}
	out := map[string]*metricData{}
	for v, p := range checkSeries(resp.Response, spec.dimension, want, period, start, end) {
		d := &metricData{DataPoint: p, Namespace: spec.namespace, MetricName: spec.metric, Period: period}
		if spec.daily {
			d.DailyMeans, d.DailyCounts = dailyMeans(p, start, end)
		}
		out[v] = d
	}
	return out
}

// checkSeries keeps the data points of an answer that are about the asked subjects and hold
// data, by the subject's dimension value: every asked dimension matches (series of other
// subjects or other dimensions are dropped); the answer's Period is the asked one (else the
// whole answer is dropped: its values would mean something else); points stamped before
// start − period (the period that holds start) or after end are dropped; a series left with no
// value is dropped. The first series of a subject wins.
func checkSeries(resp *monitor.GetMonitorDataResponseParams, dimension string, want map[string]map[string]string, period uint64, start, end time.Time) map[string]*monitor.DataPoint {
	if resp == nil || resp.Period == nil || *resp.Period != period {
		return nil
	}
	lo, hi := float64(start.Unix()-int64(period)), float64(end.Unix())
	out := map[string]*monitor.DataPoint{}
	for _, p := range resp.DataPoints {
		if p == nil || len(p.Timestamps) != len(p.Values) {
			continue
		}
		v := dimensionValue(p, dimension)
		asked, ok := want[v]
		if _, seen := out[v]; !ok || seen || !sameDimensions(p, asked) {
			continue
		}
		kept := &monitor.DataPoint{Dimensions: p.Dimensions, Timestamps: []*float64{}, Values: []*float64{}}
		aligned := func(s []*float64) bool { return len(s) == len(p.Values) }
		keepMax, keepMin, keepAvg := aligned(p.MaxValues), aligned(p.MinValues), aligned(p.AvgValues)
		hasValue := false
		for i, ts := range p.Timestamps {
			if ts == nil || *ts < lo || *ts > hi {
				continue
			}
			kept.Timestamps = append(kept.Timestamps, ts)
			kept.Values = append(kept.Values, p.Values[i])
			hasValue = hasValue || p.Values[i] != nil
			if keepMax {
				kept.MaxValues = append(kept.MaxValues, p.MaxValues[i])
			}
			if keepMin {
				kept.MinValues = append(kept.MinValues, p.MinValues[i])
			}
			if keepAvg {
				kept.AvgValues = append(kept.AvgValues, p.AvgValues[i])
			}
		}
		if hasValue {
			out[v] = kept
		}
	}
	return out
}

// sameDimensions reports whether a data point names exactly the asked dimensions.
func sameDimensions(p *monitor.DataPoint, asked map[string]string) bool {
	if len(p.Dimensions) != len(asked) {
		return false
	}
	for _, d := range p.Dimensions {
		if d == nil {
			return false
		}
		if v, ok := asked[str(d.Name)]; !ok || v != str(d.Value) {
			return false
		}
	}
	return true
}

// cstOffset is China Standard Time's offset from UTC in seconds: Cloud Monitor's days run from
// local midnight.
const cstOffset = 8 * 3600

// dailyMeans averages a series' values per China Standard Time day of [start, end], oldest day
// first; a day without values has a null mean and a count of 0.
func dailyMeans(p *monitor.DataPoint, start, end time.Time) ([]*float64, []int) {
	dayOf := func(unix int64) int64 { return (unix + cstOffset) / 86400 }
	first, last := dayOf(start.Unix()), dayOf(end.Unix())
	n := int(last-first) + 1
	sums, counts := make([]float64, n), make([]int, n)
	for i, ts := range p.Timestamps {
		if ts == nil || p.Values[i] == nil {
			continue
		}
		d := int(dayOf(int64(*ts)) - first)
		if d < 0 || d >= n {
			continue
		}
		sums[d] += *p.Values[i]
		counts[d]++
	}
	means := make([]*float64, n)
	for d := range means {
		if counts[d] > 0 {
			m := sums[d] / float64(counts[d])
			means[d] = &m
		}
	}
	return means, counts
}

// recordMetricCoverage puts the per-key subject counts on the coverage record of
// monitor:GetMonitorData (there is none when no call was made).
func (c *Client) recordMetricCoverage(counts []inventory.MetricCoverage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if rec, ok := c.coverage["monitor:GetMonitorData"]; ok {
		rec.Metrics = counts
	}
}

// dimensionValue returns the value of the named dimension of a data point; the API may list the
// dimensions in another order than the request.
func dimensionValue(p *monitor.DataPoint, name string) string {
	if p == nil {
		return ""
	}
	for _, d := range p.Dimensions {
		if d != nil && str(d.Name) == name {
			return str(d.Value)
		}
	}
	return ""
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
