//! Prints the default demo state as JSON (for inspection).
fn main() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");
    let s = reservation_mock::generate(reservation_mock::DEFAULT_SEED, today, reservation_mock::DEFAULT_CUSTOMERS);
    println!("{}", s.to_json().expect("json"));
}
