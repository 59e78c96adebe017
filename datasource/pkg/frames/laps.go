package frames

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

// LapTimeUnit is Grafana's millisecond clock format: lap and sector times are whole milliseconds, shown as
// 01m:31s:695ms, the digits the variables and panels show.
const LapTimeUnit = "clockms"

var aggregateStats = []string{"mean", "min", "max"}

// DescribeLapFlags is "out-lap, pit"; empty for a clean lap.
func DescribeLapFlags(f protocol.LapFlags) string {
	var names []string
	for _, flag := range []struct {
		set  bool
		name string
	}{{f.OutLap, "out-lap"}, {f.InLap, "in-lap"}, {f.Pit, "pit"}, {f.Incomplete, "incomplete"}} {
		if flag.set {
			names = append(names, flag.name)
		}
	}
	return strings.Join(names, ", ")
}

// BestValidLap is the index of the fastest valid lap with a lap time, or -1; the first of equal times wins.
func BestValidLap(laps []protocol.Lap) int {
	best := -1
	for i, lap := range laps {
		if !lap.Valid || lap.LapTime == nil || !(*lap.LapTime > 0) {
			continue
		}
		if best == -1 || *lap.LapTime < *laps[best].LapTime {
			best = i
		}
	}
	return best
}

// RoundTime is an epoch time in whole milliseconds, rounded as JavaScript's Math.round rounds.
func RoundTime(ms float64) time.Time { return Time(JSRound(ms)) }

func roundTimePtr(ms *float64) *time.Time {
	if ms == nil {
		return nil
	}
	t := RoundTime(*ms)
	return &t
}

// LapTimeMs is seconds as whole milliseconds, rounded half up: the value every lap time is shown and compared by.
func LapTimeMs(seconds float64) float64 { return JSRound(seconds * 1000) }

func lapTimeMsPtr(seconds *float64) *float64 {
	if seconds == nil {
		return nil
	}
	ms := LapTimeMs(*seconds)
	return &ms
}

func orNaN(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v
}

// LapTable is the lap table as one frame named laps: a row per car and lap, by car then lap.
func LapTable(laps []protocol.Lap, aggregates []TraceChannel, refID, session string) *data.Frame {
	rows := lapsByCar(laps)
	fields := append(lapFields(rows, bestLapRows(rows)), aggregateFields(rows, aggregates)...)
	frame := data.NewFrame("laps", fields...)
	frame.RefID = refID
	frame.Meta = TableMeta(map[string]any{"session": session})
	return frame
}

// lapsByCar is a copy of laps sorted by car number, then lap.
func lapsByCar(laps []protocol.Lap) []protocol.Lap {
	rows := append([]protocol.Lap(nil), laps...)
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Car != rows[j].Car {
			return CarNumberLess(rows[i].Car, rows[j].Car)
		}
		return rows[i].Lap < rows[j].Lap
	})
	return rows
}

// bestLapRows marks the row of each car's best valid finished lap; rows are sorted by car.
func bestLapRows(rows []protocol.Lap) map[int]bool {
	best := map[int]bool{}
	for start := 0; start < len(rows); {
		end := start
		for end < len(rows) && rows[end].Car == rows[start].Car {
			end++
		}
		var finished []protocol.Lap
		var index []int
		for i := start; i < end; i++ {
			if rows[i].EndTime != nil {
				finished = append(finished, rows[i])
				index = append(index, i)
			}
		}
		if b := BestValidLap(finished); b >= 0 {
			best[index[b]] = true
		}
		start = end
	}
	return best
}

func withConfig(f *data.Field, c *data.FieldConfig) *data.Field {
	f.Config = c
	return f
}

// lapFields are the columns every lap has: car, lap, times, sector times, validity, best, flags, length and energy.
func lapFields(rows []protocol.Lap, best map[int]bool) []*data.Field {
	sectors := 0
	for _, lap := range rows {
		sectors = max(sectors, len(lap.SectorTimes))
	}
	n := len(rows)
	car, flags := make([]string, n), make([]string, n)
	lapNumber := make([]float64, n)
	start, end := make([]time.Time, n), make([]*time.Time, n)
	lapTime, length := make([]*float64, n), make([]*float64, n)
	used, regen := make([]float64, n), make([]float64, n)
	valid, isBest := make([]bool, n), make([]bool, n)
	sectorTimes := make([][]*float64, sectors)
	for s := range sectorTimes {
		sectorTimes[s] = make([]*float64, n)
	}
	for i, lap := range rows {
		car[i], lapNumber[i], start[i], end[i] = lap.Car, lap.Lap, RoundTime(lap.StartTime), roundTimePtr(lap.EndTime)
		lapTime[i], length[i], used[i], regen[i] = lapTimeMsPtr(lap.LapTime), lap.Length, orNaN(lap.EnergyUsed), orNaN(lap.EnergyRegen)
		valid[i], isBest[i], flags[i] = lap.Valid, best[i], DescribeLapFlags(lap.Flags)
		for s, t := range lap.SectorTimes {
			sectorTimes[s][i] = lapTimeMsPtr(t)
		}
	}
	fields := []*data.Field{
		data.NewField("car", nil, car),
		data.NewField("lap", nil, lapNumber),
		data.NewField("start", nil, start),
		data.NewField("end", nil, end),
		withConfig(data.NewField("lap_time", nil, lapTime), &data.FieldConfig{Unit: LapTimeUnit, DisplayNameFromDS: "Lap time"}),
	}
	for s := range sectorTimes {
		fields = append(fields, withConfig(data.NewField(fmt.Sprintf("sector_%d", s+1), nil, sectorTimes[s]),
			&data.FieldConfig{Unit: LapTimeUnit, DisplayNameFromDS: fmt.Sprintf("Sector %d", s+1)}))
	}
	return append(fields,
		data.NewField("valid", nil, valid),
		data.NewField("best", nil, isBest),
		data.NewField("flags", nil, flags),
		withConfig(data.NewField("length", nil, length), &data.FieldConfig{Unit: "lengthm"}),
		withConfig(data.NewField("energy_used", nil, used), &data.FieldConfig{Unit: "kwatth"}),
		withConfig(data.NewField("energy_regen", nil, regen), &data.FieldConfig{Unit: "kwatth"}),
	)
}

// aggregateFields are a mean, min and max column per aggregated channel.
func aggregateFields(rows []protocol.Lap, aggregates []TraceChannel) []*data.Field {
	var fields []*data.Field
	for _, channel := range aggregates {
		for _, stat := range aggregateStats {
			values := make([]*float64, len(rows))
			for i, lap := range rows {
				if a, ok := lap.Aggregates[channel.Name]; ok {
					values[i] = map[string]*float64{"mean": a.Mean, "min": a.Min, "max": a.Max}[stat]
				}
			}
			fields = append(fields, withConfig(data.NewField(channel.Name+"_"+stat, nil, values),
				&data.FieldConfig{Unit: channel.GrafanaUnit, DisplayNameFromDS: channel.DisplayName + " " + stat}))
		}
	}
	return fields
}
