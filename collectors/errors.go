package collectors

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
)

// MaxMessageLen bounds an error message tsa keeps (console, findings.json, the store), in
// bytes: messages come from the cloud, and an answer can be megabytes long.
const MaxMessageLen = 300

// The codes tsa gives failures it detects itself.
const (
	CodeInterrupted = "TSA.Interrupted"    // the scan was stopped (SIGINT/SIGTERM) before or during the call
	CodeTimeout     = "TSA.Timeout"        // the call took longer than the per-call timeout
	CodeTooLarge    = "TSA.TooLarge"       // the answer was larger than Settings.MaxBody
	CodeTooDeep     = "TSA.TooDeep"        // the answer nested deeper than MaxJSONDepth
	CodeRedirect    = "TSA.Redirect"       // the endpoint answered with a redirect, which tsa never follows
	CodeNotXML      = "TSA.NotXML"         // COS answered 200 with something that is not the XML document asked for
	CodeIncomplete  = "TSA.Incomplete"     // a list did not end within Settings.MaxPages or stopped making progress
	CodeClockSkew   = "TSA.ClockSkew"      // this machine's clock disagrees with the API's
	CodeRegions     = "TSA.TooManyRegions" // region discovery found more than Settings.MaxRegions
	CodeRegionName  = "TSA.InvalidRegion"  // region discovery found a name that is not a region's
	CodeNotReadOnly = "TSA.NotReadOnly"    // the read-only guard refused the action
)

// ErrNotReadOnly is returned for any action that is not on the declared read-only list.
var ErrNotReadOnly = errors.New("refused by tsa's read-only guard: the action is not a declared read-only action")

// ErrClockSkew marks a failure caused by this machine's clock, not by the credential.
var ErrClockSkew = errors.New("this machine's clock disagrees with Tencent Cloud's: check the system clock (NTP)")

// tsaError is a failure tsa detected itself, with its code and a short message.
type tsaError struct {
	code, message string
	wrapped       error
}

func (e *tsaError) Error() string { return e.message }
func (e *tsaError) Unwrap() error { return e.wrapped }

// CallError is a call that failed, as the client layer returns it: the action, the code, and a
// short message that never carries the answer's body.
type CallError struct {
	Action  string // service:Action
	Code    string
	Message string
	err     error
}

func (e *CallError) Error() string { return e.Action + ": " + e.Code + ": " + e.Message }

// Unwrap returns the error the SDK (or tsa) gave.
func (e *CallError) Unwrap() error { return e.err }

// callError wraps one failed call's error with its action, code and short message.
func callError(action string, err error) error {
	var ce *CallError
	if err == nil || errors.As(err, &ce) {
		return err
	}
	return &CallError{Action: action, Code: ErrorCode(err), Message: ErrorMessage(err), err: err}
}

// ErrorCode returns the API error code of err ("RequestLimitExceeded", "ClientError.NetworkError", …)
// or the TSA.* code of a failure tsa detected itself.
func ErrorCode(err error) string {
	var (
		ce     *CallError
		te     *tsaError
		sdkErr *tcerr.TencentCloudSDKError
	)
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ce):
		return ce.Code
	case errors.As(err, &te):
		return te.code
	case errors.Is(err, ErrNotReadOnly):
		return CodeNotReadOnly
	case errors.Is(err, context.Canceled):
		return CodeInterrupted
	case errors.Is(err, context.DeadlineExceeded):
		return CodeTimeout
	case errors.As(err, &sdkErr):
		return Printable(sdkErr.Code, 100) // the code comes from the answer too
	}
	return "TSA.Error"
}

// ErrorMessage returns a short, printable message for err: the API's own message, or what tsa
// made of a failure, never a response body; control characters are escaped and the length is
// capped at MaxMessageLen.
func ErrorMessage(err error) string {
	var (
		ce     *CallError
		te     *tsaError
		sdkErr *tcerr.TencentCloudSDKError
	)
	var msg string
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ce):
		return ce.Message
	case errors.As(err, &te):
		msg = te.message
	case errors.Is(err, context.Canceled):
		msg = "the scan was interrupted before this call completed"
	case errors.Is(err, context.DeadlineExceeded) && !errors.As(err, &sdkErr):
		msg = "the call timed out"
	case errors.As(err, &sdkErr):
		msg = sdkMessage(sdkErr)
	default:
		msg = err.Error()
	}
	return Printable(msg, MaxMessageLen)
}

// sdkMessage shortens the SDK's messages that embed the whole answer ("Fail to parse json
// content: <body>, because: <reason>", "…with body: <body>") to what went wrong.
func sdkMessage(e *tcerr.TencentCloudSDKError) string {
	switch e.Code {
	case "ClientError.ParseJsonError":
		if d := decodeMismatch(e); d != "" {
			return d
		}
		return "the answer is not the JSON the SDK expects: " + parseReason(e.Message)
	case "ClientError.NetworkError":
		if cause := errors.Unwrap(e); cause != nil {
			return "no answer: " + cause.Error()
		}
	case "ClientError.HttpStatusCodeError":
		if rest, ok := strings.CutPrefix(e.Message, "Request fail with http status code: "); ok {
			status, _, _ := strings.Cut(rest, ", with body:")
			return "the endpoint answered HTTP " + status
		}
	}
	return e.Message
}

