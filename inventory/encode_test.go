package inventory

import (
	"encoding/json"
	"testing"

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

func TestMarshalRefusesNonStringKeys(t *testing.T) {
	t.Parallel()
	if _, err := Marshal(map[int]string{1: "a"}); err == nil {
		t.Error("Marshal(map[int]string) succeeded, want an error naming the key type")
	}
}
