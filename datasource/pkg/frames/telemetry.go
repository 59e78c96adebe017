// Package frames builds the data frames of the frames contract (docs/frames.md, datasource/README.md "Data
// contract"), field for field as the frontend's writers in datasource/src/frames build them.
package frames

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

// LapChannels place a sample on the lap; a query that asks for the lap position reads them first.
var LapChannels = []string{"lap", "lap_distance"}

// TelemetryFrameType is the dataplane type of every telemetry frame: one time field, then value fields labelled by
// car and session.
var TelemetryFrameType = struct {
	Type    data.FrameType
	Version data.FrameTypeVersion
}{data.FrameTypeTimeSeriesWide, data.FrameTypeVersion{0, 1}}

// TraceChannel is what a frame needs to know about a channel. Min and Max are NaN when unknown.
type TraceChannel struct {
	Name        string
	DisplayName string
	GrafanaUnit string
	Min, Max    float64
	Type        string
}

// DescribeChannel describes a channel by the session's catalog, else as a bare number.
func DescribeChannel(name string, catalog []protocol.Channel) TraceChannel {
	for _, c := range catalog {
		if c.Name == name {
			return TraceChannel{Name: c.Name, DisplayName: c.DisplayName, GrafanaUnit: c.GrafanaUnit, Min: c.Min, Max: c.Max, Type: c.Type}
		}
	}
	return TraceChannel{Name: name, DisplayName: name, GrafanaUnit: "none", Min: math.NaN(), Max: math.NaN(), Type: "f32"}
}

// WithLapChannels puts lap and lap_distance first when the session has them; duplicates are dropped.
func WithLapChannels(channels, available []string) []string {
	var names []string
	for _, name := range LapChannels {
		if contains(available, name) {
			names = append(names, name)
		}
	}
	return Unique(append(names, channels...))
}

