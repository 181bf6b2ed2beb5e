//! Conformance suite: runs every JSON vector under the repository's `tests/vectors/` and, when the
//! environment variable `RESERVATION_VECTORS` names a directory, every `*.json` file there too.
//!
//! A file holds one vector or an array of them, of kinds `refund`, `exchange`, `tradein` and
//! `kpis`. In `expect`, amounts compare as decimal numbers, `null` means the amount is absent, a
//! field left out is not checked, and `errors` is a set of codes; a trade-in's `schedule` compares
//! entry by entry (dates exactly, amounts as decimals) and the KPIs' day counts as integers. Unknown top-level fields (such as `note`) are ignored; unknown fields inside the inputs or
//! `expect` make the vector malformed, so a typo never silently checks nothing.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use reservation_quote::{
    commitment_kpis, exchange_quote, refund_quote, tradein_quote, HistoryEntry, KpiInput,
    KpiReservation, Policy, PurchaseLine, QuoteError, Reservation, ReturnLine, ReturnLineQuote,
    SavingsPlan,
};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

const RESERVATION_KEYS: &[&str] = &[
    "id",
    "family",
    "term",
    "billing_plan",
    "purchase_date",
    "quantity",
    "unit_price",
    "current_unit_price",
    "status",
    "final_exchange_used",
];
const POLICY_KEYS: &[&str] = &[
    "fee_rate",
    "refund_limit_usd",
    "limit_window_days",
    "exchange_cutoff",
    "family_groups",
    "non_refundable",
    "savings_plan_families",
];
const HISTORY_KEYS: &[&str] = &["date", "amount"];
const RETURN_KEYS: &[&str] = &["reservation", "quantity"];
const PURCHASE_KEYS: &[&str] = &["family", "term", "billing_plan", "unit_price", "quantity"];
const REFUND_AMOUNTS: &[&str] = &[
    "remaining_commitment",
    "unpaid",
    "fee",
    "refund",
    "limit_used",
    "limit_headroom",
    "limit_added",
];
const REFUND_EXTRA: &[&str] = &["errors", "expiry_date", "remaining_days"];
const EXCHANGE_AMOUNTS: &[&str] = &[
    "refunds_total",
    "remaining_total",
    "purchases_total",
    "net_payable",
];
const EXCHANGE_EXTRA: &[&str] = &["errors", "returns", "purchase_totals"];
const SAVINGS_PLAN_KEYS: &[&str] = &["kind", "term", "billing_plan", "hourly_commitment"];
const TRADEIN_AMOUNTS: &[&str] = &[
    "refunds_total",
    "remaining_total",
    "minimum_hourly_commitment",
    "hourly_commitment",
    "lifetime_commitment",
    "net_payable",
    "monthly_payment",
];
const TRADEIN_EXTRA: &[&str] = &["errors", "returns", "schedule"];
const CHARGE_KEYS: &[&str] = &["date", "amount"];
/// A KPI reservation: the reservation's fields plus its SKU and utilization map.
const KPI_RESERVATION_EXTRA: &[&str] = &["sku", "utilization"];
const KPI_AMOUNTS: &[&str] = &[
    "commitment_cost",
    "utilized_cost",
    "unused_cost",
    "utilization_pct",
    "on_demand_equivalent",
    "savings",
    "effective_savings_rate",
];
const KPI_COUNTS: &[&str] = &["days_with_data", "days_without_data"];
const LINE_KEYS: &[&str] = &["remaining_commitment", "unpaid", "refund"];

/// Where the vectors live, each with the label shown before its file names: the repository's
/// tests/vectors plus $RESERVATION_VECTORS.
fn vector_dirs() -> Vec<(String, PathBuf)> {
    let mut dirs = vec![(
        "tests/vectors".to_owned(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors"),
    )];
    if let Some(extra) = std::env::var_os("RESERVATION_VECTORS") {
        if !extra.is_empty() {
            let dir = PathBuf::from(extra);
            dirs.push((dir.display().to_string(), dir));
        }
    }
    dirs
}

/// Every *.json file in `dir`, sorted; an unreadable directory is an error.
fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read directory: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("{}: cannot list: {e}", dir.display()))?
            .path();
        if path.is_file() && path.extension().is_some_and(|x| x == "json") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Rejects keys of `obj` outside `allowed`.
fn check_keys(obj: &Value, allowed: &[&str], what: &str) -> Result<(), String> {
    let map = obj
        .as_object()
        .ok_or_else(|| format!("{what} is not an object"))?;
    for k in map.keys() {
        if !allowed.contains(&k.as_str()) {
            return Err(format!("{what} has unknown field \"{k}\""));
        }
    }
    Ok(())
}

