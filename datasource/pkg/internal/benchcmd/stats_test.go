package main

import (
	"testing"
	"time"
)

func TestStats(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		median float64
		max    float64
	}{
		{"one", []float64{3}, 3, 3},
		{"odd, unsorted", []float64{5, 1, 3}, 3, 5},
		{"even takes the upper middle", []float64{4, 1, 3, 2}, 3, 4},
		{"repeated", []float64{2, 2, 7, 2}, 2, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := append([]float64(nil), tt.values...)
			if got := median(tt.values); got != tt.median {
				t.Errorf("median(%v) = %v, want %v", tt.values, got, tt.median)
			}
			if got := maxOf(tt.values); got != tt.max {
				t.Errorf("maxOf(%v) = %v, want %v", tt.values, got, tt.max)
			}
			for i := range before {
				if tt.values[i] != before[i] {
					t.Fatalf("median reordered its input: %v", tt.values)
				}
			}
		})
	}
}

func TestDurations(t *testing.T) {
	tests := []struct {
		seconds float64
		want    time.Duration
		ms      float64
	}{
		{0, 0, 0},
		{1.5, 1500 * time.Millisecond, 1500},
		{0.0025, 2500 * time.Microsecond, 2.5},
	}
	for _, tt := range tests {
		d := seconds(tt.seconds)
		if d != tt.want {
			t.Errorf("seconds(%v) = %v, want %v", tt.seconds, d, tt.want)
		}
		if got := ms(d); got != tt.ms {
			t.Errorf("ms(%v) = %v, want %v", d, got, tt.ms)
		}
	}
}
