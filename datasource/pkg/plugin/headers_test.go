package plugin

import "testing"

func TestFromServerSide(t *testing.T) {
	tests := []struct {
		name    string
		headers map[string]string
		want    bool
	}{
		{"an alert rule's evaluation", map[string]string{"FromAlert": "true", "X-Cache-Skip": "true"}, true},
		{"an alert header canonicalised on the wire", map[string]string{"Fromalert": "true"}, true},
		{"a dashboard query with expressions, forwarded by the middleware", map[string]string{"http_X-Grafana-From-Expr": "true"}, true},
		{"expressions under the header's own name", map[string]string{"X-Grafana-From-Expr": "true"}, true},
		{"a dashboard panel", map[string]string{"http_X-Panel-Id": "4", "http_X-Dashboard-Uid": "live"}, false},
		{"an empty alert header", map[string]string{"FromAlert": ""}, false},
		{"no headers", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fromServerSide(tt.headers); got != tt.want {
				t.Errorf("fromServerSide(%v) = %v, want %v", tt.headers, got, tt.want)
			}
		})
	}
}
