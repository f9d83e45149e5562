package inventory

import (
	"encoding/json"
	"testing"

	cvm "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cvm/v20170312"
	vpc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc/v20170312"
)

type inner struct {
	Values []*float64 `json:"Values,omitempty"`
	Shadow string     `json:"Name,omitempty"`
}

type outer struct {
	*inner
	Name   string
	Count  int    `json:"Count,omitempty"`
	Skip   string `json:"-"`
	hidden string
	Raw    json.RawMessage `json:"Raw,omitempty"`
}

func TestMarshal(t *testing.T) {
	t.Parallel()
	empty := ""
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"null list omitted", &vpc.SecurityGroup{SecurityGroupId: &empty}, `{"SecurityGroupId":""}`},
		{"empty list kept", &vpc.SecurityGroup{TagSet: []*vpc.Tag{}}, `{"TagSet":[]}`},
		{"empty string kept", &vpc.Subnet{CdcId: &empty}, `{"CdcId":""}`},
		{"nil top-level", (*vpc.Vpc)(nil), `null`},
		{"nil inside a list", []*vpc.Tag{nil}, `[null]`},
		{"empty map kept, keys sorted", map[string]any{"b": []int{}, "a": map[string]int{}, "c": nil}, `{"a":{},"b":[],"c":null}`},
		{"embedded promoted, outer wins a name, omitempty scalar dropped, json.RawMessage kept",
			outer{inner: &inner{Values: []*float64{}, Shadow: "x"}, Name: "n", Skip: "s", hidden: "h", Raw: json.RawMessage(`{"k":1}`)},
			`{"Values":[],"Name":"n","Raw":{"k":1}}`},
		{"nil embedded pointer skipped", outer{Name: "n"}, `{"Name":"n"}`},
		{"strings escaped as encoding/json escapes them", []any{"订单-prod", "a\"b\\c\n<&>", "\u2028"}, `["订单-prod","a\"b\\c\n\u003c\u0026\u003e","\u2028"]`},
		{"numbers and booleans", []any{int64(-3), uint64(7), 1.5, 1e21, true}, `[-3,7,1.5,1e+21,true]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Marshal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Marshal = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestMarshalRoundTrip decodes API JSON into an SDK model, as the SDK does, and encodes it back:
// [] stays [], null and absent both vanish.
func TestMarshalRoundTrip(t *testing.T) {
	t.Parallel()
	var sg vpc.SecurityGroup
	if err := json.Unmarshal([]byte(`{"SecurityGroupId":"sg-1","TagSet":[],"UpdateTime":null}`), &sg); err != nil {
		t.Fatal(err)
	}
	got, err := Marshal(&sg)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"SecurityGroupId":"sg-1","TagSet":[]}`; string(got) != want {
		t.Errorf("round trip = %s, want %s", got, want)
	}
}

// TestMarshalMatchesEncodingJSON: without nil or empty lists, the output is encoding/json's.
func TestMarshalMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	var in cvm.Instance
	raw := `{"InstanceId":"ins-1","InstanceName":"订单 <prod>","CPU":8,"Placement":{"Zone":"ap-guangzhou-3","ProjectId":0},` +
		`"SecurityGroupIds":["sg-1"],"InternetAccessible":{"InternetMaxBandwidthOut":10,"PublicIpAssigned":true},"IsolatedSource":"NOTISOLATED"}`
	if err := json.Unmarshal([]byte(raw), &in); err != nil {
		t.Fatal(err)
	}
	got, err := Marshal(&in)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(&in)
	if string(got) != string(want) {
		t.Errorf("Marshal = %s\nencoding/json = %s", got, want)
	}
}

func TestMarshalRefusesNonStringKeys(t *testing.T) {
	t.Parallel()
	if _, err := Marshal(map[int]string{1: "a"}); err == nil {
		t.Error("Marshal(map[int]string) succeeded, want an error naming the key type")
	}
}

// BenchmarkMarshal encodes a CVM instance as the collectors do, beside encoding/json.
func BenchmarkMarshal(b *testing.B) {
	var in cvm.Instance
	raw := []byte(`{"InstanceId":"ins-1","InstanceName":"web","Placement":{"Zone":"ap-guangzhou-3","ProjectId":0},
		"SecurityGroupIds":["sg-1","sg-2"],"DataDisks":[{"DiskId":"disk-1","DiskSize":200,"DiskType":"CLOUD_SSD"}],
		"PrivateIpAddresses":["10.0.0.1"],"Tags":[{"Key":"env","Value":"prod"}],"LoginSettings":{"KeyIds":[]},
		"InternetAccessible":{"InternetChargeType":"TRAFFIC_POSTPAID_BY_HOUR","InternetMaxBandwidthOut":10}}`)
	if err := json.Unmarshal(raw, &in); err != nil {
		b.Fatal(err)
	}
	b.Run("inventory.Marshal", func(b *testing.B) {
		for b.Loop() {
			if _, err := Marshal(&in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(&in); err != nil {
				b.Fatal(err)
			}
		}
	})
}