/// The required field `key` of `obj`.
fn field<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<&'a Value, String> {
    obj.get(key)
        .ok_or_else(|| format!("missing field \"{key}\""))
}

/// Parses a JSON value into `T`, naming `what` in the error.
fn parse<T: DeserializeOwned>(v: &Value, what: &str) -> Result<T, String> {
    serde_json::from_value(v.clone()).map_err(|e| format!("cannot parse {what}: {e}"))
}

/// Parses a quantity: a JSON number, as the vectors write it, or a decimal string (a decimal
/// elsewhere is a string only: the workspace's rust_decimal reads no floats).
fn parse_quantity(v: &Value, what: &str) -> Result<Decimal, String> {
    match v {
        Value::Number(n) => {
            Decimal::from_str(&n.to_string()).map_err(|e| format!("cannot parse {what}: {e}"))
        }
        _ => parse(v, what),
    }
}

/// Parses a reservation, rejecting unknown fields.
fn parse_reservation(v: &Value, what: &str) -> Result<Reservation, String> {
    check_keys(v, RESERVATION_KEYS, what)?;
    parse(v, what)
}

/// Parses the optional `policy` of a vector.
fn parse_policy(obj: &Map<String, Value>) -> Result<Policy, String> {
    match obj.get("policy") {
        None | Some(Value::Null) => Ok(Policy::default()),
        Some(p) => {
            check_keys(p, POLICY_KEYS, "policy")?;
            parse(p, "policy")
        }
    }
}

/// An expected amount: `None` = must be absent, `Some(d)` = must equal d.
fn expected_amount(v: &Value, key: &str) -> Result<Option<Decimal>, String> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Decimal::from_str(s)
            .map(Some)
            .map_err(|e| format!("expect.{key}: \"{s}\" is not a decimal: {e}")),
        Value::Number(n) => Decimal::from_str(&n.to_string())
            .map(Some)
            .map_err(|e| format!("expect.{key}: {n} is not a decimal: {e}")),
        other => Err(format!("expect.{key}: {other} is not an amount")),
    }
}

/// The expected error codes as a set, each one a known spec code.
fn expected_codes(v: &Value) -> Result<BTreeSet<String>, String> {
    let arr = v
        .as_array()
        .ok_or_else(|| "expect.errors is not an array".to_owned())?;
    let mut set = BTreeSet::new();
    for c in arr {
        let s = c
            .as_str()
            .ok_or_else(|| format!("expect.errors: {c} is not a string"))?;
        if !QuoteError::CODES.contains(&s) {
            return Err(format!("expect.errors: \"{s}\" is not a spec error code"));
        }
        set.insert(s.to_owned());
    }
    Ok(set)
}

/// Shows an optional amount.
fn show(d: Option<Decimal>) -> String {
    d.map_or_else(|| "null".to_owned(), |d| d.to_string())
}

/// Collects mismatches of one vector.
struct Checker<'a> {
    /// "file › name" of the vector.
    label: &'a str,
    /// Mismatch lines.
    out: &'a mut Vec<String>,
}

impl Checker<'_> {
    /// Records a mismatch of `field`.
    fn mismatch(
        &mut self,
        field: &str,
        expected: impl std::fmt::Display,
        actual: impl std::fmt::Display,
    ) {
        self.out.push(format!(
            "{}: field {field}: expected {expected}, actual {actual}",
            self.label
        ));
    }

    /// Compares one amount.
    fn amount(&mut self, field: &str, expected: Option<Decimal>, actual: Option<Decimal>) {
        if expected != actual {
            self.mismatch(field, show(expected), show(actual));
        }
    }

    /// Compares return lines field by field.
    fn lines(&mut self, expected: &LineExpect, actual: &[ReturnLineQuote]) {
        if expected.len() != actual.len() {
            self.mismatch("returns (count)", expected.len(), actual.len());
            return;
        }
        for (i, (fields, line)) in expected.iter().zip(actual).enumerate() {
            for (key, d) in fields {
                let a = match *key {
                    "remaining_commitment" => line.remaining_commitment,
                    "unpaid" => line.unpaid,
                    _ => line.refund,
                };
                if a != *d {
                    self.mismatch(&format!("returns[{i}].{key}"), d, a);
                }
            }
        }
    }

    /// Compares error codes as sets.
    fn codes(&mut self, expected: &BTreeSet<String>, actual: &[QuoteError]) {
        let got: BTreeSet<String> = actual.iter().map(|e| e.code().to_owned()).collect();
        if &got != expected {
            self.mismatch("errors", format!("{expected:?}"), format!("{got:?}"));
        }
    }
}

