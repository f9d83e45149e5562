package collectors

import (
	"context"
	"encoding/json"
	"fmt"
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
}

var metricSpecs = []metricSpec{
	cvmMetric("cvm_cpu", "CpuUsage", day),
	cvmMetric("cvm_mem", "MemUsage", day),
	// CvmDiskUsage offers 60 s and 300 s only: the last day at 300 s.
	{key: "cvm_disk", subject: "cvm.instance", namespace: "QCE/CVM", metric: "CvmDiskUsage", dimension: "InstanceId",
		period: 5 * time.Minute, window: day},
	cvmMetric("cvm_wan_out", "WanOuttraffic", day),
	cvmMetric("cvm_lan_out", "LanOuttraffic", day),
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

// metricData is a monitor.metric resource's data: the API's DataPoint plus what it measures.
type metricData struct {
	*monitor.DataPoint
	Namespace  string
	MetricName string
	Period     uint64
	// Subject is the id of the inventory resource the series is about (the dimension may
	// name something else: a CLB's VIP, a MongoDB replica set).
	Subject string
}

func collectMonitor(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	cl, err := newSDK(c, monitor.NewClient)
	if err != nil {
		return nil, err
	}
	end := time.Now()
	var out []inventory.Resource
	for _, spec := range metricSpecs {
		type subject struct{ id, value string }
		var subjects []subject
		for _, r := range c.Subjects {
			if r.Type != spec.subject {
				continue
			}
			v, ok := r.ID, true
			if spec.value != nil {
				v, ok = spec.value(r)
			}
			if ok {
				subjects = append(subjects, subject{r.ID, v})
			}
		}
		points := int(spec.window / spec.period)
		batch := max(1, min(monitorMaxInstances, monitorMaxPoints/max(points, 1)))
		for start := 0; start < len(subjects); start += batch {
			group := subjects[start:min(start+batch, len(subjects))]
			req := monitor.NewGetMonitorDataRequest()
			req.Namespace, req.MetricName = common.StringPtr(spec.namespace), common.StringPtr(spec.metric)
			req.Period = common.Uint64Ptr(uint64(spec.period / time.Second))
			req.StartTime = common.StringPtr(end.Add(-spec.window).Format(time.RFC3339))
			req.EndTime = common.StringPtr(end.Format(time.RFC3339))
			byValue := map[string]string{}
			for _, s := range group {
				byValue[s.value] = s.id
				dims := []*monitor.Dimension{{Name: common.StringPtr(spec.dimension), Value: common.StringPtr(s.value)}}
				for _, k := range sortedKeys(spec.extra) {
					dims = append(dims, &monitor.Dimension{Name: common.StringPtr(k), Value: common.StringPtr(spec.extra[k])})
				}
				req.Instances = append(req.Instances, &monitor.Instance{Dimensions: dims})
			}
			resp, err := call(ctx, c, "monitor:GetMonitorData", func(ctx context.Context) (*monitor.GetMonitorDataResponse, error) {
				return cl.GetMonitorDataWithContext(ctx, req)
			})
			c.record("monitor:GetMonitorData", []string{"monitor.metric"}, err)
			if err != nil {
				continue // the coverage record makes every metric rule unknown here
			}
			for _, p := range resp.Response.DataPoints {
				id, ok := byValue[dimensionValue(p, spec.dimension)]
				if !ok || p == nil || len(p.Values) == 0 {
					continue // a subject that reported nothing has no series, which is not a failure
				}
				data := metricData{DataPoint: p, Namespace: spec.namespace, MetricName: spec.metric,
					Period: uint64(spec.period / time.Second), Subject: id}
				out = append(out, c.resource("monitor.metric", fmt.Sprintf("%s/%s/%s", spec.namespace, spec.metric, id), spec.key, "", nil, data))
			}
		}
	}
	return out, nil
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
