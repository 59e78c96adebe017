package queries

import (
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

// UTCSeconds writes an epoch-millisecond time as "2026-03-14 13:02:07 UTC", as the frontend does.
func UTCSeconds(ms float64) string {
	return time.UnixMilli(int64(ms)).UTC().Format("2006-01-02 15:04:05") + " UTC"
}

// SessionOutsideRange is the notice for a time range that misses the session (it ends before the session started
// or starts after its last sample), so that an empty chart says when the session ran; false when the range reaches it.
func SessionOutsideRange(session protocol.SessionSummary, from, to float64) (data.Notice, bool) {
	before := to < session.StartTime
	after := session.EndTime != nil && from > *session.EndTime
	if !before && !after {
		return data.Notice{}, false
	}
	span := "started at " + UTCSeconds(session.StartTime)
	if session.EndTime != nil {
		span = fmt.Sprintf("ran from %s to %s", UTCSeconds(session.StartTime), UTCSeconds(*session.EndTime))
	}
	return data.Notice{Severity: data.NoticeSeverityInfo,
		Text: fmt.Sprintf("The time range holds none of session %s: it %s. Set the time range to the session to see it.", session.ID, span)}, true
}