/// Runs one refund vector, returning Err for a malformed one.
fn run_refund(
    obj: &Map<String, Value>,
    expect: &Map<String, Value>,
    ck: &mut Checker,
) -> Result<(), String> {
    let as_of: NaiveDate = parse(field(obj, "as_of")?, "as_of")?;
    let reservation = parse_reservation(field(obj, "reservation")?, "reservation")?;
    let quantity = parse_quantity(field(obj, "quantity")?, "quantity")?;
    let policy = parse_policy(obj)?;
    let history: Vec<HistoryEntry> = match obj.get("history") {
        None | Some(Value::Null) => Vec::new(),
        Some(h) => {
            for (i, e) in h
                .as_array()
                .ok_or_else(|| "history is not an array".to_owned())?
                .iter()
                .enumerate()
            {
                check_keys(e, HISTORY_KEYS, &format!("history[{i}]"))?;
            }
            parse(h, "history")?
        }
    };
    let allowed: Vec<&str> = REFUND_AMOUNTS.iter().chain(REFUND_EXTRA).copied().collect();
    check_keys(&Value::Object(expect.clone()), &allowed, "expect")?;
    // Parse all expectations before running, so a malformed one is reported as such.
    let codes = expect.get("errors").map(expected_codes).transpose()?;
    let amounts = expected_amounts(expect, REFUND_AMOUNTS)?;
    let expiry: Option<Option<NaiveDate>> = expect
        .get("expiry_date")
        .map(|v| parse(v, "expect.expiry_date"))
        .transpose()?;
    let remaining_days: Option<Option<i64>> = expect
        .get("remaining_days")
        .map(|v| parse(v, "expect.remaining_days"))
        .transpose()?;

    let q = refund_quote(&reservation, quantity, as_of, &history, &policy);
    if let Some(codes) = codes {
        ck.codes(&codes, &q.errors);
    }
    for (key, exp) in amounts {
        let actual = match key {
            "remaining_commitment" => q.remaining_commitment,
            "unpaid" => q.unpaid,
            "fee" => q.fee,
            "refund" => q.refund,
            "limit_used" => Some(q.limit_used),
            "limit_headroom" => Some(q.limit_headroom),
            "limit_added" => q.limit_added,
            _ => None,
        };
        ck.amount(key, exp, actual);
    }
    if let Some(e) = expiry {
        if e != q.expiry_date {
            ck.mismatch(
                "expiry_date",
                format!("{e:?}"),
                format!("{:?}", q.expiry_date),
            );
        }
    }
    if let Some(r) = remaining_days {
        if r != q.remaining_days {
            ck.mismatch(
                "remaining_days",
                format!("{r:?}"),
                format!("{:?}", q.remaining_days),
            );
        }
    }
    Ok(())
}

/// Runs one exchange vector, returning Err for a malformed one.
fn run_exchange(
    obj: &Map<String, Value>,
    expect: &Map<String, Value>,
    ck: &mut Checker,
) -> Result<(), String> {
    let as_of: NaiveDate = parse(field(obj, "as_of")?, "as_of")?;
    let policy = parse_policy(obj)?;
    let returns = parse_returns(obj)?;
    let mut purchases = Vec::new();
    for (i, p) in field(obj, "purchases")?
        .as_array()
        .ok_or_else(|| "purchases is not an array".to_owned())?
        .iter()
        .enumerate()
    {
        let what = format!("purchases[{i}]");
        check_keys(p, PURCHASE_KEYS, &what)?;
        let line: PurchaseLine = parse(p, &what)?;
        purchases.push(line);
    }
    let allowed: Vec<&str> = EXCHANGE_AMOUNTS
        .iter()
        .chain(EXCHANGE_EXTRA)
        .copied()
        .collect();
    check_keys(&Value::Object(expect.clone()), &allowed, "expect")?;
    let codes = expect.get("errors").map(expected_codes).transpose()?;
    let amounts = expected_amounts(expect, EXCHANGE_AMOUNTS)?;
    let purchase_totals: Option<Vec<Decimal>> = match expect.get("purchase_totals") {
        None => None,
        Some(v) => {
            let arr = v
                .as_array()
                .ok_or_else(|| "expect.purchase_totals is not an array".to_owned())?;
            let mut out = Vec::new();
            for x in arr {
                out.push(
                    expected_amount(x, "purchase_totals")?
                        .ok_or_else(|| "expect.purchase_totals holds null".to_owned())?,
                );
            }
            Some(out)
        }
    };
    let line_expect = expected_lines(expect)?;

    let q = exchange_quote(&returns, &purchases, as_of, &policy);
    if let Some(codes) = codes {
        ck.codes(&codes, &q.errors);
    }
    for (key, exp) in amounts {
        let actual = match key {
            "refunds_total" => q.refunds_total,
            "remaining_total" => q.remaining_total,
            "purchases_total" => q.purchases_total,
            "net_payable" => q.net_payable,
            _ => None,
        };
        ck.amount(key, exp, actual);
    }
    if let Some(exp) = purchase_totals {
        if exp != q.purchase_totals {
            ck.mismatch(
                "purchase_totals",
                format!("{exp:?}"),
                format!("{:?}", q.purchase_totals),
            );
        }
    }
    if let Some(exp) = line_expect {
        ck.lines(&exp, &q.returns);
    }
    Ok(())
}

