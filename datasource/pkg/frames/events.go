package frames

import (
	"encoding/json"
	"sort"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

var flagColours = map[string]string{
	"green": "#73bf69", "yellow": "#fade2a", "safety_car": "#ff9830", "red": "#f2495c", "chequered": "#ccccdc",
}

const (
	pitColour     = "#8ab8ff"
	neutralColour = "#ccccdc"
)

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func eventColour(e protocol.Event) string {
	switch e.Kind {
	case "flag":
		if c, ok := flagColours[str(e.Flag)]; ok {
			return c
		}
		return neutralColour
	case "pit_in", "pit_out":
		return pitColour
	}
	if e.Car == nil {
		return neutralColour
	}
	return CarColour(*e.Car)
}

// EventTags are an event's annotation tags: its kind, the car or "session", and the flag.
func EventTags(e protocol.Event) []string {
	tags := []string{e.Kind}
	if e.Car == nil {
		tags = append(tags, "session")
	} else {
		tags = append(tags, "car "+*e.Car)
	}
	if str(e.Flag) != "" {
		tags = append(tags, *e.Flag)
	}
	return tags
}

// spanEnds: pit entry spans until that car's pit exit, a caution flag until the next flag.
func spanEnds(events []protocol.Event) []*time.Time {
	ends := make([]*time.Time, len(events))
	for i, e := range events {
		flag := str(e.Flag)
		opens := e.Kind == "pit_in" || (e.Kind == "flag" && flag != "green" && flag != "chequered")
		if !opens {
			continue
		}
		for _, later := range events[i+1:] {
			if (e.Kind == "pit_in" && later.Kind == "pit_out" && str(later.Car) == str(e.Car) && (later.Car == nil) == (e.Car == nil)) ||
				(e.Kind == "flag" && later.Kind == "flag") {
				t := RoundTime(later.Time)
				ends[i] = &t
				break
			}
		}
	}
	return ends
}

// EventFrame is the events sorted by time, as one frame named events in Grafana's annotation shape: a dataplane
// table whose meta.custom is custom.
func EventFrame(events []protocol.Event, refID string, custom any) *data.Frame {
	sorted := append([]protocol.Event(nil), events...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Time < sorted[j].Time })
	n := len(sorted)
	times, text, kind, colour := make([]time.Time, n), make([]string, n), make([]string, n), make([]string, n)
	tags := make([]json.RawMessage, n)
	car, flag := make([]*string, n), make([]*string, n)
	lap, sector, duration := make([]*float64, n), make([]*float64, n), make([]*float64, n)
	for i, e := range sorted {
		times[i], text[i], kind[i], colour[i] = RoundTime(e.Time), e.Text, e.Kind, eventColour(e)
		tags[i], _ = json.Marshal(EventTags(e))
		car[i], flag[i], lap[i], sector[i], duration[i] = e.Car, e.Flag, e.Lap, e.Sector, e.Duration
	}
	durationField := data.NewField("duration", nil, duration)
	durationField.Config = &data.FieldConfig{Unit: "s"}
	frame := data.NewFrame("events",
		data.NewField("time", nil, times),
		data.NewField("timeEnd", nil, spanEnds(sorted)),
		data.NewField("text", nil, text),
		data.NewField("tags", nil, tags),
		data.NewField("color", nil, colour),
		data.NewField("car", nil, car),
		data.NewField("kind", nil, kind),
		data.NewField("lap", nil, lap),
		data.NewField("sector", nil, sector),
		durationField,
		data.NewField("flag", nil, flag),
	)
	frame.RefID = refID
	frame.Meta = TableMeta(custom)
	return frame
}
