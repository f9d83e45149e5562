package collectors

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	cos "github.com/tencentyun/cos-go-sdk-v5"
	"golang.org/x/sync/errgroup"

	"github.com/tsa-scanner/tsa/inventory"
)

// cosCollector reads COS buckets: the bucket list once per account, then each bucket's access,
// protection and cost configuration from the bucket's own region.
var cosCollector = Collector{
	Product: "cos",
	Service: "cos",
	Global:  true,
	Actions: cosActions(),
	Collect: collectCOS,
}

// cosBucketRead is one per-bucket configuration read, stored under related[key].
type cosBucketRead struct {
	key, action string
	// none is the error COS answers when the bucket simply has no such configuration; the
	// related value is then null, which is a fact about the bucket, not a gap.
	none string
	// root is the XML document COS answers ("" for the JSON bucket policy).
	root string
	read func(ctx context.Context, cl *cos.Client) (json.RawMessage, error)
}

var cosBucketReads = []cosBucketRead{
	{key: "acl", root: "AccessControlPolicy", action: "GetBucketACL", read: func(ctx context.Context, cl *cos.Client) (json.RawMessage, error) {
		r, _, err := cl.Bucket.GetACL(ctx)
		return cosJSON(r), err
	}},
	{key: "policy", action: "GetBucketPolicy", none: "NoSuchBucketPolicy", read: func(ctx context.Context, cl *cos.Client) (json.RawMessage, error) {
		// The policy is a JSON document, kept as the SDK decodes it.
		r, _, err := cl.Bucket.GetPolicy(ctx)
		return mustJSON(r), err
	}},
	{key: "versioning", root: "VersioningConfiguration", action: "GetBucketVersioning", read: func(ctx context.Context, cl *cos.Client) (json.RawMessage, error) {
		r, _, err := cl.Bucket.GetVersioning(ctx)
		return cosJSON(r), err
	}},
	{key: "referer", root: "RefererConfiguration", action: "GetBucketReferer", none: "NoSuchRefererConfiguration", read: func(ctx context.Context, cl *cos.Client) (json.RawMessage, error) {
		r, _, err := cl.Bucket.GetReferer(ctx)
		return cosJSON(r), err
	}},
	{key: "logging", root: "BucketLoggingStatus", action: "GetBucketLogging", read: func(ctx context.Context, cl *cos.Client) (json.RawMessage, error) {
		r, _, err := cl.Bucket.GetLogging(ctx)
		return cosJSON(r), err
	}},
	{key: "lifecycle", root: "LifecycleConfiguration", action: "GetBucketLifecycle", none: "NoSuchLifecycleConfiguration", read: func(ctx context.Context, cl *cos.Client) (json.RawMessage, error) {
		r, _, err := cl.Bucket.GetLifecycle(ctx)
		return cosJSON(r), err
	}},
	{key: "cors", root: "CORSConfiguration", action: "GetBucketCORS", none: "NoSuchCORSConfiguration", read: func(ctx context.Context, cl *cos.Client) (json.RawMessage, error) {
		r, _, err := cl.Bucket.GetCORS(ctx)
		return cosJSON(r), err
	}},
}

// cosActions are COS's CAM action names for everything the collector calls.
func cosActions() []string {
	out := []string{"GetService"}
	for _, r := range cosBucketReads {
		out = append(out, r.action)
	}
	return out
}

const (
	// cosListPage is GET Service's largest page (max-keys).
	cosListPage = 2000
	// cosWorkers bounds the reads in flight at once; the rate limiter still paces each action.
	cosWorkers = 8
	// cosSignatureLife is how long a request signature stays valid.
	cosSignatureLife = 15 * time.Minute
)

