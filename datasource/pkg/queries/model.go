// Package queries answers the datasource's queries (telemetry by range, by lap and live; laps; track; events)
// with the frames of the frames contract, from the shared protocol client.
package queries

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Query types and modes of the frontend's query model (datasource/src/types.ts).
const (
	TypeTelemetry = "telemetry"
	TypeLaps      = "laps"
	TypeTrack     = "track"
	TypeEvents    = "events"
	ModeLive      = "live"
	ModeHistory   = "history"
)

var eventKinds = []string{"lap", "sector", "pit_in", "pit_out", "flag"}

// Model is the query as the frontend saves it.
type Model struct {
	QueryType    string   `json:"queryType"`
	Session      string   `json:"session"`
	Cars         []string `json:"cars"`
	Channels     []string `json:"channels"`
	Mode         string   `json:"mode"`
	LapChoice    string   `json:"lapChoice"`
	Laps         any      `json:"laps"`
	LastLaps     any      `json:"lastLaps"`
	Kinds        []string `json:"kinds"`
	UpdateRateHz any      `json:"updateRateHz"`
	LapPosition  bool     `json:"lapPosition"`
	ColourByCar  bool     `json:"colourByCar"`
	// LapMetric picks the one number per car a laps query answers alert rules with (frames.LastLapNumbers).
	LapMetric string `json:"lapMetric"`
}

// Resolved is a query with its defaults filled in: what the handlers run on.
type Resolved struct {
	RefID     string
	QueryType string
	Mode      string
	Session   string
	// Cars nil: every car. Channels nil: every channel (telemetry) or none (laps aggregates).
	Cars     []string
	Channels []string
	// Laps nil: the time range. Else []int, "best" or map{"last": n}.
	Laps         any
	Kinds        []string
	UpdateRateHz float64
	LapPosition  bool
	ColourByCar  bool
	LapMetric    string
}

// allOrList is nil (everything) for an empty list or one holding "*" or an uninterpolated "All".
func allOrList(entries []string) []string {
	var out []string
	for _, entry := range entries {
		entry = strings.TrimSpace(entry)
		if entry == "*" || entry == "$__all" {
			return nil
		}
		if entry != "" {
			out = append(out, entry)
		}
	}
	return out
}

// ParseLapNumbers reads lap numbers, whole numbers from 0.
func ParseLapNumbers(entries []string) ([]int, error) {
	laps := make([]int, 0, len(entries))
	for _, entry := range entries {
		lap, err := strconv.Atoi(entry)
		if err != nil || lap < 0 {
			return nil, fmt.Errorf("laps are whole numbers from 0; %q is not one", entry)
		}
		laps = append(laps, lap)
	}
	return laps, nil
}

func textList(v any) []string {
	switch t := v.(type) {
	case nil:
		return nil
	case string:
		var out []string
		for _, part := range strings.Split(t, ",") {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, p)
			}
		}
		return out
	case float64:
		return []string{strconv.FormatFloat(t, 'f', -1, 64)}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, textList(e)...)
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}

func number(v any) (float64, bool) {
	switch t := v.(type) {
	case float64:
		return t, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
		return f, err == nil
	}
	return 0, false
}

func lapSelection(m Model) (any, error) {
	switch m.LapChoice {
	case "", "range":
		return nil, nil
	case "best":
		return "best", nil
	case "last":
		last := 1.0
		if m.LastLaps != nil {
			var ok bool
			if last, ok = number(m.LastLaps); !ok || last != float64(int(last)) || last < 1 {
				return nil, fmt.Errorf(`"Last laps" must be a whole number from 1`)
			}
		}
		return map[string]int{"last": int(last)}, nil
	case "laps":
		laps, err := ParseLapNumbers(textList(m.Laps))
		if err != nil {
			return nil, err
		}
		if len(laps) == 0 {
			return nil, fmt.Errorf(`choose the laps to read, e.g. "3, 4" or a lap variable`)
		}
		return laps, nil
	}
	return nil, fmt.Errorf("unknown lap choice %q; use range, laps, best or last", m.LapChoice)
}

// Resolve reads a query's JSON and fills in its defaults. Its errors are the query's, to show on its row.
func Resolve(refID string, raw json.RawMessage, defaultSession string) (Resolved, error) {
	var m Model
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &m); err != nil {
			return Resolved{}, fmt.Errorf("the query is not valid: %w", err)
		}
	}
	r := Resolved{RefID: refID, QueryType: m.QueryType, Mode: m.Mode, LapPosition: m.LapPosition, ColourByCar: m.ColourByCar,
		LapMetric: strings.TrimSpace(m.LapMetric)}
	if r.QueryType == "" {
		r.QueryType = TypeTelemetry
	}
	switch r.QueryType {
	case TypeTelemetry, TypeLaps, TypeTrack, TypeEvents:
	default:
		return Resolved{}, fmt.Errorf("unknown query type %q; use telemetry, laps, track or events", r.QueryType)
	}
	if r.Mode == "" {
		r.Mode = ModeLive
	}
	if r.Mode != ModeLive && r.Mode != ModeHistory {
		return Resolved{}, fmt.Errorf("unknown mode %q; use live or history", r.Mode)
	}
	r.Session = strings.TrimSpace(m.Session)
	if r.Session == "" {
		r.Session = strings.TrimSpace(defaultSession)
	}
	if r.Session == "" {
		r.Session = "live"
	}
	r.Cars = allOrList(m.Cars)
	r.Channels = allOrList(m.Channels)
	if r.QueryType == TypeTelemetry && r.Mode == ModeHistory {
		laps, err := lapSelection(m)
		if err != nil {
			return Resolved{}, err
		}
		r.Laps = laps
	}
	if r.QueryType == TypeEvents && len(m.Kinds) > 0 {
		for _, kind := range m.Kinds {
			for _, known := range eventKinds {
				if kind == known {
					r.Kinds = append(r.Kinds, kind)
				}
			}
		}
	}
	if r.Mode == ModeLive && m.UpdateRateHz != nil {
		rate, ok := number(m.UpdateRateHz)
		if !ok || !(rate > 0) {
			return Resolved{}, fmt.Errorf(`"Updates/s" must be a positive number, not "%v"`, m.UpdateRateHz)
		}
		r.UpdateRateHz = rate
	}
	return r, nil
}
