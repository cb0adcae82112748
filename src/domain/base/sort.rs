//! Sorting, with one sorting routine in the whole app.
//!
//! The standard library's sort is generic: each element type and comparison sorted gets its own
//! copy of it (several kilobytes each; 68 KB of the family's wasm went on two dozen copies,
//! issue 31). Here every sort orders a list of positions through one comparison given as a
//! `dyn` function, and then moves the elements into that order: one copy of the real routine,
//! and a few hundred bytes per call. Stable, as `slice::sort_by` is: equal elements keep their
//! order. `tests/architecture.rs` keeps the standard sorts out of `src/`.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, keeping equal elements in their order.
pub fn by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    positions(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
    arrange(v, &order);
}

/// Sorts `v` by the key `key` gives each element (worked out at each comparison).
pub fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its own order.
pub fn sort<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

/// The one sorting routine: positions, by a comparison of the elements at them.
fn positions(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|a, b| cmp(*a, *b));
}

/// Moves the elements of `v` so that `v[i]` is the element that was at `order[i]` (following
/// each cycle of the permutation with swaps: no element is copied).
fn arrange<T>(v: &mut [T], order: &[usize]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        if done[start] {
            continue;
        }
        done[start] = true;
        let mut at = start;
        loop {
            let from = order[at];
            if from == start {
                break;
            }
            v.swap(at, from);
            done[from] = true;
            at = from;
        }
    }
}