func collectCOS(ctx context.Context, c *Client) ([]inventory.Resource, error) {
	buckets, err := listBuckets(ctx, c, cosListPage)
	if err != nil {
		return nil, ctx.Err() // recorded as the coverage of cos:GetService
	}
	// Every bucket × read is one job: a slow or failing bucket does not hold up the others, and
	// the rate limiter, not the order of the loop, paces each action.
	type outcome struct {
		value json.RawMessage
		err   error
	}
	outcomes := make([][]outcome, len(buckets))
	var g errgroup.Group
	g.SetLimit(cosWorkers)
	for i, b := range buckets {
		outcomes[i] = make([]outcome, len(cosBucketReads))
		cl := newCOS(c, b.Name, b.Region)
		for j, read := range cosBucketReads {
			g.Go(func() error {
				v, err := readBucketConfig(ctx, c, cl, read)
				outcomes[i][j] = outcome{v, err}
				return nil
			})
		}
	}
	_ = g.Wait()
	// A cancelled scan keeps every bucket: a read that did not happen is a gap like any other.
	out := make([]inventory.Resource, len(buckets))
	for i, b := range buckets {
		r := c.resource("cos.bucket", b.Name, b.Name, "", nil, cosJSON(b))
		r.Region = b.Region
		r.Related = map[string]json.RawMessage{}
		for j, read := range cosBucketReads {
			if o := outcomes[i][j]; o.err != nil {
				addGap(&r, "cos:"+read.action, read.key, ErrorCode(o.err))
			} else {
				r.Related[read.key] = o.value
			}
		}
		out[i] = r
	}
	return out, ctx.Err()
}

// listBuckets reads every page of GET Service and records its coverage.
func listBuckets(ctx context.Context, c *Client, pageSize int) ([]cos.Bucket, error) {
	cl := newCOS(c, "", "")
	var all []cos.Bucket
	for marker := ""; ; {
		res, err := cosCall(ctx, c, "GetService", func(ctx context.Context) (*cos.ServiceGetResult, error) {
			r, _, err := cl.Service.Get(ctx, &cos.ServiceGetOptions{Marker: marker, MaxKeys: int64(pageSize)})
			return r, err
		})
		if err != nil {
			c.record("cos:GetService", []string{"cos.bucket"}, err)
			return nil, err
		}
		all = append(all, res.Buckets...)
		next := res.NextMarker
		if next == "" && len(res.Buckets) > 0 {
			next = res.Buckets[len(res.Buckets)-1].Name
		}
		if !res.IsTruncated || next == "" || next == marker {
			break
		}
		marker = next
	}
	c.record("cos:GetService", []string{"cos.bucket"}, nil)
	return all, nil
}

// readBucketConfig makes one configuration read of a bucket and records its coverage. "The bucket
// has none" is the JSON null; any other failure is returned, to become a gap.
func readBucketConfig(ctx context.Context, c *Client, cl *cos.Client, read cosBucketRead) (json.RawMessage, error) {
	value, err := cosCall(ctx, c, read.action, func(ctx context.Context) (json.RawMessage, error) {
		v, err := read.read(ctx, cl)
		if e, ok := cos.IsCOSError(err); ok && read.none != "" && e.Code == read.none {
			return json.RawMessage("null"), nil
		}
		return v, err
	})
	c.record("cos:"+read.action, nil, err)
	return value, err
}

// newCOS builds a COS SDK client for the service endpoint (bucket "") or one bucket. With an
// endpoint override every request goes to that host, while the Host header keeps naming the COS
// endpoint (service.cos.myqcloud.com, <bucket>.cos.<region>.myqcloud.com), as the SDK's Host
// setting does: the request is signed over the real host and the emulator learns the bucket and
// region from it exactly as COS does.
func newCOS(c *Client, bucket, region string) *cos.Client {
	host := "service.cos.myqcloud.com"
	if bucket != "" {
		host = bucket + ".cos." + region + ".myqcloud.com"
	}
	base := &url.URL{Scheme: "https", Host: host}
	if ep := c.caller.settings.Endpoint; ep != "" {
		scheme, epHost, _ := splitEndpoint(ep) // checked by NewCaller
		base, _ = url.Parse(strings.ToLower(scheme) + "://" + epHost)
	}
	cl := cos.NewClient(&cos.BaseURL{BucketURL: base, ServiceURL: base},
		&http.Client{Transport: cosSigner{cred: c.cred, next: c.caller.transport}})
	cl.Host = host
	cl.Conf.RetryOpt.Count = 1 // tsa retries itself, honouring cancellation and the rate limiter
	return cl
}

