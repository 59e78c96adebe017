package frames

import (
	"sort"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

// The dataplane readers Grafana's server-side expressions and alerting use read a timeseries-wide answer as ONE
// frame: a panel's answer of one wide frame per car would reach an alert rule as the first car only. Answers to the
// server therefore carry the same fields as dataplane timeseries-multi (one series per frame) and, for laps,
// numeric-multi (one number per car and metric).

// TimeSeriesMulti splits each telemetry frame into one frame per value field, sharing its time field, typed
// timeseries-multi. Frames with no fields (no data) keep their notices.
func TimeSeriesMulti(frames data.Frames) data.Frames {
	out := data.Frames{}
	multi := func(meta *data.FrameMeta) *data.FrameMeta {
		m := &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
		if meta != nil {
			m.Custom, m.Notices = meta.Custom, meta.Notices
		}
		return m
	}
	for _, f := range frames {
		if len(f.Fields) < 2 {
			empty := data.NewFrame(f.Name)
			empty.RefID, empty.Meta = f.RefID, multi(f.Meta)
			out = append(out, empty)
			continue
		}
		for _, value := range f.Fields[1:] {
			series := data.NewFrame(f.Name, f.Fields[0], value)
			series.RefID, series.Meta = f.RefID, multi(f.Meta)
			out = append(out, series)
		}
	}
	return out
}

// LastLapNumbers is, per car, its last completed lap as numbers: lap, lap_time (ms), length, energy_used,
// energy_regen and each aggregate's _mean, _min and _max, one numeric-multi frame per car and number, labelled by
// car and session. metric keeps only that number, so that an alert rule has one number per car; without it every
// number carries a `metric` label too, since an alert instance is told apart by its labels alone. Cars without a
// completed lap are left out.
func LastLapNumbers(laps []protocol.Lap, aggregates []TraceChannel, refID, session, metric string) data.Frames {
	last := map[string]protocol.Lap{}
	for _, lap := range laps {
		if lap.EndTime == nil || lap.LapTime == nil {
			continue
		}
		if held, ok := last[lap.Car]; !ok || lap.Lap > held.Lap {
			last[lap.Car] = lap
		}
	}
	cars := make([]string, 0, len(last))
	for car := range last {
		cars = append(cars, car)
	}
	sort.Slice(cars, func(i, j int) bool { return CarNumberLess(cars[i], cars[j]) })
	out := data.Frames{}
	for _, car := range cars {
		lap := last[car]
		labels := data.Labels{"car": car, "session": session}
		number := func(name string, v *float64, config *data.FieldConfig) {
			if v == nil || (metric != "" && name != metric) {
				return
			}
			fieldLabels := labels.Copy()
			if metric == "" {
				fieldLabels["metric"] = name
			}
			field := data.NewField(name, fieldLabels, []float64{*v})
			field.Config = config
			frame := data.NewFrame("car "+car, field)
			frame.RefID = refID
			frame.Meta = &data.FrameMeta{Type: data.FrameTypeNumericMulti, TypeVersion: data.FrameTypeVersion{0, 1},
				Custom: map[string]any{"session": session, "lap": lap.Lap}}
			out = append(out, frame)
		}
		lapNumber := lap.Lap
		number("lap", &lapNumber, nil)
		number("lap_time", lapTimeMsPtr(lap.LapTime), &data.FieldConfig{Unit: LapTimeUnit, DisplayNameFromDS: "Lap time · car " + car})
		number("length", lap.Length, &data.FieldConfig{Unit: "lengthm"})
		number("energy_used", lap.EnergyUsed, &data.FieldConfig{Unit: "kwatth"})
		number("energy_regen", lap.EnergyRegen, &data.FieldConfig{Unit: "kwatth"})
		for _, channel := range aggregates {
			a, ok := lap.Aggregates[channel.Name]
			if !ok {
				continue
			}
			for _, stat := range []struct {
				name string
				v    *float64
			}{{"mean", a.Mean}, {"min", a.Min}, {"max", a.Max}} {
				number(channel.Name+"_"+stat.name, stat.v, &data.FieldConfig{Unit: channel.GrafanaUnit})
			}
		}
	}
	return out
}
