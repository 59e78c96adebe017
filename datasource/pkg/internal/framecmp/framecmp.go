// Package framecmp compares frames in the JSON of Grafana's /api/ds/query answer (data.FrameToJSON): schemas
// exactly, values after decoding nanos and entities, float32 fields after float32 rounding.
package framecmp

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
)

// Float64Tolerance is the relative difference allowed between float64 values: the JavaScript and Go maths
// libraries may differ in the last bit of a cosine (the track's latitude and longitude).
const Float64Tolerance = 1e-12

// Results compares two `results` objects and returns every difference, empty when they match.
func Results(got, want map[string]json.RawMessage) []string {
	var diffs []string
	keys := map[string]bool{}
	for k := range got {
		keys[k] = true
	}
	for k := range want {
		keys[k] = true
	}
	var refs []string
	for k := range keys {
		refs = append(refs, k)
	}
	sort.Strings(refs)
	for _, ref := range refs {
		if got[ref] == nil || want[ref] == nil {
			diffs = append(diffs, fmt.Sprintf("%s: in one answer only (got %v, want %v)", ref, got[ref] != nil, want[ref] != nil))
			continue
		}
		diffs = append(diffs, result(ref, got[ref], want[ref])...)
	}
	return diffs
}

type resultJSON struct {
	Status      int               `json:"status"`
	Error       string            `json:"error"`
	ErrorSource string            `json:"errorSource"`
	Frames      []json.RawMessage `json:"frames"`
}

func result(ref string, gotRaw, wantRaw json.RawMessage) []string {
	var got, want resultJSON
	if err := json.Unmarshal(gotRaw, &got); err != nil {
		return []string{fmt.Sprintf("%s: got: %v", ref, err)}
	}
	if err := json.Unmarshal(wantRaw, &want); err != nil {
		return []string{fmt.Sprintf("%s: want: %v", ref, err)}
	}
	var diffs []string
	if got.Status != want.Status {
		diffs = append(diffs, fmt.Sprintf("%s: status %d, want %d (error %q)", ref, got.Status, want.Status, got.Error))
	}
	if want.Error != "" && got.Error != want.Error {
		diffs = append(diffs, fmt.Sprintf("%s: error %q, want %q", ref, got.Error, want.Error))
	}
	if len(got.Frames) != len(want.Frames) {
		return append(diffs, fmt.Sprintf("%s: %d frames, want %d", ref, len(got.Frames), len(want.Frames)))
	}
	for i := range got.Frames {
		diffs = append(diffs, Frame(fmt.Sprintf("%s frame %d", ref, i), got.Frames[i], want.Frames[i])...)
	}
	return diffs
}

type frameJSON struct {
	Schema struct {
		Name   string           `json:"name"`
		RefID  string           `json:"refId"`
		Meta   any              `json:"meta"`
		Fields []map[string]any `json:"fields"`
	} `json:"schema"`
	Data struct {
		Values   []json.RawMessage          `json:"values"`
		Entities []map[string][]int         `json:"entities"`
		Nanos    [][]int64                  `json:"nanos"`
		Extra    map[string]json.RawMessage `json:"-"`
	} `json:"data"`
}

