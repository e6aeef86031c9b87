package jobs

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLocate checks that a nested UnmarshalJSON failure is traced to its field's path.
func TestLocate(t *testing.T) {
	tests := []struct {
		doc  string
		v    any
		want string
	}{
		{`{"total":{"amount":"1","currency":"CNY"},"parties":[{"name":"a","weight":"1"},{"name":"b","weight":true}]}`, &SplitInput{}, "parties[1].weight"},
		{`{"total":{"amount":"1","currency":"QQQ"},"parties":[]}`, &SplitInput{}, "total"},
		{`{"plan":{},"thresholds":["0.5","half"]}`, &ScheduleInput{}, "thresholds[1]"},
		{`{"total":{"amount":"1","currency":"CNY"},"parties":[{"name":"a","weight":"1"}]}`, &SplitInput{}, ""},
		{`not json`, &SplitInput{}, ""},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, locate([]byte(tt.doc), tt.v)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.doc, diff)
		}
	}
}
