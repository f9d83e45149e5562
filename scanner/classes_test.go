package scanner

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tsa-scanner/tsa/collectors"
	"github.com/tsa-scanner/tsa/config"
	"github.com/tsa-scanner/tsa/fixtures"
	"github.com/tsa-scanner/tsa/result"
)

// TestAnswersTsaRefusesAreUnknownNeverPass: a decode mismatch, a COS answer that is not XML and a
// list whose TotalCount lies make every rule over what they hid unknown, naming the code, and
// never pass.
func TestAnswersTsaRefusesAreUnknownNeverPass(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, fault, product, typ, code string
	}{
		{"decode mismatch", "mistype=cvm:DescribeInstances", "cvm", "cvm.instance", "ClientError.ParseJsonError"},
		{"COS answer not XML", "cos-not-xml", "cos", "cos.bucket", collectors.CodeNotXML},
		{"TotalCount overstated", "total-count=1000000000", "cvm", "cvm.instance", collectors.CodeIncomplete},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := scanScenario(t, loadDemo(t), scanOptions{faults: []string{tt.fault}, products: []string{tt.product}, client: fastClient})
			if !s.res.Partial {
				t.Error("the scan is not marked partial")
			}
			unknown := 0
			for _, f := range s.res.Findings {
				if !contains(ruleTypes(s.res, f.RuleID), tt.typ) {
					continue
				}
				switch f.Status {
				case result.Pass:
					t.Errorf("%s passes %s %s with its data unread", f.RuleID, f.Region, f.ResourceID)
				case result.Unknown:
					unknown++
					if !strings.Contains(f.Message, tt.code) {
						t.Errorf("%s: unknown without the reason %s: %s", f.RuleID, tt.code, f.Message)
					}
				}
			}
			if unknown == 0 {
				t.Errorf("no rule over %s is unknown", tt.typ)
			}
		})
	}
}

// TestCredentialsExpiredOnArrivalStopTheScan: temporary credentials that are already expired by
// this machine's clock stop the scan with one error about the clock, which is not called a
// credential failure.
func TestCredentialsExpiredOnArrivalStopTheScan(t *testing.T) {
	t.Parallel()
	sc := loadDemo(t)
	for _, f := range []string{"token-lifetime=60s", "clock-skew=-2m"} {
		if err := sc.Faults.Set(f); err != nil {
			t.Fatal(err)
		}
	}
	emu, err := fixtures.Listen(sc, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	cfg, cred, err := sc.ScanConfig(emu.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Timeout = config.Duration(5 * time.Second)
	_, err = Collect(context.Background(), CollectOptions{Config: cfg, Credential: cred, Client: fastClient})
	if !errors.Is(err, collectors.ErrClockSkew) || errors.Is(err, ErrCredential) || !strings.Contains(err.Error(), collectors.CodeClockSkew) {
		t.Fatalf("got %v", err)
	}
	assumed := 0
	for _, c := range emu.Calls() {
		if c.Action == "AssumeRole" {
			assumed++
		}
	}
	if assumed != 1 {
		t.Errorf("AssumeRole sent %d times", assumed)
	}
}