// Frame compares one frame.
func Frame(where string, gotRaw, wantRaw json.RawMessage) []string {
	var got, want frameJSON
	if err := json.Unmarshal(gotRaw, &got); err != nil {
		return []string{fmt.Sprintf("%s: got: %v", where, err)}
	}
	if err := json.Unmarshal(wantRaw, &want); err != nil {
		return []string{fmt.Sprintf("%s: want: %v", where, err)}
	}
	var diffs []string
	if got.Schema.Name != want.Schema.Name || got.Schema.RefID != want.Schema.RefID {
		diffs = append(diffs, fmt.Sprintf("%s: name/refId %q/%q, want %q/%q", where, got.Schema.Name, got.Schema.RefID, want.Schema.Name, want.Schema.RefID))
	}
	if !reflect.DeepEqual(got.Schema.Meta, want.Schema.Meta) {
		diffs = append(diffs, fmt.Sprintf("%s: meta\n  got  %s\n  want %s", where, show(got.Schema.Meta), show(want.Schema.Meta)))
	}
	if len(got.Schema.Fields) != len(want.Schema.Fields) {
		return append(diffs, fmt.Sprintf("%s: fields %s, want %s", where, names(got.Schema.Fields), names(want.Schema.Fields)))
	}
	for i := range got.Schema.Fields {
		// Go's FrameToJSON leaves out an empty config; the browser's frames write {}: the same to Grafana.
		for _, f := range []map[string]any{got.Schema.Fields[i], want.Schema.Fields[i]} {
			if c, ok := f["config"]; !ok || c == nil {
				f["config"] = map[string]any{}
			}
		}
		name, _ := want.Schema.Fields[i]["name"].(string)
		if !reflect.DeepEqual(got.Schema.Fields[i], want.Schema.Fields[i]) {
			diffs = append(diffs, fmt.Sprintf("%s field %d (%s): schema\n  got  %s\n  want %s", where, i, name, show(got.Schema.Fields[i]), show(want.Schema.Fields[i])))
			continue
		}
		float32Field := false
		if ti, ok := want.Schema.Fields[i]["typeInfo"].(map[string]any); ok {
			float32Field = ti["frame"] == "float32"
		}
		gv, err1 := values(got.Data.Values, got.Data.Entities, got.Data.Nanos, i)
		wv, err2 := values(want.Data.Values, want.Data.Entities, want.Data.Nanos, i)
		if err1 != nil || err2 != nil {
			diffs = append(diffs, fmt.Sprintf("%s field %s: values: %v %v", where, name, err1, err2))
			continue
		}
		if d := compareValues(gv, wv, float32Field); d != "" {
			diffs = append(diffs, fmt.Sprintf("%s field %s: %s", where, name, d))
		}
	}
	return diffs
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func names(fields []map[string]any) string {
	var out []string
	for _, f := range fields {
		out = append(out, fmt.Sprint(f["name"]))
	}
	return "[" + strings.Join(out, " ") + "]"
}

// values decodes field i's values: numbers (with entities restored and nanos added), strings, bools, null, JSON.
func values(all []json.RawMessage, entities []map[string][]int, nanos [][]int64, i int) ([]any, error) {
	if i >= len(all) {
		return nil, fmt.Errorf("no values for field %d", i)
	}
	var vs []any
	if err := json.Unmarshal(all[i], &vs); err != nil {
		return nil, err
	}
	if i < len(entities) && entities[i] != nil {
		for kind, rows := range entities[i] {
			v := map[string]float64{"NaN": math.NaN(), "Inf": math.Inf(1), "NegInf": math.Inf(-1)}[kind]
			for _, row := range rows {
				vs[row] = v
			}
		}
	}
	if i < len(nanos) && nanos[i] != nil {
		for row, ns := range nanos[i] {
			if ms, ok := vs[row].(float64); ok {
				vs[row] = ms + float64(ns)/1e6
			}
		}
	}
	return vs, nil
}

func compareValues(got, want []any, float32Field bool) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d values, want %d", len(got), len(want))
	}
	for row := range got {
		g, gNum := got[row].(float64)
		w, wNum := want[row].(float64)
		if gNum && wNum {
			if !sameNumber(g, w, float32Field) {
				return fmt.Sprintf("row %d: %v, want %v", row, g, w)
			}
			continue
		}
		if !reflect.DeepEqual(got[row], want[row]) {
			return fmt.Sprintf("row %d: %s, want %s", row, show(got[row]), show(want[row]))
		}
	}
	return ""
}

func sameNumber(g, w float64, float32Field bool) bool {
	if math.IsNaN(g) || math.IsNaN(w) {
		return math.IsNaN(g) && math.IsNaN(w)
	}
	if float32Field {
		return float32(g) == float32(w)
	}
	if g == w {
		return true
	}
	return math.Abs(g-w) <= Float64Tolerance*math.Max(math.Abs(g), math.Abs(w))
}
