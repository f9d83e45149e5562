package tickets

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tsa-scanner/tsa/support"
)

// Robot posts a markdown message per new (or reopened) high-severity ticket to a WeCom, Feishu
// or DingTalk group robot, in the format each documents:
//   - WeCom: POST {"msgtype":"markdown","markdown":{"content":…}} to the robot URL (it holds
//     the key); the answer is {"errcode":0,…}.
//   - Feishu: POST {"msg_type":"interactive","card":{…}}, with "timestamp" (seconds) and
//     "sign" (base64 of an HMAC-SHA256 keyed with timestamp+"\n"+secret over nothing) when
//     signing is on; the answer is {"code":0,…}.
//   - DingTalk: POST {"msgtype":"markdown","markdown":{"title":…,"text":…}}, with timestamp
//     (milliseconds) and sign (base64 of an HMAC-SHA256 keyed with the secret over
//     timestamp+"\n"+secret) added to the URL when signing is on; the answer is {"errcode":0,…}.
type Robot struct {
	kind   string
	url    string // a secret: it holds the robot's key
	secret string // the signing secret; empty when signing is off
	poster
	last time.Time // when the last message went out, to keep under the robots' rate limits
}

// robotPace spaces a robot's messages: WeCom and DingTalk robots take 20 messages a minute.
const robotPace = 3 * time.Second

// NewRobot returns a robot sink of kind wecom, feishu or dingtalk.
func NewRobot(kind, robotURL, secret string, retries int, client *http.Client, clock Clock) (*Robot, error) {
	u, err := url.Parse(robotURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("%s robot: the URL is not an http(s) URL", kind) // never the URL: it holds the key
	}
	switch kind {
	case "wecom", "feishu", "dingtalk":
	default:
		return nil, fmt.Errorf("unknown robot kind %q", kind)
	}
	return &Robot{kind: kind, url: robotURL, secret: secret, poster: poster{client: client, clock: clock, retries: retries}}, nil
}

// Name names the sink in the ledger.
func (r *Robot) Name() string { return r.kind }

// Deliver sends the message of a new or reopened high ticket and skips everything else.
func (r *Robot) Deliver(ctx context.Context, c Change) Outcome {
	if c.Ticket.Severity != "high" || (c.Event.Kind != EventOpened && c.Event.Kind != EventReopened) {
		return Outcome{Skipped: true}
	}
	if wait := r.last.Add(robotPace).Sub(r.clock.Now()); !r.last.IsZero() && wait > 0 {
		if err := r.clock.Sleep(ctx, wait); err != nil {
			return Outcome{Err: fmt.Errorf("not sent: %w", err)}
		}
	}
	defer func() { r.last = r.clock.Now() }()
	title, text := robotMessage(c)
	var payload []byte
	attempts, err := r.post(ctx, func(now time.Time) (*http.Request, error) {
		target, body, err := r.request(now, title, text)
		payload = body
		if err != nil {
			return nil, err
		}
		return jsonRequest(target, body, nil)
	}, r.check)
	return Outcome{Attempts: attempts, Err: err, Payload: payload}
}

// request builds the URL and body of one attempt, signed at now.
func (r *Robot) request(now time.Time, title, text string) (string, []byte, error) {
	switch r.kind {
	case "wecom":
		body, err := json.Marshal(map[string]any{"msgtype": "markdown", "markdown": map[string]string{"content": text}})
		return r.url, body, err
	case "feishu":
		msg := map[string]any{"msg_type": "interactive", "card": map[string]any{
			"header":   map[string]any{"title": map[string]string{"tag": "plain_text", "content": title}, "template": "red"},
			"elements": []any{map[string]string{"tag": "markdown", "content": text}},
		}}
		if r.secret != "" {
			ts := unixSeconds(now)
			msg["timestamp"], msg["sign"] = ts, robotSign(ts+"\n"+r.secret, "")
		}
		body, err := json.Marshal(msg)
		return r.url, body, err
	default: // dingtalk
		body, err := json.Marshal(map[string]any{"msgtype": "markdown", "markdown": map[string]string{"title": title, "text": text}})
		target := r.url
		if r.secret != "" {
			ts := strconv.FormatInt(now.UnixMilli(), 10)
			sep := "?"
			if strings.Contains(target, "?") {
				sep = "&"
			}
			target += sep + "timestamp=" + ts + "&sign=" + url.QueryEscape(robotSign(r.secret, ts+"\n"+r.secret))
		}
		return target, body, err
	}
}

// robotSign is base64(HMAC-SHA256(key, msg)), the signature both Feishu and DingTalk use with
// different keys and messages.
func robotSign(key, msg string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(msg))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// check reads the robot's answer: a 200 with a non-zero code is a refusal (bad key, bad
// signature, bad message) that retrying does not fix.
func (r *Robot) check(_ int, body []byte) error {
	var answer struct {
		ErrCode *int   `json:"errcode"`
		ErrMsg  string `json:"errmsg"`
		Code    *int   `json:"code"`
		Msg     string `json:"msg"`
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		return fmt.Errorf("%w: the %s robot answered something that is not JSON", errPermanent, r.kind)
	}
	code, msg := answer.ErrCode, answer.ErrMsg
	if r.kind == "feishu" {
		code, msg = answer.Code, answer.Msg
	}
	if code == nil {
		return fmt.Errorf("%w: the %s robot's answer has no result code", errPermanent, r.kind)
	}
	if *code != 0 {
		return fmt.Errorf("%w: the %s robot refused the message: code %d: %s", errPermanent, r.kind, *code, clean(msg, 200))
	}
	return nil
}

// robotMessage is the title and markdown of a chat message about a ticket.
func robotMessage(c Change) (string, string) {
	t := c.Ticket
	title := fmt.Sprintf("tsa: HIGH %s %s", t.RuleID, clean(t.Title, 80))
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n", title)
	verb := "New ticket"
	if c.Event.Kind == EventReopened {
		verb = "Reopened ticket"
	}
	fmt.Fprintf(&b, "> %s #%d · account %s · %d resource(s)\n\n", verb, t.ID, t.Account, len(t.Items))
	for i, it := range t.Items {
		if i == 5 {
			fmt.Fprintf(&b, "- and %d more\n", len(t.Items)-i)
			break
		}
		fmt.Fprintf(&b, "- `%s` %s: %s\n", clean(it.ResourceID, 80), it.Region, clean(it.Message, 160))
	}
	fmt.Fprintf(&b, "\nGrade: %s, first response < %s on the %s plan.", t.Grade.Name, support.FormatResponse(t.Grade.Response), t.Plan)
	if t.Grade.Faster != "" {
		fmt.Fprintf(&b, " %s.", t.Grade.Faster)
	}
	fmt.Fprintf(&b, "\nDraft: tsa tickets show %d --draft\n", t.ID)
	return title, b.String()
}
