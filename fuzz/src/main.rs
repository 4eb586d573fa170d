//! AFL++ target: every property of `switchboard::fuzz` on one input.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        switchboard::fuzz::one_input(data);
    });
}
