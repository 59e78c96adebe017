package resources

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/eracing/telemetry-suite/datasource/pkg/frames"
	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

// VariableQueryHelp names the variable queries.
const VariableQueryHelp = "Use sessions, cars(<session>), laps(<session>, <car>) or channels(<session>); arguments are optional."

// VariableQuery is a parsed variable query (datasource/src/variables.ts).
type VariableQuery struct {
	Kind    string
	Session string
	Cars    []string
}

var shape = regexp.MustCompile(`(?i)^\s*(sessions|cars|laps|channels)\s*(?:\(([^)]*)\))?\s*$`)

// ParseVariableQuery reads sessions, cars(<session>), laps(<session>, <car>…) or channels(<session>).
func ParseVariableQuery(text string) (VariableQuery, error) {
	m := shape.FindStringSubmatch(text)
	if m == nil {
		return VariableQuery{}, fmt.Errorf("unknown variable query %q. %s", strings.TrimSpace(text), VariableQueryHelp)
	}
	q := VariableQuery{Kind: strings.ToLower(m[1])}
	args := strings.Split(m[2], ",")
	for i := range args {
		args[i] = strings.TrimSpace(args[i])
	}
	if q.Kind == "sessions" {
		return q, nil
	}
	q.Session = args[0]
	if q.Kind == "laps" {
		for _, car := range args[1:] {
			if car != "" && car != "*" {
				q.Cars = append(q.Cars, car)
			}
		}
	}
	return q, nil
}

// MetricFindValue is a variable's value and text, as Grafana's metricFindQuery returns them.
type MetricFindValue struct {
	Text  string `json:"text"`
	Value any    `json:"value"`
}

// FormatLapTime writes a lap time as engineers do: 1:31.695, 31.695, 1:02:03.456.
func FormatLapTime(seconds float64) string {
	if math.IsNaN(seconds) || math.IsInf(seconds, 0) {
		return "–"
	}
	ms := int64(math.Floor(seconds*1000 + 0.5))
	sign := ""
	if ms < 0 {
		sign, ms = "-", -ms
	}
	hours, minutes := ms/3600000, (ms/60000)%60
	rest := fmt.Sprintf("%.3f", float64(ms%60000)/1000)
	switch {
	case hours > 0:
		return fmt.Sprintf("%s%d:%02d:%06s", sign, hours, minutes, rest)
	case minutes > 0:
		return fmt.Sprintf("%s%d:%06s", sign, minutes, rest)
	}
	return sign + rest
}

// LapText is "Lap 7 — 1:31.695", with why an invalid finished lap is invalid.
func LapText(lap protocol.Lap) string {
	// A lap with an end but no time was cut by the recording (or a gap): it is over, not in progress.
	t := "incomplete"
	switch {
	case lap.LapTime != nil:
		t = FormatLapTime(*lap.LapTime)
	case lap.EndTime == nil:
		t = "in progress"
	}
	why := frames.DescribeLapFlags(lap.Flags)
	text := fmt.Sprintf("Lap %g — %s", lap.Lap, t)
	if !lap.Valid && lap.EndTime != nil && why != "" {
		text += " (invalid: " + why + ")"
	}
	return text
}

func lapValues(laps []protocol.Lap, cars []string) []MetricFindValue {
	var chosen []protocol.Lap
	seen := map[string]bool{}
	for _, lap := range laps {
		if len(cars) == 0 || contains(cars, lap.Car) {
			chosen = append(chosen, lap)
			seen[lap.Car] = true
		}
	}
	out := []MetricFindValue{}
	if len(seen) == 1 {
		var finished []protocol.Lap
		for _, lap := range chosen {
			if lap.EndTime != nil {
				finished = append(finished, lap)
			}
		}
		best := frames.BestValidLap(finished)
		isBest := func(lap protocol.Lap) bool {
			return best >= 0 && lap.Car == finished[best].Car && lap.Lap == finished[best].Lap && lap.EndTime != nil
		}
		// The best valid lap first: Grafana opens a variable on its first value, and lap 1 is usually the out-lap.
		sort.SliceStable(chosen, func(i, j int) bool {
			if isBest(chosen[i]) != isBest(chosen[j]) {
				return isBest(chosen[i])
			}
			return chosen[i].Lap < chosen[j].Lap
		})
		for _, lap := range chosen {
			text := LapText(lap)
			if isBest(lap) {
				text += " (best)"
			}
			out = append(out, MetricFindValue{Text: text, Value: lap.Lap})
		}
		return out
	}
	numbers := map[float64]bool{}
	var list []float64
	for _, lap := range chosen {
		if !numbers[lap.Lap] {
			numbers[lap.Lap] = true
			list = append(list, lap.Lap)
		}
	}
	sort.Float64s(list)
	for _, n := range list {
		out = append(out, MetricFindValue{Text: fmt.Sprintf("Lap %g", n), Value: n})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// VariableValues are the values of a variable query, from the catalog of its session.
func VariableValues(q VariableQuery, c *protocol.Catalog) []MetricFindValue {
	out := []MetricFindValue{}
	switch q.Kind {
	case "sessions":
		for _, s := range c.Sessions {
			out = append(out, MetricFindValue{Text: s.Name, Value: s.ID})
		}
	case "cars":
		for _, car := range c.Session.Cars {
			out = append(out, MetricFindValue{Text: fmt.Sprintf("%s — %s (%s)", car.ID, car.Driver, car.Team), Value: car.ID})
		}
	case "channels":
		for _, ch := range c.Session.Channels {
			text := ch.DisplayName
			if ch.Unit != "" {
				text = fmt.Sprintf("%s (%s)", ch.DisplayName, ch.Unit)
			}
			out = append(out, MetricFindValue{Text: text, Value: ch.Name})
		}
	case "laps":
		return lapValues(c.Session.Laps, q.Cars)
	}
	return out
}
