package protocol

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
)

// CarRun is a car's run of rows in a batch.
type CarRun struct {
	Car    string `json:"car"`
	Start  int    `json:"start"`
	Length int    `json:"length"`
}

// Column is one channel of a batch: F32 for type f32, F64 for f64. Missing values are NaN.
type Column struct {
	Name string
	Type string
	F32  []float32
	F64  []float64
}

// Len is the column's row count.
func (c *Column) Len() int {
	if c.Type == "f64" {
		return len(c.F64)
	}
	return len(c.F32)
}

// Batch is a decoded data batch, live (Subscription, Seq) or history (Query).
type Batch struct {
	Session      string
	Epoch        string
	Subscription string
	Seq          int64
	Query        string
	Decimated    bool
	Cars         []CarRun
	Time         []float64
	Columns      []Column
}

// Column returns the batch's column of a channel, or nil.
func (b *Batch) Column(name string) *Column {
	for i := range b.Columns {
		if b.Columns[i].Name == name {
			return &b.Columns[i]
		}
	}
	return nil
}

type batchMeta struct {
	Type         string `json:"type"`
	Session      string `json:"session"`
	Epoch        string `json:"epoch"`
	Subscription string `json:"subscription"`
	Seq          int64  `json:"seq"`
	Query        string `json:"query"`
	Decimated    bool   `json:"decimated"`
	Rows         int    `json:"rows"`
}

type batchLayout struct {
	Cars    []CarRun `json:"cars"`
	Columns []struct {
		Name string `json:"name"`
		Type string `json:"type"`
	} `json:"columns"`
}

var binaryMagic = []byte("ERCB")

const binaryHeaderBytes = 16

func padded8(n int) int { return (n + 7) &^ 7 }

// DecodeBinaryBatch decodes a binary data batch (docs/protocol.md, section 10). Errors name the byte offset.
func DecodeBinaryBatch(msg []byte) (*Batch, error) {
	if len(msg) < binaryHeaderBytes || !bytes.Equal(msg[:4], binaryMagic) {
		return nil, fmt.Errorf("binary batch: no ERCB magic at byte 0")
	}
	if msg[4] != 1 {
		return nil, fmt.Errorf("binary batch: format version %d at byte 4, want 1", msg[4])
	}
	metaLen := int(binary.LittleEndian.Uint32(msg[8:12]))
	layoutLen := int(binary.LittleEndian.Uint32(msg[12:16]))
	body := binaryHeaderBytes + metaLen + layoutLen
	if metaLen < 0 || layoutLen < 0 || body > len(msg) {
		return nil, fmt.Errorf("binary batch: meta (%d bytes) and layout (%d bytes) run past the message's %d bytes", metaLen, layoutLen, len(msg))
	}
	if body%8 != 0 {
		return nil, fmt.Errorf("binary batch: columns start at byte %d, not a multiple of 8", body)
	}
	var meta batchMeta
	if err := json.Unmarshal(msg[binaryHeaderBytes:binaryHeaderBytes+metaLen], &meta); err != nil {
		return nil, fmt.Errorf("binary batch: meta block at byte %d: %w", binaryHeaderBytes, err)
	}
	var layout batchLayout
	if err := json.Unmarshal(msg[binaryHeaderBytes+metaLen:body], &layout); err != nil {
		return nil, fmt.Errorf("binary batch: layout block at byte %d: %w", binaryHeaderBytes+metaLen, err)
	}
	rows := meta.Rows
	if rows < 0 {
		return nil, fmt.Errorf("binary batch: %d rows", rows)
	}
	want := body + rows*8
	for _, c := range layout.Columns {
		switch c.Type {
		case "f64":
			want += rows * 8
		case "f32":
			want += padded8(rows * 4)
		default:
			return nil, fmt.Errorf("binary batch: column %q has type %q, want f32 or f64", c.Name, c.Type)
		}
	}
	if want != len(msg) {
		return nil, fmt.Errorf("binary batch: %d bytes, the layout needs %d", len(msg), want)
	}
	if err := checkRuns(layout.Cars, rows); err != nil {
		return nil, fmt.Errorf("binary batch: %w", err)
	}
	b := &Batch{
		Session: meta.Session, Epoch: meta.Epoch, Subscription: meta.Subscription, Seq: meta.Seq,
		Query: meta.Query, Decimated: meta.Decimated, Cars: layout.Cars,
		Time: readF64(msg[body:body+rows*8], rows), Columns: make([]Column, len(layout.Columns)),
	}
	at := body + rows*8
	for i, c := range layout.Columns {
		b.Columns[i] = Column{Name: c.Name, Type: c.Type}
		if c.Type == "f64" {
			b.Columns[i].F64 = readF64(msg[at:at+rows*8], rows)
			at += rows * 8
		} else {
			b.Columns[i].F32 = readF32(msg[at:at+rows*4], rows)
			at += padded8(rows * 4)
		}
	}
	return b, nil
}

func checkRuns(runs []CarRun, rows int) error {
	next := 0
	for _, run := range runs {
		if run.Start != next || run.Length < 0 {
			return fmt.Errorf("car %q's run starts at row %d, want %d", run.Car, run.Start, next)
		}
		next += run.Length
	}
	if next != rows {
		return fmt.Errorf("the cars' runs cover %d rows of %d", next, rows)
	}
	return nil
}

func readF64(b []byte, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[i*8:]))
	}
	return out
}

func readF32(b []byte, n int) []float32 {
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[i*4:]))
	}
	return out
}

// decodeJSONBatch decodes a data batch in the JSON encoding. Channels arrive without a type: they become f64.
func decodeJSONBatch(msg []byte) (*Batch, error) {
	var raw struct {
		batchMeta
		Cars     []CarRun              `json:"cars"`
		Time     []float64             `json:"time"`
		Channels map[string][]*float64 `json:"channels"`
	}
	if err := json.Unmarshal(msg, &raw); err != nil {
		return nil, fmt.Errorf("JSON batch: %w", err)
	}
	if err := checkRuns(raw.Cars, len(raw.Time)); err != nil {
		return nil, fmt.Errorf("JSON batch: %w", err)
	}
	b := &Batch{
		Session: raw.Session, Epoch: raw.Epoch, Subscription: raw.Subscription, Seq: raw.Seq,
		Query: raw.Query, Decimated: raw.Decimated, Cars: raw.Cars, Time: raw.Time,
	}
	for name, values := range raw.Channels {
		if len(values) != len(raw.Time) {
			return nil, fmt.Errorf("JSON batch: channel %q has %d values for %d rows", name, len(values), len(raw.Time))
		}
		col := Column{Name: name, Type: "f64", F64: make([]float64, len(values))}
		for i, v := range values {
			col.F64[i] = orNaN(v)
		}
		b.Columns = append(b.Columns, col)
	}
	return b, nil
}