// cosSigner signs COS requests with the SDK's signer, reading the credential's id, key and token
// together, so temporary credentials refreshed meanwhile are never mixed. It sits in front of
// tsa's guarded transport, which sees the signed request, and checks that a successful read
// answered the document asked for: cos-go-sdk-v5 reads a 200 answer that holds no XML element
// (a proxy's page, an empty body) as an empty result, which would make "no buckets" of an error.
type cosSigner struct {
	cred common.CredentialIface
	next http.RoundTripper
}

func (s cosSigner) RoundTrip(r *http.Request) (*http.Response, error) {
	id, key, token := s.cred.GetCredential()
	r = r.Clone(r.Context())
	cos.AddAuthorizationHeader(id, key, token, r, cos.NewAuthTime(cosSignatureLife))
	resp, err := s.next.RoundTrip(r)
	if err != nil || r.Method != http.MethodGet || resp.StatusCode/100 != 2 {
		return resp, err
	}
	action, _ := cosRequestAction(r)
	body, err := io.ReadAll(resp.Body) // bounded by the transport's cap
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if err := checkCOSAnswer(strings.TrimPrefix(action, "cos:"), resp.Header.Get("Content-Type"), body); err != nil {
		return nil, noted(r.Context(), err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// cosRoots are the XML documents COS answers to the reads tsa makes.
var cosRoots = func() map[string]string {
	m := map[string]string{"GetService": "ListAllMyBucketsResult"}
	for _, r := range cosBucketReads {
		m[r.action] = r.root
	}
	return m
}()

// checkCOSAnswer checks that a 200 answer to a COS read is the document asked for: a JSON
// bucket policy (an object with a Statement), or an XML document with the expected root element.
func checkCOSAnswer(action, contentType string, body []byte) error {
	root, known := cosRoots[action]
	if !known {
		return nil
	}
	notXML := func(what string) error {
		return &tsaError{code: CodeNotXML, message: fmt.Sprintf("COS answered %s HTTP 200 with %s (Content-Type %.40q, %d bytes), "+
			"not the document asked for: a proxy or an error page?", action, what, contentType, len(body))}
	}
	if root == "" {
		var policy struct{ Statement json.RawMessage }
		if json.Unmarshal(body, &policy) != nil || policy.Statement == nil {
			return notXML("a body that is not a JSON bucket policy")
		}
		return nil
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if err != nil {
			return notXML("a body that is not XML")
		}
		if el, ok := tok.(xml.StartElement); ok {
			if el.Name.Local != root {
				return notXML(fmt.Sprintf("an XML document <%.40s>", el.Name.Local))
			}
			return nil
		}
	}
}

// cosCall sends one COS request through the client layer (read-only check, rate limit, retries,
// accounting), with COS's errors turned into the coded errors the layer classifies.
func cosCall[T any](ctx context.Context, c *Client, action string, send func(context.Context) (T, error)) (T, error) {
	return call(ctx, c, "cos:"+action, func(ctx context.Context) (T, error) {
		v, err := send(ctx)
		return v, cosError(err)
	})
}

// cosError gives a COS failure the code COS answered (AccessDenied, NoSuchBucketPolicy, …), or
// ClientError.NetworkError when no answer came, as the API 3.0 SDK does.
func cosError(err error) error {
	if err == nil {
		return nil
	}
	var retryErr *cos.RetryError // the SDK wraps failures that are not COS answers
	if errors.As(err, &retryErr) && len(retryErr.Errs) > 0 {
		err = retryErr.Errs[len(retryErr.Errs)-1]
	}
	if e, ok := cos.IsCOSError(err); ok {
		if e.Code == "" { // not COS's XML error: a gateway's page
			status := "an error"
			if e.Response != nil {
				status = e.Response.Status
			}
			return tcerr.NewTencentCloudSDKError("ClientError.HttpStatusCodeError", "the endpoint answered HTTP "+status, e.RequestID)
		}
		return tcerr.NewTencentCloudSDKError(e.Code, e.Message, e.RequestID)
	}
	if errors.Is(err, ErrNotReadOnly) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return tcerr.NewTencentCloudSDKError("ClientError.NetworkError", err.Error(), "")
}

// cosRequestAction names a COS request's CAM action from its method, host and sub-resource
// (GetService, GetBucketACL, PutBucketACL, GetObject, …), so the guard can check it against the
// declared actions; read is true only for GET and HEAD.
func cosRequestAction(r *http.Request) (action string, read bool) {
	verb := strings.ToUpper(r.Method[:1]) + strings.ToLower(r.Method[1:])
	read = r.Method == http.MethodGet || r.Method == http.MethodHead
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	switch {
	case strings.HasPrefix(host, "service.cos."):
		return "cos:" + verb + "Service", read
	case r.URL.Path != "/" && r.URL.Path != "":
		return "cos:" + verb + "Object", read
	}
	q := r.URL.Query()
	subs := make([]string, 0, len(q))
	for k := range q {
		subs = append(subs, k)
	}
	sort.Strings(subs)
	for _, k := range subs {
		if name, ok := cosSubresourceNames[k]; ok {
			return "cos:" + verb + "Bucket" + name, read
		}
	}
	if len(subs) > 0 {
		return "cos:" + verb + "Bucket?" + subs[0], read // a sub-resource tsa never declares
	}
	return "cos:" + verb + "Bucket", read
}

// cosSubresourceNames maps the bucket sub-resources tsa reads to their CAM action suffix.
var cosSubresourceNames = map[string]string{
	"acl": "ACL", "policy": "Policy", "versioning": "Versioning", "referer": "Referer",
	"logging": "Logging", "lifecycle": "Lifecycle", "cors": "CORS",
}

// isCOSRequest reports whether a request carries a COS signature rather than an API 3.0 one.
func isCOSRequest(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Authorization"), "q-sign-algorithm=")
}

// cosJSON turns a COS SDK result into JSON keyed by COS's XML element names (the SDK's xml tags),
// so a rule author reads the COS API reference: a nested element path (a>b) nests objects, a
// repeated element is always an array ([] when there is none), an attribute keeps its name, and
// an element the SDK marks omitempty is left out when empty, as COS leaves it out.
func cosJSON(v any) json.RawMessage {
	return mustJSON(xmlShape(reflect.ValueOf(v)))
}

var (
	xmlNameType = reflect.TypeOf(xml.Name{})
	xmlAttrType = reflect.TypeOf(xml.Attr{})
)

func xmlShape(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return xmlShape(v.Elem())
	case reflect.Slice:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = xmlShape(v.Index(i))
		}
		return out
	case reflect.Struct:
		out := map[string]any{}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f, fv := t.Field(i), v.Field(i)
			tag := f.Tag.Get("xml")
			if !f.IsExported() || tag == "-" || f.Type == xmlNameType || f.Type == xmlAttrType {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if name == "" {
				name = f.Name
			}
			if fv.Kind() != reflect.Slice && (fv.Kind() == reflect.Pointer && fv.IsNil() ||
				strings.Contains(opts, "omitempty") && fv.IsZero()) {
				continue
			}
			path := strings.Split(name, ">")
			m := out
			for _, p := range path[:len(path)-1] {
				child, ok := m[p].(map[string]any)
				if !ok {
					child = map[string]any{}
					m[p] = child
				}
				m = child
			}
			m[path[len(path)-1]] = xmlShape(fv)
		}
		return out
	}
	return v.Interface()
}
