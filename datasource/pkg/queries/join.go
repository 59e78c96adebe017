package queries

import (
	"math"
	"sort"

	"github.com/eracing/telemetry-suite/datasource/pkg/frames"
	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

// CarColumns are one car's rows of a history answer.
type CarColumns struct {
	Car     string
	Time    []float64
	Columns []protocol.Column
}

// JoinByCar joins a history answer's batches into one set of columns per car, in race-number order, each in
// strictly ascending time. A channel missing from a batch is NaN there.
func JoinByCar(batches []*protocol.Batch, channels []frames.TraceChannel) []CarColumns {
	rows := map[string]int{}
	var order []string
	for _, b := range batches {
		for _, run := range b.Cars {
			if _, seen := rows[run.Car]; !seen {
				order = append(order, run.Car)
			}
			rows[run.Car] += run.Length
		}
	}
	joined := map[string]*CarColumns{}
	for car, n := range rows {
		c := &CarColumns{Car: car, Time: make([]float64, 0, n), Columns: make([]protocol.Column, len(channels))}
		for i, ch := range channels {
			c.Columns[i] = protocol.Column{Name: ch.Name, Type: ch.Type}
			if ch.Type == "f64" {
				c.Columns[i].F64 = make([]float64, 0, n)
			} else {
				c.Columns[i].F32 = make([]float32, 0, n)
			}
		}
		joined[car] = c
	}
	for _, b := range batches {
		sources := make([]*protocol.Column, len(channels))
		for i, ch := range channels {
			sources[i] = b.Column(ch.Name)
		}
		for _, run := range b.Cars {
			target := joined[run.Car]
			end := run.Start + run.Length
			target.Time = append(target.Time, b.Time[run.Start:end]...)
			for i := range channels {
				appendColumn(&target.Columns[i], sources[i], run.Start, end)
			}
		}
	}
	frames.SortCars(order)
	out := make([]CarColumns, len(order))
	for i, car := range order {
		out[i] = InTimeOrder(*joined[car])
	}
	return out
}

// appendColumn appends rows [start, end) of src to dst, converting between f32 and f64; a missing src is NaN.
func appendColumn(dst, src *protocol.Column, start, end int) {
	for i := start; i < end; i++ {
		v := math.NaN()
		if src != nil {
			if src.Type == "f64" {
				v = src.F64[i]
			} else {
				v = float64(src.F32[i])
			}
		}
		if dst.Type == "f64" {
			dst.F64 = append(dst.F64, v)
		} else {
			dst.F32 = append(dst.F32, float32(v))
		}
	}
}

// InTimeOrder puts a car's rows in strictly ascending time, as dataplane time series must be: rows out of order
// are sorted and a repeated time keeps its last row. Ordered rows are returned as they are.
func InTimeOrder(c CarColumns) CarColumns {
	ordered := true
	for i := 1; i < len(c.Time) && ordered; i++ {
		ordered = c.Time[i] > c.Time[i-1]
	}
	if ordered {
		return c
	}
	order := make([]int, len(c.Time))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return c.Time[order[a]] < c.Time[order[b]] })
	kept := order[:0:0]
	for i, row := range order {
		if i == len(order)-1 || c.Time[order[i+1]] != c.Time[row] {
			kept = append(kept, row)
		}
	}
	out := CarColumns{Car: c.Car, Time: make([]float64, len(kept)), Columns: make([]protocol.Column, len(c.Columns))}
	for i, row := range kept {
		out.Time[i] = c.Time[row]
	}
	for j, col := range c.Columns {
		out.Columns[j] = protocol.Column{Name: col.Name, Type: col.Type}
		if col.Type == "f64" {
			out.Columns[j].F64 = make([]float64, len(kept))
			for i, row := range kept {
				out.Columns[j].F64[i] = col.F64[row]
			}
		} else {
			out.Columns[j].F32 = make([]float32, len(kept))
			for i, row := range kept {
				out.Columns[j].F32[i] = col.F32[row]
			}
		}
	}
	return out
}