/// The `returns` of an exchange or trade-in vector.
fn parse_returns(obj: &Map<String, Value>) -> Result<Vec<ReturnLine>, String> {
    let mut returns = Vec::new();
    for (i, r) in field(obj, "returns")?
        .as_array()
        .ok_or_else(|| "returns is not an array".to_owned())?
        .iter()
        .enumerate()
    {
        let what = format!("returns[{i}]");
        check_keys(r, RETURN_KEYS, &what)?;
        let map = r
            .as_object()
            .ok_or_else(|| format!("{what} is not an object"))?;
        returns.push(ReturnLine {
            reservation: parse_reservation(
                field(map, "reservation")?,
                &format!("{what}.reservation"),
            )?,
            quantity: parse_quantity(field(map, "quantity")?, &format!("{what}.quantity"))?,
        });
    }
    Ok(returns)
}

/// The expected amounts of `keys` present in `expect`, parsed.
fn expected_amounts<'k>(
    expect: &Map<String, Value>,
    keys: &[&'k str],
) -> Result<Vec<(&'k str, Option<Decimal>)>, String> {
    let mut amounts = Vec::new();
    for key in keys {
        if let Some(v) = expect.get(*key) {
            amounts.push((*key, expected_amount(v, key)?));
        }
    }
    Ok(amounts)
}

/// Per-line expectations of returns.
type LineExpect = Vec<Vec<(&'static str, Decimal)>>;

/// expect.returns: [{"remaining_commitment": .., "unpaid": .., "refund": ..}], each key optional.
fn expected_lines(expect: &Map<String, Value>) -> Result<Option<LineExpect>, String> {
    let Some(v) = expect.get("returns") else {
        return Ok(None);
    };
    let arr = v
        .as_array()
        .ok_or_else(|| "expect.returns is not an array".to_owned())?;
    let mut out = Vec::new();
    for (i, x) in arr.iter().enumerate() {
        check_keys(x, LINE_KEYS, &format!("expect.returns[{i}]"))?;
        let mut fields = Vec::new();
        for key in LINE_KEYS {
            if let Some(v) = x.get(*key) {
                let d = expected_amount(v, key)?
                    .ok_or_else(|| format!("expect.returns[{i}].{key} is null"))?;
                fields.push((*key, d));
            }
        }
        out.push(fields);
    }
    Ok(Some(out))
}

/// An expected count: a JSON integer ≥ 0, or null for absent.
fn expected_count(v: &Value, key: &str) -> Result<Option<u64>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_u64()
            .map(Some)
            .ok_or_else(|| format!("expect.{key}: {n} is not a whole count")),
        other => Err(format!("expect.{key}: {other} is not a count")),
    }
}

/// expect.schedule: null (absent) or [{"date", "amount"}, …].
fn expected_schedule(v: &Value) -> Result<Option<Vec<(NaiveDate, Decimal)>>, String> {
    let arr = match v {
        Value::Null => return Ok(None),
        Value::Array(a) => a,
        _ => return Err("expect.schedule is not an array".to_owned()),
    };
    let mut out = Vec::new();
    for (i, c) in arr.iter().enumerate() {
        let what = format!("expect.schedule[{i}]");
        check_keys(c, CHARGE_KEYS, &what)?;
        let map = c
            .as_object()
            .ok_or_else(|| format!("{what} is not an object"))?;
        let date: NaiveDate = parse(field(map, "date")?, &format!("{what}.date"))?;
        let amount = expected_amount(field(map, "amount")?, "schedule.amount")?
            .ok_or_else(|| format!("{what}.amount is null"))?;
        out.push((date, amount));
    }
    Ok(Some(out))
}

