//! The app's one sort (src/domain/base/sort.rs) orders as the standard library's stable sort
//! does, for any list and any comparison, equal elements kept in their order.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use waymark::domain::base::sort;

proptest! {
    #[test]
    fn sorts_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
        // By the first part only: the second shows that equal elements keep their order.
        let mut ours = v.clone();
        sort::by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std = v.clone();
        std.sort_by(|a, b| a.0.cmp(&b.0));
        prop_assert_eq!(&ours, &std);
        let mut ours = v.clone();
        sort::by_key(&mut ours, |x| std::cmp::Reverse(x.1));
        let mut std = v.clone();
        std.sort_by_key(|x| std::cmp::Reverse(x.1));
        prop_assert_eq!(&ours, &std);
        let mut ours = v.clone();
        sort::sort(&mut ours);
        let mut std = v;
        std.sort();
        prop_assert_eq!(ours, std);
    }
}

#[test]
fn strings_and_empty_lists() {
    let mut names = vec!["b".to_string(), "a".into(), "c".into(), "a".into()];
    sort::sort(&mut names);
    assert_eq!(names, ["a", "a", "b", "c"]);
    let mut none: Vec<u8> = Vec::new();
    sort::sort(&mut none);
    assert!(none.is_empty());
}
