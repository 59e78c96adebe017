package queries

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// PastRange: a range that ended longer ago than this is in the past. Grafana evaluates a range ending "now" just
// before it queries, so such a range is a few milliseconds old when it arrives.
const PastRange = 10 * time.Second

// PastRangeNotice goes on every frame of a live query answered as the history of its past range.
const PastRangeNotice = "Live query on a time range in the past: showing the recorded history of that range. Choose a range ending now for live data."

// IsPastRange says whether a time range ended in the past, so that a live query on it would show "now" outside it.
func IsPastRange(to, now time.Time) bool {
	return to.Before(now.Add(-PastRange))
}

// WithPastRangeNotice adds the notice to every frame's meta (Grafana shows it in the panel header).
func WithPastRangeNotice(out data.Frames) data.Frames {
	notice := data.Notice{Severity: data.NoticeSeverityInfo, Text: PastRangeNotice}
	for _, f := range out {
		if f.Meta == nil {
			f.Meta = &data.FrameMeta{}
		}
		f.Meta.Notices = append(f.Meta.Notices, notice)
	}
	return out
}