/// Runs one trade-in vector, returning Err for a malformed one.
fn run_tradein(
    obj: &Map<String, Value>,
    expect: &Map<String, Value>,
    ck: &mut Checker,
) -> Result<(), String> {
    let as_of: NaiveDate = parse(field(obj, "as_of")?, "as_of")?;
    let policy = parse_policy(obj)?;
    let returns = parse_returns(obj)?;
    let plan: Option<SavingsPlan> = match obj.get("savings_plan") {
        None | Some(Value::Null) => None,
        Some(p) => {
            check_keys(p, SAVINGS_PLAN_KEYS, "savings_plan")?;
            Some(parse(p, "savings_plan")?)
        }
    };
    let allowed: Vec<&str> = TRADEIN_AMOUNTS
        .iter()
        .chain(TRADEIN_EXTRA)
        .copied()
        .collect();
    check_keys(&Value::Object(expect.clone()), &allowed, "expect")?;
    let codes = expect.get("errors").map(expected_codes).transpose()?;
    let amounts = expected_amounts(expect, TRADEIN_AMOUNTS)?;
    let schedule = expect.get("schedule").map(expected_schedule).transpose()?;
    let line_expect = expected_lines(expect)?;

    let q = tradein_quote(&returns, plan.as_ref(), as_of, &policy);
    if let Some(codes) = codes {
        ck.codes(&codes, &q.errors);
    }
    for (key, exp) in amounts {
        let actual = match key {
            "refunds_total" => q.refunds_total,
            "remaining_total" => q.remaining_total,
            "minimum_hourly_commitment" => q.minimum_hourly_commitment,
            "hourly_commitment" => q.hourly_commitment,
            "lifetime_commitment" => q.lifetime_commitment,
            "net_payable" => q.net_payable,
            "monthly_payment" => q.monthly_payment,
            _ => None,
        };
        ck.amount(key, exp, actual);
    }
    if let Some(exp) = schedule {
        match (exp, &q.schedule) {
            (None, None) => {}
            (None, Some(a)) => ck.mismatch("schedule", "null", format!("{} charges", a.len())),
            (Some(e), None) => ck.mismatch("schedule", format!("{} charges", e.len()), "null"),
            (Some(e), Some(a)) => {
                if e.len() != a.len() {
                    ck.mismatch("schedule (count)", e.len(), a.len());
                }
                for (i, ((date, amount), c)) in e.iter().zip(a).enumerate() {
                    if *date != c.date {
                        ck.mismatch(&format!("schedule[{i}].date"), date, c.date);
                    }
                    if *amount != c.amount {
                        ck.mismatch(&format!("schedule[{i}].amount"), amount, c.amount);
                    }
                }
            }
        }
    }
    if let Some(exp) = line_expect {
        ck.lines(&exp, &q.returns);
    }
    Ok(())
}