// Unique keeps the first of each name, in order.
func Unique(names []string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(names))
	for _, name := range names {
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

func contains(list []string, name string) bool {
	for _, entry := range list {
		if entry == name {
			return true
		}
	}
	return false
}

// TableMeta is the meta of the laps, track and events frames: a dataplane table.
func TableMeta(custom any) *data.FrameMeta {
	return &data.FrameMeta{Type: data.FrameTypeTable, TypeVersion: data.FrameTypeVersion{0, 1}, Custom: custom}
}

// JSRound rounds half up, as JavaScript's Math.round does.
func JSRound(x float64) float64 { return math.Floor(x + 0.5) }

// TelemetryMeta is a telemetry frame's meta with its dataplane type.
func TelemetryMeta(custom any, notices []data.Notice) *data.FrameMeta {
	meta := &data.FrameMeta{Type: TelemetryFrameType.Type, TypeVersion: TelemetryFrameType.Version, Custom: custom}
	if len(notices) > 0 {
		meta.Notices = notices
	}
	return meta
}

// NoDataFrame is the frame of a telemetry query with no samples to show: no fields, the type, and the notices.
func NoDataFrame(refID string, custom any, notices []data.Notice) *data.Frame {
	frame := data.NewFrame("")
	frame.RefID = refID
	frame.Meta = TelemetryMeta(custom, notices)
	return frame
}

// CarFrameOptions describe a car's frame.
type CarFrameOptions struct {
	Car      string
	Session  string
	RefID    string
	Channels []TraceChannel
	// CarColours gives every field its car's colour (the query's "colour by car").
	CarColours bool
}

// ChannelFields are a car's field templates: names, configs and labels, built once per query or stream.
type ChannelFields struct {
	options CarFrameOptions
	configs []*data.FieldConfig
	labels  data.Labels
}

// NewChannelFields prepares the fields of a car's frames.
func NewChannelFields(options CarFrameOptions) *ChannelFields {
	f := &ChannelFields{options: options, labels: data.Labels{"car": options.Car, "session": options.Session}}
	for _, channel := range options.Channels {
		config := &data.FieldConfig{Unit: channel.GrafanaUnit, DisplayNameFromDS: channel.DisplayName + " · car " + options.Car}
		if !math.IsNaN(channel.Min) && !math.IsInf(channel.Min, 0) {
			min := data.ConfFloat64(channel.Min)
			config.Min = &min
		}
		if !math.IsNaN(channel.Max) && !math.IsInf(channel.Max, 0) {
			max := data.ConfFloat64(channel.Max)
			config.Max = &max
		}
		if options.CarColours {
			config.Color = map[string]any{"mode": "fixed", "fixedColor": CarColour(options.Car)}
		}
		f.configs = append(f.configs, config)
	}
	return f
}

// Frame builds the car's frame over the columns, one per channel in the options' order.
func (f *ChannelFields) Frame(times []float64, columns []protocol.Column, meta *data.FrameMeta) *data.Frame {
	fields := make([]*data.Field, 0, len(columns)+1)
	fields = append(fields, data.NewField("time", nil, Times(times)))
	for i, channel := range f.options.Channels {
		var field *data.Field
		if channel.Type == "f64" {
			field = data.NewField(channel.Name, f.labels.Copy(), columns[i].F64)
		} else {
			field = data.NewField(channel.Name, f.labels.Copy(), columns[i].F32)
		}
		field.Config = f.configs[i]
		fields = append(fields, field)
	}
	frame := data.NewFrame("car "+f.options.Car, fields...)
	frame.RefID = f.options.RefID
	frame.Meta = meta
	return frame
}

// Time converts epoch milliseconds to a time, keeping sub-millisecond parts exactly.
func Time(ms float64) time.Time {
	sec := math.Floor(ms / 1000)
	ns := math.Round((ms - sec*1000) * 1e6)
	return time.Unix(int64(sec), int64(ns)).UTC()
}

// Millis converts a time back to epoch milliseconds.
func Millis(t time.Time) float64 {
	return float64(t.Unix())*1000 + float64(t.Nanosecond())/1e6
}

// Times converts a column of epoch milliseconds.
func Times(ms []float64) []time.Time {
	out := make([]time.Time, len(ms))
	for i, v := range ms {
		out[i] = Time(v)
	}
	return out
}

var wholeNumber = regexp.MustCompile(`^\d+$`)

// CarNumberLess orders cars by race number: 2 before 11; names that are not numbers after, alphabetically.
func CarNumberLess(a, b string) bool {
	na, ea := strconv.ParseFloat(a, 64)
	nb, eb := strconv.ParseFloat(b, 64)
	fa, fb := ea == nil && !math.IsInf(na, 0) && !math.IsNaN(na), eb == nil && !math.IsInf(nb, 0) && !math.IsNaN(nb)
	switch {
	case fa && fb:
		return na < nb
	case fa != fb:
		return fa
	}
	return a < b
}

// SortCars sorts car numbers in race-number order.
func SortCars(cars []string) {
	sort.SliceStable(cars, func(i, j int) bool { return CarNumberLess(cars[i], cars[j]) })
}

// CarPalette gives up to 20 consecutively numbered cars distinct colours (telemetry-core's carColour).
var CarPalette = [...]string{
	"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45", "#fabed4", "#469990",
	"#dcbeff", "#9a6324", "#fffac8", "#800000", "#aaffc3", "#808000", "#ffd8b1", "#000075", "#a9a9a9", "#ffe119",
}

// CarColour is the car's colour, the same in every panel: race numbers index the palette, other ids hash.
func CarColour(car string) string {
	if wholeNumber.MatchString(car) {
		if n, err := strconv.ParseUint(car, 10, 53); err == nil && n > 0 {
			return CarPalette[(n-1)%uint64(len(CarPalette))]
		}
	}
	hash := uint32(2166136261)
	for _, unit := range utf16Units(car) {
		hash ^= uint32(unit)
		hash *= 16777619
	}
	return CarPalette[hash%uint32(len(CarPalette))]
}

func utf16Units(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xd800+(r>>10)), uint16(0xdc00+(r&0x3ff)))
			continue
		}
		out = append(out, uint16(r))
	}
	return out
}
