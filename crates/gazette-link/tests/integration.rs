//! The one integration test binary of `gazette-link`.

mod integration {
    mod citations;
    mod deadlines;
    mod handchecked_a;
    mod handchecked_b;
    mod ics;
    mod interpretation;
    mod personnel;
    mod properties;
    mod provisions;
    mod robustness_a;
    mod support_a;
    mod units;
}