/// Runs one KPI vector, returning Err for a malformed one.
fn run_kpis(
    obj: &Map<String, Value>,
    expect: &Map<String, Value>,
    ck: &mut Checker,
) -> Result<(), String> {
    let as_of: NaiveDate = parse(field(obj, "as_of")?, "as_of")?;
    let window_days = parse_quantity(field(obj, "window_days")?, "window_days")?;
    let on_demand_prices = match obj.get("on_demand_prices") {
        None | Some(Value::Null) => Default::default(),
        Some(p) => parse(p, "on_demand_prices")?,
    };
    let allowed: Vec<&str> = RESERVATION_KEYS
        .iter()
        .chain(KPI_RESERVATION_EXTRA)
        .copied()
        .collect();
    let mut reservations = Vec::new();
    for (i, r) in field(obj, "reservations")?
        .as_array()
        .ok_or_else(|| "reservations is not an array".to_owned())?
        .iter()
        .enumerate()
    {
        let what = format!("reservations[{i}]");
        check_keys(r, &allowed, &what)?;
        let res: KpiReservation = parse(r, &what)?;
        reservations.push(res);
    }
    let input = KpiInput {
        window_days,
        reservations,
        on_demand_prices,
    };
    let allowed: Vec<&str> = KPI_AMOUNTS
        .iter()
        .chain(KPI_COUNTS)
        .chain(&["errors"])
        .copied()
        .collect();
    check_keys(&Value::Object(expect.clone()), &allowed, "expect")?;
    let codes = expect.get("errors").map(expected_codes).transpose()?;
    let amounts = expected_amounts(expect, KPI_AMOUNTS)?;
    let mut counts = Vec::new();
    for key in KPI_COUNTS {
        if let Some(v) = expect.get(*key) {
            counts.push((*key, expected_count(v, key)?));
        }
    }

    let k = commitment_kpis(&input, as_of);
    if let Some(codes) = codes {
        ck.codes(&codes, &k.errors);
    }
    for (key, exp) in amounts {
        let actual = match key {
            "commitment_cost" => k.commitment_cost,
            "utilized_cost" => k.utilized_cost,
            "unused_cost" => k.unused_cost,
            "utilization_pct" => k.utilization_pct,
            "on_demand_equivalent" => k.on_demand_equivalent,
            "savings" => k.savings,
            "effective_savings_rate" => k.effective_savings_rate,
            _ => None,
        };
        ck.amount(key, exp, actual);
    }
    for (key, exp) in counts {
        let actual = match key {
            "days_with_data" => k.days_with_data,
            _ => k.days_without_data,
        };
        if exp != actual {
            ck.mismatch(key, format!("{exp:?}"), format!("{actual:?}"));
        }
    }
    Ok(())
}

/// Runs one vector; malformed ones are reported in `problems`.
fn run_vector(
    file: &str,
    index: usize,
    v: &Value,
    mismatches: &mut Vec<String>,
    problems: &mut Vec<String>,
) {
    let Some(obj) = v.as_object() else {
        problems.push(format!(
            "{file}[{index}]: malformed: vector is not an object"
        ));
        return;
    };
    let name = match obj.get("name").and_then(Value::as_str) {
        Some(n) => n.to_owned(),
        None => {
            problems.push(format!(
                "{file}[{index}]: malformed: missing string field \"name\""
            ));
            return;
        }
    };
    let label = format!("{file} › \"{name}\"");
    let expect = match obj.get("expect").and_then(Value::as_object) {
        Some(e) => e,
        None => {
            problems.push(format!(
                "{label}: malformed: missing object field \"expect\""
            ));
            return;
        }
    };
    let mut ck = Checker {
        label: &label,
        out: mismatches,
    };
    let result = match obj.get("kind").and_then(Value::as_str) {
        Some("refund") => run_refund(obj, expect, &mut ck),
        Some("exchange") => run_exchange(obj, expect, &mut ck),
        Some("tradein") => run_tradein(obj, expect, &mut ck),
        Some("kpis") => run_kpis(obj, expect, &mut ck),
        Some(other) => Err(format!("unknown kind \"{other}\"")),
        None => Err("missing string field \"kind\"".to_owned()),
    };
    if let Err(e) = result {
        problems.push(format!("{label}: malformed: {e}"));
    }
}

#[test]
fn conformance_vectors() {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for (label, dir) in vector_dirs() {
        match json_files(&dir) {
            Ok(found) => files.extend(found.into_iter().map(|f| (label.clone(), f))),
            Err(e) => problems.push(e),
        }
    }
    let mut mismatches = Vec::new();
    let mut count = 0usize;
    for (label, path) in &files {
        let file = match path.file_name() {
            Some(n) => format!("{label}/{}", n.to_string_lossy()),
            None => path.display().to_string(),
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{file}: cannot read: {e}"));
                continue;
            }
        };
        let value: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{file}: malformed JSON: {e}"));
                continue;
            }
        };
        let vectors = match value {
            Value::Array(a) => a,
            other => vec![other],
        };
        if vectors.is_empty() {
            problems.push(format!("{file}: holds no vector"));
        }
        for (i, v) in vectors.iter().enumerate() {
            count += 1;
            run_vector(&file, i, v, &mut mismatches, &mut problems);
        }
    }
    if count == 0 {
        problems.push("no vectors found".to_owned());
    }
    let mut report = String::new();
    let _ = writeln!(
        report,
        "conformance: {count} vectors from {} files: {} mismatches, {} malformed",
        files.len(),
        mismatches.len(),
        problems.len()
    );
    for m in &mismatches {
        let _ = writeln!(report, "  MISMATCH {m}");
    }
    for p in &problems {
        let _ = writeln!(report, "  MALFORMED {p}");
    }
    println!("{report}");
    assert!(mismatches.is_empty() && problems.is_empty(), "{report}");
}
