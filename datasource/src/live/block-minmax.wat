;; Min and max of whole blocks of 128 values, four (float32) or two (float64) lanes at a time.
;; Source of block-minmax-wasm.ts: `node scripts/build-wasm.cjs` compiles it; a unit test checks they match.
;;
;; Each function reads `blocks` blocks from byte `p` of the memory and writes each block's [min, max], in the
;; values' own type, from byte `out`. NaN is passed over: pmin(acc, v) is `v < acc ? v : acc`, so a NaN `v` keeps
;; the accumulator, as JavaScript's `if (v < min) min = v` does. A block of NaN gives [+inf, -inf].
(module
  (memory (import "env" "memory") 1)

  (func (export "blocks32") (param $p i32) (param $blocks i32) (param $out i32)
    (local $end i32) (local $stop i32) (local $min v128) (local $max v128) (local $v v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $blocks) (i32.const 9))))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $min (f32x4.splat (f32.const inf)))
        (local.set $max (f32x4.splat (f32.const -inf)))
        (local.set $stop (i32.add (local.get $p) (i32.const 512)))
        (loop $values
          (local.set $v (v128.load (local.get $p)))
          (local.set $min (f32x4.pmin (local.get $min) (local.get $v)))
          (local.set $max (f32x4.pmax (local.get $max) (local.get $v)))
          (local.set $v (v128.load offset=16 (local.get $p)))
          (local.set $min (f32x4.pmin (local.get $min) (local.get $v)))
          (local.set $max (f32x4.pmax (local.get $max) (local.get $v)))
          (local.set $p (i32.add (local.get $p) (i32.const 32)))
          (br_if $values (i32.lt_u (local.get $p) (local.get $stop))))
        ;; Lanes hold no NaN, so f32.min and f32.max combine them exactly.
        (f32.store (local.get $out)
          (f32.min
            (f32.min (f32x4.extract_lane 0 (local.get $min)) (f32x4.extract_lane 1 (local.get $min)))
            (f32.min (f32x4.extract_lane 2 (local.get $min)) (f32x4.extract_lane 3 (local.get $min)))))
        (f32.store offset=4 (local.get $out)
          (f32.max
            (f32.max (f32x4.extract_lane 0 (local.get $max)) (f32x4.extract_lane 1 (local.get $max)))
            (f32.max (f32x4.extract_lane 2 (local.get $max)) (f32x4.extract_lane 3 (local.get $max)))))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $block))))

  (func (export "blocks64") (param $p i32) (param $blocks i32) (param $out i32)
    (local $end i32) (local $stop i32) (local $min v128) (local $max v128) (local $v v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $blocks) (i32.const 10))))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $min (f64x2.splat (f64.const inf)))
        (local.set $max (f64x2.splat (f64.const -inf)))
        (local.set $stop (i32.add (local.get $p) (i32.const 1024)))
        (loop $values
          (local.set $v (v128.load (local.get $p)))
          (local.set $min (f64x2.pmin (local.get $min) (local.get $v)))
          (local.set $max (f64x2.pmax (local.get $max) (local.get $v)))
          (local.set $v (v128.load offset=16 (local.get $p)))
          (local.set $min (f64x2.pmin (local.get $min) (local.get $v)))
          (local.set $max (f64x2.pmax (local.get $max) (local.get $v)))
          (local.set $p (i32.add (local.get $p) (i32.const 32)))
          (br_if $values (i32.lt_u (local.get $p) (local.get $stop))))
        (f64.store (local.get $out)
          (f64.min (f64x2.extract_lane 0 (local.get $min)) (f64x2.extract_lane 1 (local.get $min))))
        (f64.store offset=8 (local.get $out)
          (f64.max (f64x2.extract_lane 0 (local.get $max)) (f64x2.extract_lane 1 (local.get $max))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $block)))))
