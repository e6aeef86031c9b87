package jobs

import (
	"strings"
	"testing"
)

// TestDecode_NamesNestedField checks that a nested UnmarshalJSON failure (a decimal that is
// not a number, an unknown currency) is reported at its field's path.
func TestDecode_NamesNestedField(t *testing.T) {
	tests := []struct {
		doc  string
		v    any
		want string
	}{
		{`{"total":{"amount":"1","currency":"CNY"},"parties":[{"name":"a","weight":"1"},{"name":"b","weight":true}]}`, &SplitInput{}, "parties[1].weight"},
		{`{"total":{"amount":"1","currency":"QQQ"},"parties":[]}`, &SplitInput{}, "total"},
		{`{"plan":{},"thresholds":["0.5","half"]}`, &ScheduleInput{}, "thresholds[1]"},
	}
	for _, tt := range tests {
		err := decode([]byte(tt.doc), tt.v)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one naming %s", tt.doc, err, tt.want)
		}
	}
	if err := decode([]byte(`{"total":{"amount":"1","currency":"CNY"},"parties":[{"name":"a","weight":"1"}]}`), &SplitInput{}); err != nil {
		t.Errorf("valid input: %v", err)
	}
}