// parseReason is the reason after the body in the SDK's "Fail to parse json content: <body>,
// because: <reason>" (the last one: the body may contain the same words).
func parseReason(msg string) string {
	if i := strings.LastIndex(msg, ", because: "); i >= 0 {
		return msg[i+len(", because: "):]
	}
	return msg
}

// jsonTypeError is encoding/json's message for a value whose JSON type differs from the Go
// model: "json: cannot unmarshal string into Go struct field T.Response.TotalCount of type int64".
var jsonTypeError = regexp.MustCompile(`^json: cannot unmarshal (\w+) into Go (?:struct field ([^ ]*)|value) of type (.+)$`)

// decodeMismatch describes a deterministic decode failure: a field whose JSON type differs from
// the SDK's model. The same answer fails the same way however often it is asked for, so such a
// call is not retried. "" for any other error.
func decodeMismatch(e *tcerr.TencentCloudSDKError) string {
	if e.Code != "ClientError.ParseJsonError" {
		return ""
	}
	m := jsonTypeError.FindStringSubmatch(parseReason(e.Message))
	if m == nil {
		return ""
	}
	field := strings.TrimPrefix(m[2], ".") // <SDK model type>.<field path>; no type for anonymous structs
	if field == "" {
		return fmt.Sprintf("the answer has a JSON %s where the SDK's model has %s", m[1], Printable(m[3], 60))
	}
	return fmt.Sprintf("the answer's field %s is a JSON %s where the SDK's model has %s", field, m[1], Printable(m[3], 60))
}

// Printable returns s with control characters and invalid UTF-8 escaped (so nothing from the
// cloud can move a terminal's cursor or start a new line), cut to at most max bytes at a
// character boundary, with "…" when cut.
func Printable(s string, max int) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var part string
		switch {
		case r == utf8.RuneError && size == 1:
			part = fmt.Sprintf(`\x%02x`, s[i])
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r):
			part = strings.Trim(fmt.Sprintf("%+q", r), `'`)
		default:
			part = s[i : i+size]
		}
		if b.Len()+len(part) > max {
			b.WriteString("…")
			break
		}
		b.WriteString(part)
		i += size
	}
	return b.String()
}

// IsPermission reports whether err says the caller lacks a CAM permission.
func IsPermission(err error) bool {
	code := ErrorCode(err)
	return code == "AuthFailure.UnauthorizedOperation" || strings.HasPrefix(code, "UnauthorizedOperation") ||
		strings.HasPrefix(code, "OperationDenied") || code == "AccessDenied" // COS
}

// IsCredential reports whether err says the credential itself is wrong: every call of the
// account will fail the same way. A signature refused for its time is the clock's fault, not
// the credential's (IsClockSkew).
func IsCredential(err error) bool {
	code := ErrorCode(err)
	return (strings.HasPrefix(code, "AuthFailure") && code != "AuthFailure.UnauthorizedOperation" && !IsClockSkew(err)) ||
		code == "ClientError.CredentialError"
}

// IsClockSkew reports whether err says this machine's clock is too far from the API's: the
// API 3.0 signature's timestamp (AuthFailure.SignatureExpire), COS's (RequestTimeTooSkewed), or
// temporary credentials that are expired by our clock as soon as they arrive.
func IsClockSkew(err error) bool {
	code := ErrorCode(err)
	return code == "AuthFailure.SignatureExpire" || code == "RequestTimeTooSkewed" || code == CodeClockSkew ||
		errors.Is(err, ErrClockSkew)
}

// IsThrottle reports whether err is the API's rate limit (RequestLimitExceeded or a sub-code,
// COS's SlowDown).
func IsThrottle(err error) bool {
	code := ErrorCode(err)
	return strings.HasPrefix(code, "RequestLimitExceeded") || code == "SlowDown"
}

// retryable reports whether another attempt may succeed: throttling, server and gateway
// failures, network errors, timeouts and bodies cut short. An answer that decodes but does not
// fit the SDK's model is not: the same answer fails the same way.
func retryable(err error) bool {
	var sdkErr *tcerr.TencentCloudSDKError
	if errors.As(err, &sdkErr) && decodeMismatch(sdkErr) != "" {
		return false
	}
	code := ErrorCode(err)
	switch {
	case strings.HasPrefix(code, "RequestLimitExceeded"), strings.HasPrefix(code, "InternalError"),
		code == "ClientError.NetworkError", code == "ClientError.HttpStatusCodeError",
		code == "ClientError.ParseJsonError", code == "ClientError.IOError",
		code == "ResourceUnavailable", code == CodeTimeout,
		code == "ServiceUnavailable", code == "SlowDown", // COS 503s
		code == CodeNotXML: // a transfer cut short, or a proxy's page that may pass
		return true
	}
	return false
}
